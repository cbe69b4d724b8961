"""An Arrow IPC stream writer small enough for MicroPython: a Schema message, record batches of
at most `batch` rows, the end-of-stream marker. pyarrow.ipc.open_stream, pandas and DuckDB read
it unchanged.

    w = Writer([('id', 'i64'), ('start', 'ts_ms'), ('label', 'utf8'), ('emb', 'i8x32')], 64)
    yield w.schema()
    for row, ev in enumerate(events):       # a batch fills row by row ...
        w.set(0, row, ev['id']) ...
        if row + 1 == 64: yield from w.batch(64)
    yield from w.batch(rows_left); yield w.end()

Column types: i64, i32, f32, bool, utf8 (at most `text` bytes a value), ts_s / ts_ms
(timestamps, UTC), i8xN (a fixed-size list of N int8, nullable: set None). Every column's
buffers are made once, for `batch` rows, so the heap a stream takes does not grow with its rows.

The messages' flatbuffers (Arrow's Message.fbs and Schema.fbs) are written by hand: `_fb` lays a
tree of tables out front to back, children after their parents (a flatbuffer's offsets point
forward), each scalar aligned to its size. A record batch's metadata is laid out once, then only
its counts, offsets and lengths are patched in place for each batch.
"""
import struct

CONTINUATION = b'\xff\xff\xff\xff'
V5 = 4                  # MetadataVersion
SCHEMA, RECORD_BATCH = 1, 3   # MessageHeader
# Type union members (Schema.fbs)
T_INT, T_FLOAT, T_UTF8, T_BOOL, T_TIMESTAMP, T_FIXED_LIST = 2, 3, 5, 6, 10, 16
SIZES = {'b': 1, 'h': 2, 'i': 4, 'q': 8, 'o': 4}
# type name -> (bytes a value, struct format)
FIXED = {'i64': (8, '<q'), 'i32': (4, '<i'), 'f32': (4, '<f'), 'ts_s': (8, '<q'),
         'ts_ms': (8, '<q')}


def _pad(buf, align):
    buf.extend(bytes(-len(buf) % align))


def _fb(root):
    """A flatbuffer from a tree: a table is ('T', [(id, kind, value[, mark])]) with kind b/h/i/q
    (scalars) or o (value: a child); a string ('S', bytes); a vector of children ('V', [...]);
    a vector of 16-byte structs ('R', count, mark). Returns (bytes, {mark: position})."""
    buf = bytearray(4)
    marks = {}
    _put(buf, root, 0, marks)
    return buf, marks


def _put(buf, obj, ref, marks):
    """Writes obj (aligned) and patches the uoffset at `ref` to point to it."""
    kind = obj[0]
    later = []
    if kind == 'T':
        fields = sorted(obj[1], key=lambda f: -SIZES[f[1]])   # big first: no holes
        n = max([f[0] for f in fields] + [-1]) + 1
        offsets = [0] * n
        off = 4   # after the soffset to the vtable
        for f in fields:
            size = SIZES[f[1]]
            off += -off % size
            offsets[f[0]] = off
            off += size
        _pad(buf, 2)
        vtable = len(buf)
        buf.extend(struct.pack('<%dH' % (n + 2), 4 + 2 * n, off, *offsets))
        _pad(buf, 8)
        at = len(buf)
        buf.extend(bytes(off))
        struct.pack_into('<i', buf, at, at - vtable)
        for f in fields:
            pos = at + offsets[f[0]]
            if f[1] == 'o':
                later.append((pos, f[2]))
            else:
                struct.pack_into('<' + f[1], buf, pos, f[2])
                if len(f) > 3:
                    marks[f[3]] = pos
    elif kind == 'S':
        _pad(buf, 4)
        at = len(buf)
        buf.extend(struct.pack('<I', len(obj[1])) + obj[1] + b'\0')
    elif kind == 'V':
        _pad(buf, 4)
        at = len(buf)
        buf.extend(struct.pack('<I', len(obj[1])) + bytes(4 * len(obj[1])))
        later = [(at + 4 + 4 * k, child) for k, child in enumerate(obj[1])]
    else:   # 'R': structs of two longs each (FieldNode, Buffer): 8-aligned after the count
        while len(buf) % 8 != 4:
            buf.append(0)
        at = len(buf)
        buf.extend(struct.pack('<I', obj[1]) + bytes(16 * obj[1]))
        marks[obj[2]] = at + 4
    struct.pack_into('<I', buf, ref, at - ref)
    for pos, child in later:
        _put(buf, child, pos, marks)


def _message(header_type, header, body_mark=None):
    fields = [(0, 'h', V5), (1, 'b', header_type), (2, 'o', header), (3, 'q', 0)]
    if body_mark:
        fields[3] = (3, 'q', 0, body_mark)
    return _fb(('T', fields))


def _frame(meta):
    """The encapsulated message's prefix and its metadata padded to 8 bytes."""
    _pad(meta, 8)
    return bytearray(CONTINUATION + struct.pack('<i', len(meta))) + meta


def _type(kind, text):
    """(Type union member, its table, children fields) of a column type."""
    if kind in ('i64', 'i32'):
        return T_INT, ('T', [(0, 'i', 64 if kind == 'i64' else 32), (1, 'b', 1)]), []
    if kind == 'f32':
        return T_FLOAT, ('T', [(0, 'h', 1)]), []   # Precision.SINGLE
    if kind == 'bool':
        return T_BOOL, ('T', []), []
    if kind == 'utf8':
        return T_UTF8, ('T', []), []
    if kind in ('ts_s', 'ts_ms'):
        return T_TIMESTAMP, ('T', [(0, 'h', 0 if kind == 'ts_s' else 1),
                                   (1, 'o', ('S', b'UTC'))]), []
    if kind.startswith('i8x'):
        item = _field('item', T_INT, ('T', [(0, 'i', 8), (1, 'b', 1)]), [], False)
        return T_FIXED_LIST, ('T', [(0, 'i', int(kind[3:]))]), [item]
    raise ValueError('arrow: no column type %r' % kind)


def _field(name, type_id, table, children, nullable):
    return ('T', [(0, 'o', ('S', name.encode())), (1, 'b', 1 if nullable else 0),
                  (2, 'b', type_id), (3, 'o', table), (5, 'o', ('V', children))])


class Writer:
    def __init__(self, columns, batch, text=24):
        self.columns = columns
        self.size = batch
        self.data = []      # per column: its value buffer(s)
        self.nulls = []     # per column: None, or [null count, validity bitmap] (i8xN)
        nodes = buffers = 0
        for name, kind in columns:
            _type(kind, text)   # an unknown type fails here, not mid-stream
            nodes += 1
            buffers += 2
            null = None
            if kind in FIXED:
                data = bytearray(batch * FIXED[kind][0])
            elif kind == 'bool':
                data = bytearray((batch + 7) // 8)
            elif kind == 'utf8':
                data = [bytearray(4 * (batch + 1)), bytearray(batch * text), 0]
                buffers += 1
            else:
                width = int(kind[3:])
                data = bytearray(batch * width)
                null = [0, bytearray((batch + 7) // 8)]
                nodes += 1
                buffers += 1
            self.data.append(data)
            self.nulls.append(null)
        fields = [_field(name, *_type(kind, text), kind.startswith('i8x'))
                  for name, kind in columns]
        meta, _ = _message(SCHEMA, ('T', [(0, 'h', 0), (1, 'o', ('V', fields))]))
        self._schema = _frame(meta)
        meta, marks = _message(RECORD_BATCH, ('T', [
            (0, 'q', 0, 'length'), (1, 'o', ('R', nodes, 'nodes')),
            (2, 'o', ('R', buffers, 'buffers'))]), 'body')
        self._meta = _frame(meta)
        # positions in the framed message (its 8-byte prefix included)
        self._marks = {k: v + 8 for k, v in marks.items()}

    def schema(self):
        return self._schema

    def end(self):
        return CONTINUATION + b'\0\0\0\0'

    def set(self, col, row, value):
        kind = self.columns[col][1]
        data = self.data[col]
        if kind in FIXED:
            struct.pack_into(FIXED[kind][1], data, row * FIXED[kind][0], value)
        elif kind == 'bool':
            if value:
                data[row >> 3] |= 1 << (row & 7)
            else:
                data[row >> 3] &= ~(1 << (row & 7)) & 0xff
        elif kind == 'utf8':
            # rows are set in order; a value longer than `text` bytes is cut (labels are short)
            offsets, chars = data[0], data[1]
            if row == 0:
                data[2] = 0
                struct.pack_into('<i', offsets, 0, 0)
            value = value[:len(chars) - data[2]]
            chars[data[2]:data[2] + len(value)] = value
            data[2] += len(value)
            struct.pack_into('<i', offsets, 4 * (row + 1), data[2])
        else:
            width = int(kind[3:])
            null = self.nulls[col]
            if row == 0:
                null[0] = 0
            if value is None:
                null[0] += 1
                null[1][row >> 3] &= ~(1 << (row & 7)) & 0xff
                value = bytes(width)
            else:
                null[1][row >> 3] |= 1 << (row & 7)
            data[row * width:(row + 1) * width] = value

    def batch(self, n):
        """The pieces of a record batch of the first n rows set (nothing when n is 0)."""
        if not n:
            return
        meta = self._meta
        nodes, buffers = self._marks['nodes'], self._marks['buffers']
        body = 0
        pieces = []   # (buffer, bytes) in body order; a few small tuples a batch
        for col, (name, kind) in enumerate(self.columns):
            data, null = self.data[col], self.nulls[col]
            if kind in FIXED:
                parts = (None, memoryview(data)[:n * FIXED[kind][0]])
            elif kind == 'bool':
                parts = (None, memoryview(data)[:(n + 7) // 8])
            elif kind == 'utf8':
                parts = (None, memoryview(data[0])[:4 * (n + 1)],
                         memoryview(data[1])[:data[2]])
            else:
                width = int(kind[3:])
                parts = (memoryview(null[1])[:(n + 7) // 8] if null[0] else None,
                         None, memoryview(data)[:n * width])
            struct.pack_into('<qq', meta, nodes, n, null[0] if null else 0)
            nodes += 16
            if null:
                struct.pack_into('<qq', meta, nodes, n * int(kind[3:]), 0)
                nodes += 16
            for part in parts:
                size = len(part) if part is not None else 0
                struct.pack_into('<qq', meta, buffers, body, size)
                buffers += 16
                body += size + (-size % 8)
                if size:
                    pieces.append(part)
        struct.pack_into('<q', meta, self._marks['length'], n)
        struct.pack_into('<q', meta, self._marks['body'], body)
        yield meta
        for part in pieces:
            yield part
            if len(part) % 8:
                yield bytes(-len(part) % 8)
