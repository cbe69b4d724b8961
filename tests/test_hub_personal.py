"""Personal labels at the hub (hub/feed.py, hub/store.py, hub/sql.py), without a device: change
pages as the appliance's feed sends them are checked (`personal` given or taken away; a
malformed one is a one-line error), applied to a store in a temporary folder, and read back
from the Parquet files and through DuckDB's `events` view, where `generic` keeps the model's
label beside a personal one. A store written before the `generic` column still reads, with
generic null, alone and beside new files."""
import pyarrow.parquet as pq
import pytest

from hub import sql
from hub.feed import check_page
from hub.store import Store, schema

DAY = 1764600000.0   # 2025-12-01 14:40 UTC


def event(ident, label, generic=None, start=None):
    """An `event` change as the feed sends it (no embedding: the device may send none)."""
    start = DAY + 60 * ident if start is None else start
    c = {'op': 'event', 'id': ident, 'start': start, 'end': start + 1.5, 'label': label,
         'confidence': 0.8, 'runners_up': [], 'has_clip': False, 'locked': False,
         'embedding': None}
    if generic is not None:
        c['generic'] = generic
    return c


def personal(ident, label):
    return {'op': 'personal', 'id': ident, 'label': label}


def page(changes, after=None):
    """The changes checked as one page would be: feed.check_page's answer for them."""
    ids = [c['id'] for c in changes if c['op'] == 'event']
    cursor = str(max(ids) + 1) if ids else after or '0'
    return check_page({'thinned': 0, 'changes': changes, 'cursor': cursor, 'more': False},
                      after)['changes'], cursor


def apply(store, name, changes, after=None):
    checked, cursor = page(changes, after)
    store.apply(name, store.manifest(name), checked, cursor, {}, {})
    return cursor


def held(store, name):
    """{id: (label, generic)} through DuckDB's events view."""
    return {i: (label, generic) for i, label, generic in sql.connect(store).execute(
        'select id, label, generic from events where device = ? order by id', [name]).fetchall()}


def test_the_feed_takes_personal_changes_and_refuses_malformed_ones():
    changes, _ = page([event(0, 'our doorbell', generic='doorbell'), personal(0, 'our bell'),
                       personal(0, None)])
    assert [c.get('generic') for c in changes] == ['doorbell', None, None]
    assert [c['label'] for c in changes] == ['our doorbell', 'our bell', None]
    for bad, says in (({'op': 'personal', 'id': 0}, 'personal 0: label must be a label or null'),
                      (personal(0, ''), 'personal 0: label must be a label or null'),
                      (personal(0, 5), 'personal 0: label must be a label or null'),
                      (personal(0, ['our bell']), 'personal 0: label must be a label or null'),
                      (event(0, 'our bell', generic=3), 'event 0: generic must be a label'),
                      (dict(event(0, 'x'), generic=''), 'event 0: generic must be a label')):
        with pytest.raises(ValueError) as e:
            page([bad])
        assert str(e.value) == says


def test_personal_labels_given_taken_away_and_relabelled_reach_the_store(tmp_path):
    store = Store(tmp_path)
    cursor = apply(store, 'hall', [event(0, 'doorbell'), event(1, 'dog_bark'),
                                   event(2, 'our doorbell', generic='doorbell'),
                                   event(3, 'speech'), event(4, 'other'), event(5, 'siren')])
    assert held(store, 'hall') == {0: ('doorbell', None), 1: ('dog_bark', None),
                                   2: ('our doorbell', 'doorbell'), 3: ('speech', None),
                                   4: ('other', None), 5: ('siren', None)}
    edits = [personal(0, 'our doorbell'),                       # given
             personal(1, 'Rex'), personal(1, None),             # given, taken away
             personal(2, None),                                 # taken from one sent personal
             personal(3, 'Anna'), personal(3, 'Anna + Ben'),    # one personal for another
             personal(4, 'bin lid'), personal(4, None),         # a PATCH to siren: taken
             {'op': 'relabel', 'id': 4, 'label': 'siren'},      # away, then relabelled
             personal(5, None)]                                 # none to take away
    want = {0: ('our doorbell', 'doorbell'), 1: ('dog_bark', None), 2: ('doorbell', None),
            3: ('Anna + Ben', 'speech'), 4: ('siren', None), 5: ('siren', None)}
    apply(store, 'hall', edits, cursor)
    assert held(store, 'hall') == want
    apply(store, 'hall', edits, cursor)   # a page pulled twice changes nothing
    assert held(store, 'hall') == want
    m = store.manifest('hall')
    (date, entry), = m['days'].items()
    table = pq.read_table(tmp_path / 'events' / 'device=hall' / ('date=' + date) / entry['file'])
    assert table.schema.field('generic').type == schema(1).field('generic').type
    assert dict(zip(table['id'].to_pylist(), table['generic'].to_pylist())) == {
        i: g for i, (_, g) in want.items()}
    # a relabel of an event still personal (none sent before it: the classifier naming a sound
    # the pattern found first) changes the model's label beside it, as on the device
    apply(store, 'hall', [{'op': 'relabel', 'id': 0, 'label': 'door_knock'}], cursor)
    assert held(store, 'hall')[0] == ('our doorbell', 'door_knock')


def test_a_store_written_before_generic_still_reads(tmp_path):
    store = Store(tmp_path)
    apply(store, 'old', [event(0, 'doorbell'), event(1, 'dog_bark', start=DAY + 86400)])
    m = store.manifest('old')
    for date, entry in m['days'].items():   # the files as the hub wrote them before `generic`
        path = tmp_path / 'events' / 'device=old' / ('date=' + date) / entry['file']
        pq.write_table(pq.read_table(path).drop_columns(['generic']), path)
        assert 'generic' not in pq.read_schema(path).names
    # the view has the column with no file holding it, and with new files beside the old
    assert held(store, 'old') == {0: ('doorbell', None), 1: ('dog_bark', None)}
    apply(store, 'new', [event(0, 'our doorbell', generic='doorbell')])
    assert held(store, 'old') == {0: ('doorbell', None), 1: ('dog_bark', None)}
    assert held(store, 'new') == {0: ('our doorbell', 'doorbell')}
    # an old day's file is read with generic null, and an edit rewrites it with the column
    apply(store, 'old', [personal(1, 'Rex')], m['cursor'])
    assert held(store, 'old') == {0: ('doorbell', None), 1: ('Rex', 'dog_bark')}
    first = min(m['days'])   # the day not edited is still the file from before
    assert store.manifest('old')['days'][first] == m['days'][first]
    assert 'generic' not in pq.read_schema(tmp_path / 'events' / 'device=old' / (
        'date=' + first) / m['days'][first]['file']).names


def test_the_hub_lists_and_overrules_by_the_model_label_beside_a_personal_one(tmp_path):
    """GET /api/events (hub/serve.py) gives `generic` and finds a personal event by its model
    label too; overruled by the second opinion (hub.toml's [second]), the household's own name
    stays and the second opinion takes the model label's place beside it."""
    from hub import serve
    store = Store(tmp_path)
    checked, cursor = page([event(0, 'our doorbell', generic='doorbell'), event(1, 'doorbell'),
                            event(2, 'speech')])
    store.apply('hall', store.manifest('hall'), checked, cursor, {}, {},
                opinions={0: ('door_knock', 0.7), 1: ('door_knock', 0.6)})
    found = serve.events(store, {'label': ['doorbell']})
    assert sorted((e['id'], e['label'], e['generic']) for e in found) == [
        (0, 'our doorbell', 'doorbell'), (1, 'doorbell', None)]
    assert [e['id'] for e in serve.events(store, {'label': ['our doorbell']})] == [0]
    overruled = {i: (label, generic, device) for i, label, generic, device in sql.connect(
        store, overrule=True).execute(
        'select id, label, generic, device_label from events order by id').fetchall()}
    assert overruled == {0: ('our doorbell', 'door_knock', 'our doorbell'),
                         1: ('door_knock', None, 'doorbell'), 2: ('speech', None, 'speech')}
