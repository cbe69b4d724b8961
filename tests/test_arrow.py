"""Arrow IPC streams written by the device (device/arrow.py, device/export.py) in MicroPython
and CPython, read by pyarrow, pandas and DuckDB in CPython: every column type, empty streams,
tens of thousands of rows, values bit for bit, and the events export of a store in bounded heap."""
import struct
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pytest

STORE_HELPERS = Path(__file__).with_name('store_device.py').read_text()
COLUMNS = [('id', 'i64'), ('n', 'i32'), ('x', 'f32'), ('ok', 'bool'), ('name', 'utf8'),
           ('at', 'ts_s'), ('when', 'ts_ms'), ('vec', 'i8x8')]
WORDS = ['', 'dog_bark', 'doorbell', 'glass_breaking', 'café', 'ß']

# The k-th row, computed alike on the device and here (plain integer arithmetic only).
ROW = '''
def row(k):
    x = (k * 2654435761) & 0xffffffff
    vec = None if k % 7 == 3 else bytes(((x >> i) + k * i) & 0xff for i in range(8))
    return [k * 1000003 - (1 << 40), (x & 0x7fffffff) - (1 << 30),
            ((x % 20001) - 10000) / 64, k % 3 == 0, WORDS[k % len(WORDS)].encode(),
            1700000000 + k, 1700000000000 + k * 7, vec]
'''
exec(ROW)   # defines row() here as on the device


def write(dev, n, batch, tmp_path):
    """The device writes n rows; returns the stream's bytes."""
    path = tmp_path / ('%d.arrow' % n)
    dev.run('''
import arrow
WORDS = %r
%s
w = arrow.Writer(%r, %d)
with open(%r, 'wb') as f:
    for piece in w.schema(bytearray(100)):
        f.write(piece)
    k = 0
    for i in range(%d):
        for col, value in enumerate(row(i)):
            w.set(col, k, value)
        k += 1
        if k == %d:
            for piece in w.batch(k):
                f.write(piece)
            k = 0
    for piece in w.batch(k):
        f.write(piece)
    f.write(w.end())
''' % (WORDS, ROW, COLUMNS, batch, str(path), n, batch), heap='128K', timeout=600)
    return path.read_bytes()


@pytest.mark.parametrize('n', [0, 5, 25000])
def test_every_column_type_reads_bit_for_bit(device, tmp_path, n):
    data = write(device, n, 16, tmp_path)
    table = pa.ipc.open_stream(data).read_all()
    table.validate(full=True)
    assert table.schema == pa.schema([
        pa.field('id', pa.int64(), False), pa.field('n', pa.int32(), False),
        pa.field('x', pa.float32(), False), pa.field('ok', pa.bool_(), False),
        pa.field('name', pa.string(), False), pa.field('at', pa.timestamp('s', 'UTC'), False),
        pa.field('when', pa.timestamp('ms', 'UTC'), False),
        pa.field('vec', pa.list_(pa.field('item', pa.int8(), False), 8), True)])
    assert table.num_rows == n
    rows = [row(k) for k in range(n)]
    cols = {name: table.column(name) for name, _ in COLUMNS}
    assert cols['id'].to_pylist() == [r[0] for r in rows]
    assert cols['n'].to_pylist() == [r[1] for r in rows]
    # float32, bit for bit: the device packs a double into 4 bytes as struct does here
    bits = np.asarray(cols['x'].to_numpy(), dtype=np.float32).view(np.uint32)
    assert bits.tolist() == [struct.unpack('<I', struct.pack('<f', r[2]))[0] for r in rows]
    assert cols['ok'].to_pylist() == [r[3] for r in rows]
    assert cols['name'].to_pylist() == [r[4].decode() for r in rows]
    assert cols['at'].cast(pa.int64()).to_pylist() == [r[5] for r in rows]
    assert cols['when'].cast(pa.int64()).to_pylist() == [r[6] for r in rows]
    assert cols['vec'].to_pylist() == [
        None if r[7] is None else list(struct.unpack('8b', r[7])) for r in rows]
    assert cols['vec'].null_count == sum(r[7] is None for r in rows)
    # pandas and DuckDB take the stream as it is
    frame = pa.ipc.open_stream(data).read_pandas()
    assert len(frame) == n and list(frame.columns) == [name for name, _ in COLUMNS]
    if n:
        assert frame['id'].sum() == sum(r[0] for r in rows)
    reader = pa.ipc.open_stream(data)   # DuckDB finds it by its name in the query
    got = duckdb.sql('select count(*), sum(n), count(vec) from reader').fetchall()[0]
    assert got[:3] == (n, sum(r[1] for r in rows) if n else None,
                       sum(r[7] is not None for r in rows))


def test_a_bad_column_type_is_refused_before_anything_is_written(device):
    out = device.run('''
import arrow
try:
    arrow.Writer([('a', 'i64'), ('b', 'decimal')], 4)
except ValueError as e:
    print('refused', e)
''')
    assert out.startswith('refused') and 'decimal' in out


def test_events_export_is_the_store_exactly_in_bounded_heap(mpy, tmp_path):
    """export.py's events stream from a store of 3000 events in MicroPython (256 KB: the
    snippet is compiled in the heap; the export's own heap is measured by deltas): the
    heap it holds while streaming stays flat from the first batch to the last."""
    path = tmp_path / 'events.arrow'
    lines = mpy.json_lines(STORE_HELPERS + '''
import gc
import export
s = open_store(%r)
for i in range(3000):
    add(s, i)
s.delete(17)
s.relabel(20, 'siren')
s.lock(21)
s.label_personal(22, 'our doorbell')
for ev in s.events(oldest_first=True):
    print(json.dumps([ev['id'], ev['start'], ev['end'], ev['label'], ev['confidence'],
                      ev['runners_up'], ev['has_clip'], ev['locked'],
                      list(s.embedding(ev['id'])), ev.get('generic', ev['label'])]))
gc.collect()
base = gc.mem_alloc()
window = bytearray(1024)
heap = []
with open(%r, 'wb') as f:
    for n, piece in enumerate(export.packed(window, export.events(s, 0, 1 << 50))):
        f.write(piece)
        if n %% 40 == 0:
            gc.collect()
            heap.append(gc.mem_alloc() - base)
out(heap=heap)
''' % (str(tmp_path / 's'), str(path)), heap='256K', timeout=600)
    heap = lines[-1]['heap']
    events = lines[:-1]
    print('heap held while streaming:', min(heap), max(heap), len(heap))
    assert max(heap) < 12 * 1024, heap   # the writer's buffers for 16 rows, the store's walk
    assert max(heap[len(heap) // 2:]) - max(heap[:len(heap) // 2]) < 512, heap   # flat
    table = pa.ipc.open_stream(path.read_bytes()).read_all()
    table.validate(full=True)
    assert table.num_rows == len(events) == 2999
    assert table.column('id').to_pylist() == [e[0] for e in events]
    assert table.column('start').cast(pa.int64()).to_pylist() == [e[1] for e in events]
    assert table.column('end').cast(pa.int64()).to_pylist() == [e[2] for e in events]
    assert table.column('label').to_pylist() == [e[3] for e in events]
    assert table.column('generic').to_pylist() == [e[9] for e in events]
    assert [e[3] for e in events].count('our doorbell') == 1
    assert table.column('confidence').to_pylist() == [
        struct.unpack('<f', struct.pack('<f', e[4]))[0] for e in events]
    assert table.column('runner_up').to_pylist() == [e[5][0][0] for e in events]
    assert table.column('has_clip').to_pylist() == [e[6] for e in events]
    assert table.column('locked').to_pylist() == [e[7] for e in events]
    assert table.column('embedding').to_pylist() == [
        [v - 256 if v > 127 else v for v in e[8]] for e in events]
    assert table.schema.field('embedding').type == pa.list_(
        pa.field('item', pa.int8(), False), 8)
