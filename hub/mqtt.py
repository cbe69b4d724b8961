"""Home Assistant over MQTT (discovery): each appliance a device in Home Assistant, with an
`event` entity per label, a sound level sensor and availability; published by `hub serve` with
paho-mqtt to the broker named in hub.toml's [mqtt].

    homeassistant/event/earmark_NAME/LABEL/config    retained discovery config, one per label
    homeassistant/sensor/earmark_NAME/level/config   retained discovery config
    earmark/NAME/event/LABEL     {"event_type": LABEL, "id", "epoch", "start", "confidence"}
    earmark/NAME/level           the level in dBFS, retained
    earmark/NAME/availability    online | offline, retained (offline while the hub cannot
                                 reach the device)
    earmark/hub/availability     online | offline, retained (offline is the hub's last will)

Only events pulled while it runs are announced (a first start does not replay the history).
A device taken out of hub.toml has its retained topics emptied at the next start, which is how
Home Assistant removes it. DATA/mqtt.json keeps what was published.
"""
import json

import paho.mqtt.client as mqtt_client

from . import feed, sql
from .store import write_json

HUB = 'earmark/hub/availability'


def slug(text):
    return ''.join(c if c.isalnum() else '_' for c in text).lower()


def device_info(name):
    return {'identifiers': ['earmark_' + slug(name)], 'name': 'Earmark ' + name,
            'manufacturer': 'Earmark', 'model': 'Earmark sound appliance'}


def availability(name):
    return {'availability': [{'topic': HUB}, {'topic': 'earmark/%s/availability' % name}],
            'availability_mode': 'all'}


def configs(name, labels):
    """{topic: payload} of a device's discovery configs (Home Assistant's MQTT event and
    sensor schemas)."""
    node = 'earmark_' + slug(name)
    out = {}
    for label in labels:
        out['homeassistant/event/%s/%s/config' % (node, slug(label))] = dict(
            name=label.replace('_', ' ').capitalize(), unique_id='%s_%s' % (node, slug(label)),
            state_topic='earmark/%s/event/%s' % (name, label), event_types=[label],
            device=device_info(name), **availability(name))
    out['homeassistant/sensor/%s/level/config' % node] = dict(
        name='Sound level', unique_id=node + '_level', state_topic='earmark/%s/level' % name,
        unit_of_measurement='dBFS', state_class='measurement', icon='mdi:waveform',
        device=device_info(name), **availability(name))
    return out


class Publisher:
    def __init__(self, config, store, client_id='earmark-hub'):
        self.config, self.store = config, store
        self.state_path = store.data / 'mqtt.json'
        try:
            self.state = json.loads(self.state_path.read_text())
        except FileNotFoundError:
            self.state = {'devices': {}}
        self.client = mqtt_client.Client(mqtt_client.CallbackAPIVersion.VERSION2,
                                         client_id=client_id)
        self.client.will_set(HUB, 'offline', qos=1, retain=True)
        self.client.connect(config.mqtt['host'], config.mqtt['port'])
        self.client.loop_start()
        self.publish(HUB, 'online')
        kept = {d.name for d in config.devices}
        for name in list(self.state['devices']):
            if name not in kept:
                self.remove(name)

    def publish(self, topic, payload, retain=True):
        if not isinstance(payload, (str, bytes)):
            payload = json.dumps(payload)
        self.client.publish(topic, payload, qos=1, retain=retain).wait_for_publish(10)

    def remove(self, name):
        """Empties a dropped device's retained topics: Home Assistant removes it."""
        for topic in self.state['devices'][name]['topics']:
            self.publish(topic, '')
        del self.state['devices'][name]
        self._save()

    def update(self, name, line):
        """After a pull of device `name` (its result line): availability, the discovery
        configs (once its labels are known), the level, and the events new since last time."""
        device = next(d for d in self.config.devices if d.name == name)
        known = self.state['devices'].get(name)
        status = None
        try:
            got, body = feed.Client(device, timeout=5, tries=1).get('/api/status')
            status = json.loads(body)
        except (feed.FeedError, ValueError):
            pass
        online = line['error'] is None and status is not None
        topics = {'earmark/%s/availability' % name, 'earmark/%s/level' % name}
        if status and (known is None or known['labels'] != status['model']['labels']):
            labels = status['model']['labels']
            for topic, payload in configs(name, labels).items():
                self.publish(topic, payload)
            last = self._newest(name)   # history before now is not announced
            known = {'labels': labels, 'last': last, 'topics': sorted(
                topics | set(configs(name, labels)))}
            self.state['devices'][name] = known
            self._save()
        self.publish('earmark/%s/availability' % name, 'online' if online else 'offline')
        if known is None:
            return
        if status and status.get('level_db') is not None:
            self.publish('earmark/%s/level' % name, '%.1f' % status['level_db'])
        if line['events']:
            with self.store.lock(shared=True):
                rows = sql.connect(self.store).execute(
                    'select epoch, id, label, start, confidence from events where device = ? and '
                    '(epoch > ? or epoch = ? and id > ?) order by epoch, id',
                    [name, known['last'][0], known['last'][0], known['last'][1]]).fetchall()
            for epoch, ident, label, start, confidence in rows:
                self.publish('earmark/%s/event/%s' % (name, label), {
                    'event_type': label, 'id': ident, 'epoch': epoch, 'start': start,
                    'confidence': round(confidence, 3)}, retain=False)
                known['last'] = [epoch, ident]
            if rows:
                self._save()

    def _newest(self, name):
        with self.store.lock(shared=True):
            row = sql.connect(self.store).execute(
                'select epoch, id from events where device = ? order by epoch desc, id desc '
                'limit 1', [name]).fetchone()
        return list(row) if row else [0, -1]

    def _save(self):
        write_json(self.state_path, self.state)

    def close(self):
        self.publish(HUB, 'offline')
        self.client.loop_stop()
        self.client.disconnect()
