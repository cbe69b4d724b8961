"""Home Assistant discovery from `earmark hub serve` (hub/mqtt.py) through a real Debian
mosquitto that the test starts on a free loopback port: retained discovery configs for an event
entity per label and a level sensor, checked against Home Assistant's documented MQTT event and
sensor options; an event the appliance hears reaches its label's topic; the hub's last will and
availability; a device dropped from hub.toml has its retained topics emptied (Home Assistant's
way to remove it). Personal labels (hub/mqtt.py's Publisher on a store the test writes, and a
stand-in /api/status): each gets its own entity with its first event, topics in slugs, and its
events reach its generic label's entity too, except `other`'s."""
import http.server
import json
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from earmark import ROOT
from earmark.harness import LIVE_SOUND, free_port
from test_api import every_event, get
from test_hub import answering, start_fleet, stop_fleet, write_config

mqtt = pytest.importorskip('paho.mqtt.client')

# Home Assistant's documented discovery options (integrations/event.mqtt, sensor.mqtt and the
# shared availability/device options) that a config may carry, and those it must.
COMMON = {'name', 'unique_id', 'state_topic', 'device', 'availability', 'availability_mode',
          'availability_topic', 'payload_available', 'payload_not_available', 'icon', 'qos',
          'object_id', 'default_entity_id', 'enabled_by_default', 'entity_category',
          'json_attributes_topic', 'json_attributes_template', 'value_template', 'encoding',
          'device_class', 'platform', 'origin', 'entity_picture'}
OPTIONS = {'event': COMMON | {'event_types'},
           'sensor': COMMON | {'unit_of_measurement', 'state_class', 'expire_after',
                               'force_update', 'last_reset_value_template',
                               'suggested_display_precision', 'options'}}
REQUIRED = {'event': {'state_topic', 'event_types'}, 'sensor': {'state_topic'}}
DEVICE = {'identifiers', 'connections', 'name', 'manufacturer', 'model', 'model_id',
          'sw_version', 'hw_version', 'serial_number', 'suggested_area', 'via_device',
          'configuration_url'}


@pytest.fixture(scope='module')
def broker(tmp_path_factory):
    exe = shutil.which('mosquitto') or '/usr/sbin/mosquitto'
    if not shutil.os.path.exists(exe):
        pytest.skip('mosquitto is not installed (tools/system-packages.txt)')
    folder = tmp_path_factory.mktemp('mosquitto')
    port = free_port()
    conf = folder / 'mosquitto.conf'
    conf.write_text('listener %d 127.0.0.1\nallow_anonymous true\npersistence false\n' % port)
    proc = subprocess.Popen([exe, '-c', str(conf)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            socket.create_connection(('127.0.0.1', port), 0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield port
    proc.terminate()
    proc.wait(10)


class Listener:
    """Every message on earmark/# and homeassistant/# (retained ones as the broker keeps them)."""

    def __init__(self, port):
        self.messages = []
        self.lock = threading.Lock()
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
        self.client.on_message = self._on
        self.client.on_connect = lambda c, *a: c.subscribe([('earmark/#', 1),
                                                           ('homeassistant/#', 1)])
        self.client.connect('127.0.0.1', port)
        self.client.loop_start()

    def _on(self, client, userdata, msg):
        with self.lock:
            self.messages.append((msg.topic, msg.payload.decode(), msg.retain))

    def wait(self, test, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                found = [m for m in self.messages if test(m)]
            if found:
                return found
            time.sleep(0.1)
        raise AssertionError('no such message in %s' % self.messages[-20:])

    def latest(self):
        out = {}
        with self.lock:
            for topic, payload, retain in self.messages:
                out[topic] = payload
        return out

    def close(self):
        self.client.loop_stop()
        self.client.disconnect()


def serve(config):
    return subprocess.Popen([sys.executable, '-m', 'earmark.cli', 'hub', 'serve', '--config',
                             str(config), '--port', '0', '--every', '1'], cwd=str(ROOT),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    return out, err


@pytest.fixture(scope='module')
def fleet(tmp_path_factory):
    devs = start_fleet(tmp_path_factory.mktemp('mqttfleet'), {'porch': (1,)})
    yield devs
    stop_fleet(devs)


def test_home_assistant_discovery_events_and_removal(fleet, broker, tmp_path):
    porch = fleet['porch']
    config = write_config(tmp_path, fleet)
    with open(config, 'a') as f:
        f.write('[mqtt]\nhost = "127.0.0.1"\nport = %d\n' % broker)
    listener = Listener(broker)
    hub = serve(config)
    try:
        labels = get(porch, '/api/status')[1]['model']['labels']
        listener.wait(lambda m: m[0] == 'homeassistant/sensor/earmark_porch/level/config')
        listener.wait(lambda m: m[0] == 'earmark/porch/availability' and m[1] == 'online')
        listener.wait(lambda m: m[0] == 'earmark/porch/level')
        got = listener.latest()
        configs = {t: json.loads(p) for t, p in got.items() if t.startswith('homeassistant/')}
        assert len(configs) == len(labels) + 1
        ids = set()
        for topic, c in configs.items():
            kind = topic.split('/')[1]
            assert REQUIRED[kind] <= set(c) <= OPTIONS[kind], (topic, c)
            assert set(c['device']) <= DEVICE and c['device']['identifiers'] == ['earmark_porch']
            assert c['availability_mode'] == 'all'
            assert {a['topic'] for a in c['availability']} == {
                'earmark/hub/availability', 'earmark/porch/availability'}
            ids.add(c['unique_id'])
        assert len(ids) == len(configs)
        events = {c['event_types'][0]: c['state_topic'] for c in configs.values()
                  if 'event_types' in c}
        assert sorted(events) == sorted(labels)
        float(got['earmark/porch/level'])
        assert got['earmark/hub/availability'] == 'online'
        # the history before the hub started is not announced; a sound heard now is
        assert not [m for m in listener.messages if m[0].startswith('earmark/porch/event/')]
        newest = max(e['id'] for e in every_event(porch, limit=50))
        porch.play(LIVE_SOUND)
        msg = listener.wait(lambda m: m[0].startswith('earmark/porch/event/'), 90)[0]
        ev = json.loads(msg[1])
        stored = next(e for e in every_event(porch, limit=50) if e['id'] == ev['id'])
        assert ev['id'] > newest and msg[0] == events[stored['label']]
        assert ev['event_type'] == stored['label'] and not msg[2]
    finally:
        stop(hub)
    listener.wait(lambda m: m[0] == 'earmark/hub/availability' and m[1] == 'offline')
    listener.close()

    # The porch taken out of hub.toml: its retained topics are emptied at the next start.
    config.write_text('data = "data"\n[mqtt]\nhost = "127.0.0.1"\nport = %d\n' % broker)
    hub = serve(config)
    try:
        time.sleep(3)
    finally:
        stop(hub)
    fresh = Listener(broker)   # only retained messages reach a new subscriber
    time.sleep(1.5)
    fresh.close()
    assert [t for t, p, r in fresh.messages if 'porch' in t] == []
    assert ('earmark/hub/availability', 'offline', True) in fresh.messages


MODEL = ['doorbell', 'dog_bark', 'speech', 'background', 'other']
# A device's /api/status as the publisher reads it: the model's labels and the level.
Status = answering(json.dumps({'model': {'name': 'm', 'labels': MODEL},
                               'level_db': -42.0}).encode())


def test_personal_labels_get_their_own_entity_and_keep_the_generic_one_firing(broker, tmp_path):
    from hub.config import Config, Device
    from hub.mqtt import Publisher
    from hub.store import Store
    from test_hub_personal import apply, event
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Status)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    device = Device('kitchen', 'http://127.0.0.1:%d' % server.server_address[1], 'x')
    config = Config(tmp_path / 'hub.toml', tmp_path / 'data', (device,),
                    {'host': '127.0.0.1', 'port': broker})
    store = Store(config.data)
    cursor = apply(store, 'kitchen', [event(0, 'doorbell'), event(1, 'our bell', 'doorbell')])
    listener = Listener(broker)
    try:
        hub = Publisher(config, store)
        hub.update('kitchen', {'error': None, 'events': 2})   # configs; the history not told
        apply(store, 'kitchen', [event(2, 'our bell', 'doorbell'),
                                 event(3, 'Bin + lid #1', 'other'), event(4, 'dog_bark'),
                                 event(5, 'Our bell', 'doorbell'),
                                 event(6, 'our bell', 'doorbell')], cursor)
        hub.update('kitchen', {'error': None, 'events': 5})
        listener.wait(lambda m: m[0] == 'earmark/kitchen/event/doorbell' and '"id": 6' in m[1])
        hub.close()
        told = {}   # id -> {topic: payload} of the events published
        for topic, payload, _ in listener.messages:
            if topic.startswith(('earmark/kitchen/event/', 'earmark/kitchen/personal/')):
                e = json.loads(payload)
                told.setdefault(e['id'], {})[topic] = e
        assert sorted(told) == [2, 3, 4, 5, 6]
        own = 'earmark/kitchen/personal/our_bell'
        for ident in (2, 6):
            assert told[ident][own]['event_type'] == 'our bell'
            assert told[ident][own]['generic'] == 'doorbell'
            generic = told[ident]['earmark/kitchen/event/doorbell']
            assert (generic['event_type'], generic['personal']) == ('doorbell', 'our bell')
            assert len(told[ident]) == 2
        assert list(told[3]) == ['earmark/kitchen/personal/bin___lid__1']   # not on `other`
        assert told[3]['earmark/kitchen/personal/bin___lid__1']['event_type'] == 'Bin + lid #1'
        assert list(told[4]) == ['earmark/kitchen/event/dog_bark']
        assert told[5]['earmark/kitchen/personal/our_bell_2']['event_type'] == 'Our bell'
        # one config per personal label, once, valid for Home Assistant, on its state topic
        configs = {}
        for topic, payload, _ in listener.messages:
            if topic.startswith('homeassistant/event/earmark_kitchen/personal_'):
                assert topic not in configs, topic
                configs[topic] = json.loads(payload)
        assert {c['event_types'][0]: c['state_topic'] for c in configs.values()} == {
            'our bell': own, 'Bin + lid #1': 'earmark/kitchen/personal/bin___lid__1',
            'Our bell': 'earmark/kitchen/personal/our_bell_2'}
        for c in configs.values():
            assert REQUIRED['event'] <= set(c) <= OPTIONS['event'], c
            assert c['device']['identifiers'] == ['earmark_kitchen']
        assert len({c['unique_id'] for c in configs.values()}) == 3
        everyone = [t for t, _, _ in listener.messages]
        assert not [t for t in everyone if set(t) - set('abcdefghijklmnopqrstuvwxyz0123456789_/')]
    finally:
        listener.close()
    # the kitchen taken out: its personal entities are emptied with the rest
    Publisher(Config(tmp_path / 'hub.toml', config.data, (), config.mqtt), store).close()
    server.shutdown()
    fresh = Listener(broker)
    time.sleep(1.5)
    fresh.close()
    assert [t for t, p, r in fresh.messages if 'kitchen' in t] == []
