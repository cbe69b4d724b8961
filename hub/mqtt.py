"""Home Assistant over MQTT (discovery): each appliance a device in Home Assistant, with an
`event` entity per model label and per personal label (a sound the household taught, "our
doorbell"), a sound level sensor and availability; published by `hub serve` with paho-mqtt to
the broker named in hub.toml's [mqtt]. SLUG is a label in ASCII letters, digits and '_' (a
personal label may hold spaces or '+'; the model's labels are their own slugs).

    homeassistant/event/earmark_NAME/SLUG/config     retained discovery config, one per model label
    homeassistant/event/earmark_NAME/personal_SLUG/config   one per personal label, published
                                 with the first of its events
    homeassistant/sensor/earmark_NAME/level/config   retained discovery config
    earmark/NAME/event/SLUG      {"event_type": LABEL, "id", "epoch", "start", "confidence"}
    earmark/NAME/personal/SLUG   {"event_type": PERSONAL, "generic": LABEL, "id", ...}
    earmark/NAME/level           the level in dBFS, retained
    earmark/NAME/availability    online | offline, retained (offline while the hub cannot
                                 reach the device)
    earmark/hub/availability     online | offline, retained (offline is the hub's last will)

An event with a personal label is also published on its model label's topic (its `generic`),
with "personal": PERSONAL added, so automations on the model's doorbell keep firing once the
household has taught its own; not for `other` and `background`. Personal labels whose slugs
are alike get _2, _3, ... in the order they first came.

Only events pulled while it runs are announced (a first start does not replay the history).
A device taken out of hub.toml has its retained topics emptied at the next start, which is how
Home Assistant removes it. DATA/mqtt.json keeps what was published.
"""
import json

import paho.mqtt.client as mqtt_client

from . import feed, sql
from .store import write_json

HUB = 'earmark/hub/availability'
QUIET = ('other', 'background')   # model labels a personal event is not published to


def slug(text):
    """text as a topic level and a Home Assistant id take it: ASCII letters and digits, the rest
    '_' (a personal label may hold spaces, '+', '#' or any letter)."""
    return ''.join(c if c.isascii() and c.isalnum() else '_' for c in text).lower()


def device_info(name):
    return {'identifiers': ['earmark_' + slug(name)], 'name': 'Earmark ' + name,
            'manufacturer': 'Earmark', 'model': 'Earmark sound appliance'}


def availability(name):
    return {'availability': [{'topic': HUB}, {'topic': 'earmark/%s/availability' % name}],
            'availability_mode': 'all'}


def event_topic(name, label):
    return 'earmark/%s/event/%s' % (name, slug(label))


def personal_topic(name, key):
    return 'earmark/%s/personal/%s' % (name, key)


def event_config(name, object_id, title, state_topic, label):
    """(topic, payload) of an event entity's discovery config (Home Assistant's MQTT event)."""
    node = 'earmark_' + slug(name)
    return 'homeassistant/event/%s/%s/config' % (node, object_id), dict(
        name=title, unique_id='%s_%s' % (node, object_id), state_topic=state_topic,
        event_types=[label], device=device_info(name), **availability(name))


def personal_config(name, label, key):
    """A personal label's entity, named as the household wrote it; `key`: its slug, made unique
    among the device's personal labels."""
    return event_config(name, 'personal_' + key, label, personal_topic(name, key), label)


def configs(name, labels):
    """{topic: payload} of a device's discovery configs for its model labels and level (Home
    Assistant's MQTT event and sensor schemas)."""
    node = 'earmark_' + slug(name)
    out = dict(event_config(name, slug(label), label.replace('_', ' ').capitalize(),
                            event_topic(name, label), label) for label in labels)
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
            # a model's labels replace the last model's; personal entities stay, and every
            # retained topic stays listed, to be emptied if the device is removed
            before = known or {}
            known = {'labels': labels, 'last': last, 'personal': before.get('personal', {}),
                     'topics': sorted(topics | set(configs(name, labels)) |
                                      set(before.get('topics', ())))}
            self.state['devices'][name] = known
            self._save()
        self.publish('earmark/%s/availability' % name, 'online' if online else 'offline')
        if known is None:
            return
        known.setdefault('personal', {})   # a state file from before personal labels
        if status and status.get('level_db') is not None:
            self.publish('earmark/%s/level' % name, '%.1f' % status['level_db'])
        if line['events']:
            with self.store.lock(shared=True):
                rows = sql.connect(self.store).execute(
                    'select epoch, id, label, generic, start, confidence from events where '
                    'device = ? and (epoch > ? or epoch = ? and id > ?) order by epoch, id',
                    [name, known['last'][0], known['last'][0], known['last'][1]]).fetchall()
            for epoch, ident, label, generic, start, confidence in rows:
                about = {'id': ident, 'epoch': epoch, 'start': start,
                         'confidence': round(confidence, 3)}
                if generic is None and label in known['labels']:
                    self.publish(event_topic(name, label), dict(event_type=label, **about),
                                 retain=False)
                else:
                    self.publish(personal_topic(name, self._personal(name, known, label)),
                                 dict(event_type=label, generic=generic, **about), retain=False)
                    # the model label's automations keep firing once a household teaches its
                    # own doorbell; `other` and `background` are nobody's automation
                    if generic in known['labels'] and generic not in QUIET:
                        self.publish(event_topic(name, generic),
                                     dict(event_type=generic, personal=label, **about),
                                     retain=False)
                known['last'] = [epoch, ident]
            if rows:
                self._save()

    def _personal(self, name, known, label):
        """The key of personal label `label`'s topics; its discovery config is published the
        first time it is asked for."""
        key = known['personal'].get(label)
        if key is None:
            # labels slug() makes alike ("Our bell", "our bell") each get their own entity
            taken, key, n = set(known['personal'].values()), slug(label), 2
            while key in taken:
                key, n = '%s_%d' % (slug(label), n), n + 1
            topic, payload = personal_config(name, label, key)
            self.publish(topic, payload)
            known['personal'][label] = key
            known['topics'] = sorted(set(known['topics']) | {topic})
            self._save()
        return key

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
