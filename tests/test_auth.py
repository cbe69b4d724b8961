"""The API token: made on first boot, shown once, stored only as a salted hash, checked in constant
time, in MicroPython (from the image, 128 KB heap) and CPython."""
import json

import pytest

FIRST_BOOT = '''
import json, auth
a, token = auth.Auth.first_boot(%(path)r)
print(json.dumps({"token": token}))
b, again = auth.Auth.first_boot(%(path)r)
print(json.dumps({"again": again}))
t = token
cases = {"right": t, "reloaded": t, "wrong": "0" * len(t), "short": t[:-1], "long": t + "0",
         "upper": t.upper(), "empty": "", "none": None, "number": 12}
out = {}
for name, value in cases.items():
    out[name] = (b if name == "reloaded" else a).check(value)
print(json.dumps(out))
print(json.dumps({"repr": repr(a)}))
'''


def test_first_boot_makes_a_token_once_and_checks_it(device, tmp_path):
    path = str(tmp_path / 'auth.json')
    made, again, checks, rep = device.json_lines(FIRST_BOOT % {'path': path})
    token = made['token']
    assert len(token) == 32 and int(token, 16) >= 0  # 128 random bits as hex
    assert again['again'] is None  # shown once: a second boot does not give it out again
    assert checks == {'right': True, 'reloaded': True, 'wrong': False, 'short': False,
                      'long': False, 'upper': False, 'empty': False, 'none': False,
                      'number': False}
    stored = (tmp_path / 'auth.json').read_text()
    assert token not in stored and token.upper() not in stored
    record = json.loads(stored)
    assert sorted(record) == ['salt', 'sha256']
    assert len(bytes.fromhex(record['salt'])) == 16 and len(bytes.fromhex(record['sha256'])) == 32
    assert token not in rep['repr'] and record['sha256'] not in rep['repr']
    assert not (tmp_path / 'auth.json.tmp').exists()


def test_tokens_and_salts_differ_between_devices(device):
    lines = device.json_lines('''
import json, auth
for _ in range(3):
    a, token = auth.Auth.new()
    print(json.dumps([token, a.record()["salt"]]))
''')
    tokens, salts = zip(*lines)
    assert len(set(tokens)) == 3 and len(set(salts)) == 3


def test_same_hash_from_either_runtime(device):
    # A record written by the host (earmark deploy runs CPython) must verify on the device.
    import hashlib
    salt, token = bytes(range(16)), 'feedface' * 4
    record = {'salt': salt.hex(), 'sha256': hashlib.sha256(salt + token.encode()).hexdigest()}
    out = device.run('import auth\na = auth.Auth.from_record(%r)\nprint(a.check(%r), a.check(%r))'
                     % (record, token, token[::-1]))
    assert out.split() == ['True', 'False']


@pytest.mark.parametrize('content', ['', 'not json', '{"salt": "00"}', '[1, 2]',
                                     '{"salt": "zz", "sha256": "00"}'])
def test_damaged_auth_file_is_a_clear_error(device, tmp_path, content):
    path = tmp_path / 'auth.json'
    path.write_text(content)
    out = device.run('''
import auth
try:
    auth.Auth.first_boot(%r)
except ValueError as e:
    print("ValueError:", e)
''' % str(path))
    assert 'ValueError: auth file' in out and 'delete it' in out
    assert path.read_text() == content  # nothing is overwritten behind the user's back


def test_constant_time_compare_looks_at_every_byte(device):
    out = device.run('''
import auth
a = bytes(range(32))
results = []
for i in range(32):
    b = bytearray(a)
    b[i] ^= 1
    results.append(auth.same(a, bytes(b)))
print(auth.same(a, a), auth.same(a, a[:31]), any(results))
''')
    assert out.split() == ['True', 'False', 'False']


def test_bearer_header_parsing(device):
    out = device.run('''
import auth
for h in ["Bearer abc", "bearer  abc ", "Basic abc", "Bearer", "Bearer ", "", None, "abc"]:
    print(repr(auth.bearer(h)))
''')
    assert out.split('\n')[:8] == ["'abc'", "'abc'", 'None', 'None', 'None', 'None', 'None',
                                    'None']


def test_check_uses_little_heap(mpy):
    # Every API request checks the token: it must not churn the 128 KB heap.
    out = mpy.run('''
import gc, auth
a, token = auth.Auth.new()
gc.collect(); before = gc.mem_alloc()
ok = a.check(token)
print(ok, gc.mem_alloc() - before)
''')
    ok, used = out.split()
    assert ok == 'True' and int(used) < 1024, used


SYNCED_SAVE = '''
import json, os, auth
log = []

class Os:
    """The real os, recording sync() and rename() and what the file held at the rename."""
    def __getattr__(self, name):
        return getattr(os, name)

    def sync(self):
        log.append("sync")

    def fsync(self, fd):
        log.append("fsync")

    def rename(self, a, b):
        with open(a) as f:
            log.append(["rename", json.load(f) == rec])
        os.rename(a, b)

a, token = auth.Auth.new()
rec = a.record()
auth.os = Os()
a.save(%(path)r)
print(json.dumps(log))
'''


def test_save_syncs_before_the_rename(device, tmp_path):
    """auth.json is renamed into place only once its bytes are synced (os.sync where the port
    has it): else a power cut just after the rename can leave the name on an empty file."""
    path = str(tmp_path / 'auth.json')
    log = device.json_lines(SYNCED_SAVE % {'path': path})[0]
    rename = log.index(['rename', True])
    assert 'sync' in log[:rename] and 'sync' in log[rename + 1:], log
    assert json.loads((tmp_path / 'auth.json').read_text())['sha256']


TICKETS = '''
import json, auth, compat
now = [100000]   # the test's clock: a ticket's life is checked to the millisecond, at any load
compat.ticks_ms = lambda: now[0]
t = auth.Tickets(life_s=0.3)
a, b, c = t.issue(), t.issue(), t.issue()
out = {"len": len(a), "differ": len({a, b, c}) == 3, "a": t.take(a), "a_again": t.take(a),
       "unknown": t.take("0" * 32), "none": t.take(None), "empty": t.take(""),
       "number": t.take(12), "prefix": t.take(b[:-1])}
now[0] += 299
out["b_last_ms"] = t.take(b)
now[0] += 1
out["c_at_its_life"] = t.take(c)
out["c_again"] = t.take(c)
many = [t.issue() for _ in range(auth.TICKETS + 1)]
out["oldest_dropped"] = t.take(many[0])
out["newest"] = t.take(many[-1])
out["held"] = len(t.items)
print(json.dumps(out))
'''


def test_live_tickets_are_single_use_short_lived_and_bounded(device):
    out = device.json_lines(TICKETS)[0]
    assert out.pop('len') == 32 and out.pop('differ')
    assert out == {'a': True, 'a_again': False, 'unknown': False, 'none': False, 'empty': False,
                   'number': False, 'prefix': False, 'b_last_ms': True, 'c_at_its_life': False,
                   'c_again': False, 'oldest_dropped': False, 'newest': True, 'held': 3}


def test_a_record_of_the_wrong_sizes_is_refused_and_tickets_live_thirty_seconds(device):
    out = device.json_lines('''
import json, auth
errors = []
for salt, digest in ((bytes(16), bytes(31)), (bytes(15), bytes(32)), (bytes(17), bytes(33))):
    try:
        auth.Auth(salt, digest)
    except ValueError as e:
        errors.append(str(e))
print(json.dumps({"errors": errors, "default_ms": auth.Tickets().life_ms,
                  "short_ms": auth.Tickets(0.25).life_ms}))
''')[0]
    assert out['errors'] == ['auth record needs a 16-byte salt and a SHA-256 digest'] * 3
    assert out['default_ms'] == 30000 and out['short_ms'] == 250
