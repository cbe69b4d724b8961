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
forward), each scalar aligned to its size (relative to the flatbuffer's start, 8 bytes into the
message). A record batch's metadata is laid out once, then only
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


def _size(root):
    """(bytes, {mark: position}) of the encapsulated message of a tree (see _pieces)."""
    fb = _Builder(None, 0)
    fb.put(root, 0)
    return 8 + fb.n + (-fb.n % 8), fb.marks


def _pieces(root, window):
    """Yields an encapsulated message (its 8-byte prefix, the flatbuffer, padding to 8) in
    pieces of len(window) bytes, each laid out in `window`: nothing the size of a whole
    message is made (a fragmented heap refuses a 1 KB block long before it is full). A tree is:
    a table ('T', [(id, kind, value[, mark])]) with kind b/h/i/q (scalars) or o (value: a
    child); a string ('S', bytes); a vector of children ('V', [...]), or ('V', n, make) whose
    k-th child make(k) gives when it is laid out; a vector of 16-byte structs ('R', count,
    mark). It is laid out once to measure, then once for each piece."""
    size = _size(root)[0]
    for at in range(0, size, len(window)):
        for i in range(len(window)):
            window[i] = 0
        fb = _Builder(window, at)
        fb.pack('<4si', -8, CONTINUATION, size - 8)
        fb.put(root, 0)
        yield memoryview(window)[:min(len(window), size - at)]


class _Builder:
    def __init__(self, window, at):
        self.window = window  # None: measuring
        self.at = at          # the window's place in the message
        self.n = 4            # flatbuffer bytes so far (the root's offset first)
        self.marks = {}

    def pack(self, fmt, at, *values):
        """Writes the part of the values at flatbuffer position `at` that falls in the window."""
        w = self.window
        if w is None:
            return
        lo = 8 + at - self.at
        size = struct.calcsize(fmt)
        if lo >= len(w) or lo + size <= 0:
            return
        data = struct.pack(fmt, *values)
        a, b = max(0, -lo), min(size, len(w) - lo)
        w[lo + a:lo + b] = data[a:b]

    def take(self, size, align=1, rest=0):
        """The position of `size` new bytes, starting where position % align == rest."""
        self.n += (rest - self.n) % align
        at = self.n
        self.n += size
        return at

    def put(self, obj, ref):
        """Lays out obj (aligned) after what is there and points the uoffset at `ref` to it."""
        kind = obj[0]
        later = ()
        if kind == 'T':
            # big first (no holes), then by id: MicroPython's sort is not stable
            fields = sorted(obj[1], key=lambda f: (-SIZES[f[1]], f[0]))
            n = max([f[0] for f in fields] + [-1]) + 1
            offsets = [0] * n
            off = 4   # after the soffset to the vtable
            for f in fields:
                size = SIZES[f[1]]
                off += -off % size
                offsets[f[0]] = off
                off += size
            vtable = self.take(4 + 2 * n, 2)
            self.pack('<%dH' % (n + 2), vtable, 4 + 2 * n, off, *offsets)
            at = self.take(off, 8)
            self.pack('<i', at, at - vtable)
            later = []
            for f in fields:
                pos = at + offsets[f[0]]
                if f[1] == 'o':
                    later.append((pos, f[2]))
                else:
                    self.pack('<' + f[1], pos, f[2])
                    if len(f) > 3:
                        self.marks[f[3]] = 8 + pos
        elif kind == 'S':
            at = self.take(5 + len(obj[1]), 4)
            self.pack('<I%ds' % len(obj[1]), at, len(obj[1]), obj[1])
        elif kind == 'V':
            n = len(obj[1]) if len(obj) == 2 else obj[1]
            at = self.take(4 + 4 * n, 4)
            self.pack('<I', at, n)
            # ('V', n, make): make(k) gives the k-th child only when it is laid out
            later = [(at + 4 + 4 * k, obj[1][k] if len(obj) == 2 else obj[2])
                     for k in range(n)]
        else:   # 'R': structs of two longs each (FieldNode, Buffer), 8-aligned after the count
            at = self.take(4 + 16 * obj[1], 8, 4)
            self.pack('<I', at, obj[1])
            self.marks[obj[2]] = 8 + at + 4
        self.pack('<I', ref, at - ref)
        for k, (pos, child) in enumerate(later):
            self.put(child(k) if callable(child) else child, pos)


def _message(header_type, header, body_mark=None):
    fields = [(0, 'h', V5), (1, 'b', header_type), (2, 'o', header), (3, 'q', 0)]
    if body_mark:
        fields[3] = (3, 'q', 0, body_mark)
    return ('T', fields)


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
    def __init__(self, columns, batch, text=16):
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
        def field(k):
            name, kind = columns[k]
            return _field(name, *_type(kind, text), kind.startswith('i8x'))
        self._schema = _message(SCHEMA, ('T', [(0, 'h', 0),
                                               (1, 'o', ('V', len(columns), field))]))
        # A batch's metadata: its structs (a node per column and its child, a buffer each)
        # come last; the part before them and the part between are kept, made once.
        meta = _message(RECORD_BATCH, ('T', [
            (0, 'q', 0, 'length'), (1, 'o', ('R', nodes, 'nodes')),
            (2, 'o', ('R', buffers, 'buffers'))]), 'body')
        size, marks = _size(meta)
        self._marks = marks
        self._head = bytearray(marks['nodes'])
        next(_pieces(meta, self._head))
        # between the structs: padding, then the buffers' count (see _Builder.put, 'R')
        self._gap = bytes(marks['buffers'] - 4 - (marks['nodes'] + 16 * nodes)) + \
            struct.pack('<I', buffers)
        self._pad = bytes(size - marks['buffers'] - 16 * buffers)

    def schema(self, window):
        """The Schema message, in pieces laid out in `window` (a bytearray)."""
        return _pieces(self._schema, window)

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
        head = self._head
        body = 0
        nodes = []    # (rows, nulls) of each node
        parts = []    # the buffers in body order (None: empty)
        for col, (name, kind) in enumerate(self.columns):
            data, null = self.data[col], self.nulls[col]
            if kind in FIXED:
                parts += (None, memoryview(data)[:n * FIXED[kind][0]])
            elif kind == 'bool':
                parts += (None, memoryview(data)[:(n + 7) // 8])
            elif kind == 'utf8':
                parts += (None, memoryview(data[0])[:4 * (n + 1)],
                          memoryview(data[1])[:data[2]])
            else:
                width = int(kind[3:])
                parts += (memoryview(null[1])[:(n + 7) // 8] if null[0] else None,
                          None, memoryview(data)[:n * width])
            nodes.append((n, null[0] if null else 0))
            if null:
                nodes.append((n * int(kind[3:]), 0))
        for part in parts:
            if part is not None:
                body += len(part) + (-len(part) % 8)
        struct.pack_into('<q', head, self._marks['length'], n)
        struct.pack_into('<q', head, self._marks['body'], body)
        yield head
        for rows, nulls in nodes:
            yield struct.pack('<qq', rows, nulls)
        yield self._gap
        at = 0
        for part in parts:
            size = 0 if part is None else len(part)
            yield struct.pack('<qq', at, size)
            at += size + (-size % 8)
        yield self._pad
        for part in parts:
            if part is not None and len(part):
                yield part
                if len(part) % 8:
                    yield bytes(-len(part) % 8)
