"""GET /api/changes (device/api_changes.py) against the whole appliance in real MicroPython: a
hub that replays the feed page by page holds what /api/events lists, edits included; a cursor
resumes where it stopped, survives the appliance being killed and started again, and a cursor
from another store (a reset device) or from the future is refused."""
import base64
import json
import time

import pytest

from earmark.harness import LIVE_SOUND
from test_api import call, error, every_event, get, serving
import spec

def check_page(page):
    spec.check('ChangePage', page)


@pytest.fixture(scope='module')
def dev(tmp_path_factory):
    yield from serving(tmp_path_factory.mktemp('changes'), range(3, 0, -1))


def pull(dev, cursor=None, limit=7):
    """Every change after cursor, page by page: (changes, cursor, pages)."""
    changes, pages = [], 0
    while True:
        status, page = get(dev, '/api/changes?limit=%d%s' % (
            limit, '&after=' + cursor if cursor else ''))
        assert status == 200, page
        check_page(page)
        assert len(page['changes']) <= limit
        changes += page['changes']
        cursor = page['cursor']
        pages += 1
        if not page['more']:
            return changes, cursor, pages


def replay(changes, into=None):
    """What a hub holds after applying the changes in order."""
    held = {} if into is None else into
    for c in changes:
        if c['op'] == 'event':
            held[c['id']] = {k: v for k, v in c.items() if k not in ('op', 'embedding')}
        elif c['op'] == 'delete':
            held.pop(c['id'], None)
        elif c['id'] in held:
            ev = held[c['id']]
            if c['op'] == 'relabel':   # the model's label, beside a personal one if any
                ev['generic' if 'generic' in ev else 'label'] = c['label']
            elif c['op'] == 'lock':
                ev['locked'] = c['locked']
            elif c['op'] == 'end':
                ev['end'] = round(ev['start'] + c['duration'], 3)
            elif c['op'] == 'personal' and c['label'] is not None:
                ev['generic'] = ev.get('generic', ev['label'])
                ev['label'] = c['label']
            elif c['op'] == 'personal':   # taken away: the model's label again
                ev['label'] = ev.pop('generic', ev['label'])
    return held


def listed(dev):
    return {ev['id']: ev for ev in every_event(dev, limit=50)}


def test_a_replayed_feed_is_the_store(dev):
    changes, cursor, pages = pull(dev)
    assert pages > 1
    events = [c for c in changes if c['op'] == 'event']
    assert [e['id'] for e in events] == sorted(e['id'] for e in events), 'log order'
    assert len(events) == len(dev.filled) > 10
    for e in events:
        assert len(base64.b64decode(e['embedding'])) == 32
    assert replay(changes) == listed(dev)
    # Nothing new: an empty page and the same cursor.
    status, page = get(dev, '/api/changes?after=' + cursor)
    assert page['changes'] == [] and page['cursor'] == cursor and not page['more']


def test_edits_after_a_cursor_come_as_edits(dev):
    changes, cursor, _ = pull(dev, limit=1000)
    held = replay(changes)
    ids = sorted(held)
    a, b, c = ids[1], ids[2], ids[3]
    label = 'siren' if held[a]['label'] != 'siren' else 'speech'
    for ident, body in ((a, {'label': label}), (b, {'locked': True}), (b, {'locked': False}),
                        (a, {'label': 'car_horn'})):
        assert call(dev, 'PATCH', '/api/events/%d' % ident, json.dumps(body).encode(),
                    {'Content-Type': 'application/json'})[0] == 200
    assert call(dev, 'DELETE', '/api/events/%d' % c)[0] == 204
    more, cursor2, _ = pull(dev, cursor, limit=2)
    assert [(m['op'], m['id']) for m in more] == [
        ('relabel', a), ('lock', b), ('lock', b), ('relabel', a), ('delete', c)]
    assert [m.get('locked') for m in more if m['op'] == 'lock'] == [True, False]
    assert replay(more, held) == listed(dev)
    assert pull(dev, cursor2)[0] == []


def test_personal_labels_given_and_taken_away_come_as_edits(dev):
    """A hub learns a personal label given to events it holds, and its removal (a relabel to a
    model label takes it away first), so it holds what the device lists, `generic` too."""
    changes, cursor, _ = pull(dev, limit=1000)
    held = replay(changes)
    a, b = sorted(held)[4:6]
    assert call(dev, 'POST', '/api/personal/label', json.dumps(
        {'ids': [a, b], 'label': 'our doorbell'}).encode(),
        {'Content-Type': 'application/json'})[0] == 200
    given = held[a]['label']
    more, cursor, _ = pull(dev, cursor, limit=1)
    assert [(m['op'], m['id'], m['label']) for m in more] == [
        ('personal', a, 'our doorbell'), ('personal', b, 'our doorbell')]
    replay(more, held)
    assert held == listed(dev) and held[a]['generic'] == given
    other = 'siren' if given != 'siren' else 'speech'
    assert call(dev, 'PATCH', '/api/events/%d' % a, json.dumps({'label': other}).encode(),
                {'Content-Type': 'application/json'})[0] == 200
    more, cursor, _ = pull(dev, cursor)
    assert [(m['op'], m['id'], m['label']) for m in more] == [
        ('personal', a, None), ('relabel', a, other)]
    replay(more, held)
    assert held == listed(dev) and 'generic' not in held[a] and held[a]['label'] == other
    assert held[b]['label'] == 'our doorbell'
    assert pull(dev, cursor)[0] == []


def test_a_cursor_resumes_after_the_appliance_restarts(dev):
    changes, cursor, _ = pull(dev, limit=5)
    dev.stop()
    dev.start()
    assert pull(dev, cursor)[0] == []
    dev.play(LIVE_SOUND)
    for _ in range(400):
        new = pull(dev, cursor)[0]
        if [n for n in new if n['op'] == 'event']:
            break
        time.sleep(0.1)
    assert [n['id'] for n in new if n['op'] == 'event'] == [max(replay(changes)) + 1]
    assert replay(new, replay(changes)) == listed(dev)


def test_foreign_and_future_cursors_are_refused(dev):
    _, cursor, _ = pull(dev, limit=1000)
    head = cursor.split('-')[0]
    nxt, check, start = (int(x) for x in head.split('.'))
    assert 'reset' in error(dev, 'GET', '/api/changes?after=%d.%d.%d' % (nxt, check, start + 1),
                            409)
    assert 'ahead' in error(dev, 'GET', '/api/changes?after=%d' % (nxt + 1), 409)
    assert 'ahead' in error(dev, 'GET', '/api/changes?after=%s-0.99999' % head, 409)
    for bad in ('x', '1.2', '1-2', '1.2.3-4', '-1', '1..2'):
        assert 'cursor' in error(dev, 'GET', '/api/changes?after=' + bad, 400)
    for bad in ('0', '1001', 'x'):
        assert 'limit' in error(dev, 'GET', '/api/changes?limit=' + bad, 400)
    assert error(dev, 'GET', '/api/changes', 401, token=False)
