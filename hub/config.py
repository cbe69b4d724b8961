"""hub.toml: where the hub keeps its data, the devices it pulls, and an optional MQTT broker.

    data = "/var/lib/earmark-hub"
    [[devices]]
    name = "front-door"
    url = "http://192.168.1.40"
    token_file = "front-door.token"     # or token = "..." (then hub.toml itself must be 0600)
    [mqtt]
    host = "127.0.0.1"
    port = 1883

Optional: `page = N`, the changes asked of a device at a time (default 200, 1..1000): each
page is committed before the next is asked for; [second], the second opinion (hub/second.py).

A token is a secret: a file that holds one must be readable by its owner only (mode 0600), or
the config is refused; tokens are never printed or logged (Device's repr leaves them out).
Relative paths are relative to hub.toml's folder.
"""
import os
import re
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

NAME = re.compile(r'^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$')   # a path part, a hive partition value


class ConfigError(ValueError):
    """hub.toml cannot be used; the message says what to change."""


@dataclass(frozen=True)
class Device:
    name: str
    url: str
    token: str = field(repr=False)


@dataclass(frozen=True)
class Config:
    path: Path
    data: Path
    devices: tuple
    mqtt: dict = None
    page: int = 200
    second: dict = None


def _private(path):
    """Refuses a file holding a token that others may read."""
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ConfigError('%s holds a token but others may read it (mode %o): chmod 600 %s'
                          % (path, stat.S_IMODE(mode), path))


def load(path):
    """The checked Config of hub.toml at `path`; ConfigError says what is wrong."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text())
    except OSError as e:
        raise ConfigError('cannot read %s: %s' % (path, e.strerror))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError('%s is not TOML: %s' % (path, e))
    here = path.parent
    unknown = set(raw) - {'data', 'devices', 'mqtt', 'page', 'second'}
    if unknown:
        raise ConfigError('%s: unknown key %s' % (path, ', '.join(sorted(unknown))))
    if not isinstance(raw.get('data'), str) or not raw['data']:
        raise ConfigError('%s: data = "FOLDER" is missing' % path)
    devices, names = [], set()
    entries = raw.get('devices', [])
    if not isinstance(entries, list) or not all(isinstance(d, dict) for d in entries):
        raise ConfigError('%s: devices must be [[devices]] tables' % path)
    for n, d in enumerate(entries, 1):
        where = '%s: device %d' % (path, n)
        unknown = set(d) - {'name', 'url', 'token', 'token_file'}
        if unknown:
            raise ConfigError('%s: unknown key %s' % (where, ', '.join(sorted(unknown))))
        name = d.get('name')
        if not isinstance(name, str) or not NAME.match(name):
            raise ConfigError('%s: name must be letters, digits, _ . - (at most 64)' % where)
        if name in names:
            raise ConfigError('%s: name %r is used twice' % (where, name))
        names.add(name)
        url = d.get('url')
        if not isinstance(url, str) or not re.match(r'^https?://[^/\s]+/?$', url):
            raise ConfigError('%s (%s): url must be http://HOST[:PORT]' % (where, name))
        if ('token' in d) == ('token_file' in d):
            raise ConfigError('%s (%s): give token or token_file, one of them' % (where, name))
        if 'token' in d:
            _private(path)
            token = d['token']
        else:
            tf = here / d['token_file']
            try:
                _private(tf)
                token = tf.read_text().strip()
            except OSError as e:
                raise ConfigError('%s (%s): cannot read token_file %s: %s' % (
                    where, name, tf, e.strerror))
        if not isinstance(token, str) or not token or not token.isprintable() or ' ' in token:
            raise ConfigError('%s (%s): the token is empty or not one word' % (where, name))
        devices.append(Device(name, url.rstrip('/'), token))
    mqtt = raw.get('mqtt')
    if mqtt is not None:
        if (not isinstance(mqtt, dict) or set(mqtt) - {'host', 'port'} or
                not isinstance(mqtt.get('host'), str) or
                not isinstance(mqtt.get('port', 1883), int)):
            raise ConfigError('%s: [mqtt] takes host = "NAME" and port = N' % path)
        mqtt = {'host': mqtt['host'], 'port': mqtt.get('port', 1883)}
    second = raw.get('second')
    if second is not None:
        if (not isinstance(second, dict) or set(second) - {'data', 'teacher', 'overrule'} or
                not isinstance(second.get('data'), list) or not second['data'] or
                not all(isinstance(d, str) for d in second['data']) or
                not isinstance(second.get('teacher', ''), str) or
                not isinstance(second.get('overrule', False), bool)):
            raise ConfigError('%s: [second] takes data = ["FOLDER", ...], teacher = "FILE" '
                              'and overrule = true|false' % path)
        second = {'data': [str(here / d) for d in second['data']],
                  'teacher': str(here / second['teacher']) if second.get('teacher') else None,
                  'overrule': second.get('overrule', False)}
    page = raw.get('page', 200)
    if not isinstance(page, int) or isinstance(page, bool) or not 1 <= page <= 1000:
        raise ConfigError('%s: page must be 1..1000' % path)
    return Config(path, (here / os.path.expanduser(raw['data'])).resolve(), tuple(devices), mqtt,
                  page, second)
