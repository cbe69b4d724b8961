# Flipped bits in every file of a small store (appended to store_device.py; MicroPython on a
# VfsLfs2 in RAM with an ESP32's 4 KB blocks, or CPython on a folder). The store holds every kind
# of file: segments, edits of each kind, posting lists, roll-ups, a whole clip and a streamed
# one, store.json, centroids and their copies. For each byte of each file (one bit of it, or each
# of its 8 with BITS = 8) the bit is flipped, the store opened as the appliance opens it and read
# whole; every record that does not hold the flipped bit must read back exactly, a loss must be
# reported in `problems`, and the store must take a new event and open again with it.
# With SAMPLED (the test's setting) the runs of bytes that one CRC covers and that all mean the
# same (a clip block's samples, an entry's embedding values, the centroids, store.json's copy)
# get their first and last byte and every STRIDE-th flipped, not each: any flip there fails the
# same check. Every other byte is flipped: headers, records, edits, roll-ups, store.json, CRCs.
import os

HOUR = 3600000
SPAN = T0 + 24 * HOUR
CLIP_SAMPLES = 1100   # 3 blocks of a clip: 512, 512, 76
SAMPLED = False
STRIDE = 7   # prime to 8: the bit flipped (the byte's offset % 8) varies along a run


class RAM:
    """A VfsLfs2 block device in RAM with an ESP32's 4 KB blocks."""

    def __init__(self, blocks):
        self.data = bytearray(b'\xff' * 4096 * blocks)
        self.blocks = blocks

    def readblocks(self, n, buf, off=0):
        at = n * 4096 + off
        buf[:] = self.data[at:at + len(buf)]

    def writeblocks(self, n, buf, off=0):
        at = n * 4096 + (off or 0)
        self.data[at:at + len(buf)] = buf

    def ioctl(self, op, arg):
        return {4: self.blocks, 5: 4096}.get(op, 0)


def ram_flash(mount, blocks=96):
    """Mounts a fresh LittleFS in RAM at `mount` (MicroPython); returns the mount point."""
    import vfs
    flash = RAM(blocks)
    vfs.VfsLfs2.mkfs(flash)
    vfs.mount(vfs.VfsLfs2(flash), mount)
    return mount


def fill(mount):
    """Fills the file system at `mount` to its last byte (pieces of 512, 16, then 1 byte);
    returns the filler file, `mount + '/filler'`, still open: closed, LittleFS would give its
    last blocks back."""
    f = open(mount + '/filler', 'wb')
    for size in (512, 16, 1):
        try:
            while True:
                f.write(bytes(size))
                f.flush()
        except OSError as exc:
            assert exc.args[0] == 28, exc
    return f


def build(root):
    s = open_store(root, segment_bytes=160)
    for i in range(12):
        t = T0 + i * 20 * 60000   # three an hour: hour and day records get written
        if i == 8:
            ident = s.append(t, 500, LABELS[i % 11], 0.5, [], emb(i), CLIP_SAMPLES)
            w = s.clip_writer(ident, CLIP_SAMPLES)
            w.write(pcm(i, 600), 600)
            w.write(pcm(i + 1, 500), 500)
            w.close()
            s.finish(ident, 4321)
        else:
            s.append(t, 1000, LABELS[i % 11], 0.25, [(LABELS[(i + 1) % 11], 0.5)], emb(i),
                     pcm(i, 800) if i == 2 else None)
    s.relabel(1, 'dog_bark')
    s.lock(3)
    s.delete(4)
    s.relabel(9, 'siren')    # after the roll-up of its hour was written: a fix
    return s


def files(root):
    """{path: bytes} of every file under root."""
    found = {}
    for name in sorted(os.listdir(root)):
        path = root + '/' + name
        try:
            with open(path, 'rb') as f:
                found[path] = f.read()
        except OSError:
            found.update(files(path))
    return found


def restore(root, pristine):
    now = files(root)
    for path in now:
        if path not in pristine:
            os.remove(path)
    for path, data in pristine.items():
        if now.get(path) != data:
            with open(path, 'wb') as f:
                f.write(data)


def wav(s, ident):
    out = bytearray()
    for piece in s.clip_wav(ident):
        out += piece
    return bytes(out)


def read_all(s):
    """What a user can get out of the store: events, embeddings, clips, roll-ups."""
    got = {'events': {}, 'emb': {}, 'clips': {}}
    for i in range(13):
        got['events'][i] = s.get(i)
        got['emb'][i] = s.embedding(i)
    for ev in s.events():
        if ev['has_clip']:
            got['clips'][ev['id']] = wav(s, ev['id'])
    got['similar'] = [i for i, _ in s.similar(emb(7), k=12, exact=True)]
    for kind in ('hour', 'day'):
        got[kind] = {d['start']: d['counts'] for d in s.stats(kind, T0 - 24 * HOUR, SPAN)}
    return got


def spared(path, at, data):
    """What a flip at byte `at` of this file may cost: (kind, key) pairs, from the pristine
    bytes; [] for the files whose every record has a second copy."""
    name = path.rsplit('/', 1)[1]
    if name.endswith('.seg'):
        if at < layout.SEG_HEADER_SIZE:
            return []
        k = (at - layout.SEG_HEADER_SIZE) // layout.RECORD_SIZE
        start = struct.unpack_from('<q', data, 8)[0] + struct.unpack_from(
            '<I', data, layout.SEG_HEADER_SIZE + k * layout.RECORD_SIZE)[0]
        # the running hour and day are counted again from the events, this one missing
        return [('event', int(name[1:9], 16) + k), ('hour', start // HOUR * HOUR),
                ('day', start // (24 * HOUR) * 24 * HOUR)]
    if name.endswith('.ix'):
        size = 4 + DIM + 4
        k = at // size
        return [('emb', struct.unpack_from('<I', data, k * size)[0])]
    if name.endswith('.adp'):
        if at < clips.HEADER_SIZE:
            return []
        return [('block', (int(name[:8], 16), (at - clips.HEADER_SIZE) // clips.BLOCK_SIZE))]
    if name == 'hours.ru':   # an hour's record also counts towards its running day
        size = 8 + 2 * len(LABELS) + 4
        hour = struct.unpack_from('<I', data, (at // size) * size)[0]
        return [('hour', hour * HOUR), ('day', (hour // 24) * 24 * HOUR)]
    if name == 'days.ru':
        size = 8 + 4 * len(LABELS) + 4
        return [('day', struct.unpack_from('<I', data, (at // size) * size)[0] * 24 * HOUR)]
    if name == 'fixes.ru':
        hour = struct.unpack_from('<I', data, (at // 10) * 10)[0]
        return [('hour', hour * HOUR), ('day', (hour // 24) * 24 * HOUR)]
    return []   # edits, headers, store.json, centroids: each has a second copy


def alike(name, data):
    """[(lo, hi)]: the runs of bytes of this file that one CRC covers and that all mean the
    same; store.bak is read only when store.json is damaged."""
    if name.endswith('.adp'):
        runs = []
        for lo in range(clips.HEADER_SIZE, len(data), clips.BLOCK_SIZE):
            hi = min(lo + clips.BLOCK_SIZE, len(data))
            runs.append((lo + clips.BLOCK_HEAD, hi - 4))   # the samples, not state nor CRC
        return runs
    if name.endswith('.ix'):
        size = 4 + DIM + 4
        return [(k + 4, k + 4 + DIM) for k in range(0, len(data), size)]
    if name in ('centroids.bin', 'centroids.bak', 'store.bak'):
        return [(0, len(data))]
    return []


def positions(name, data):
    """The bytes of a file to flip a bit in: every one, or with SAMPLED each alike run's first,
    last and every STRIDE-th."""
    if not SAMPLED:
        return range(len(data))
    runs = alike(name, data)
    return [at for at in range(len(data))
            if not any(lo < at < hi - 1 and (at - lo) % STRIDE for lo, hi in runs)]


def compare(truth, got, lost, note):
    """Checks that only what `lost` names differs; says whether anything did."""
    if got == truth:
        return False
    may = {}
    for kind, key in lost:
        may.setdefault(kind, []).append(key)
    for i, ev in truth['events'].items():
        if got['events'][i] != ev:
            assert i in may.get('event', ()) and got['events'][i] is None, (note, i, got['events'][i])
        if got['emb'][i] != truth['emb'][i]:
            assert (i in may.get('emb', ()) or i in may.get('event', ())) and got['emb'][i] is None, (
                note, 'embedding', i)
    for ident, data in truth['clips'].items():
        if ident in may.get('event', ()) and ident not in got['clips']:
            continue
        clip = got['clips'].get(ident)
        assert clip is not None and len(clip) == len(data), (note, 'clip', ident)
        if clip != data:
            blocks = [b for c, b in may.get('block', ()) if c == ident]
            assert blocks, (note, 'clip bytes', ident)
            lo = 44 + 2 * clips.BLOCK_SAMPLES * blocks[0]
            hi = min(len(data), lo + 2 * clips.BLOCK_SAMPLES)
            assert clip[:lo] == data[:lo] and clip[hi:] == data[hi:], (note, 'other blocks')
            assert clip[lo:hi] == bytes(hi - lo), (note, 'a damaged block is silence')
    gone = may.get('event', []) + may.get('emb', [])
    assert [i for i in got['similar'] if i not in gone] == [
        i for i in truth['similar'] if i not in gone], (note, 'similar', got['similar'])
    for kind in ('hour', 'day'):
        for t in set(truth[kind]) | set(got[kind]):
            if truth[kind].get(t) != got[kind].get(t):
                assert t in may.get(kind, ()), (note, kind, t, truth[kind].get(t), got[kind].get(t))
    return True


def flip_all(root):
    build(root)
    pristine = files(root)
    truth = read_all(open_store(root))
    assert truth['clips'] and len(truth['clips']) == 2, truth['clips']
    restore(root, pristine)
    cases = 0
    flipped = {}
    for path, data in pristine.items():
        name = path.rsplit('/', 1)[1]
        flipped[name] = [0, len(data)]
        for at in positions(name, data):
            for bit in (range(8) if BITS == 8 else (at % 8,)):
                note = '%s byte %d bit %d' % (name, at, bit)
                bad = bytearray(data)
                bad[at] ^= 1 << bit
                with open(path, 'wb') as f:
                    f.write(bad)
                s = open_store(root)
                got = read_all(s)
                if compare(truth, got, spared(path, at, data), note):
                    assert s.problems, (note, 'a loss not reported')
                n = s.usage()['next_id']
                ident = add(s, 50, start=SPAN)
                assert ident >= n, (note, ident)
                assert open_store(root).get(ident)['start'] == SPAN, note
                restore(root, pristine)
                cases += 1
            flipped[name][0] += 1
    kinds = sorted(set(path.rsplit('.', 1)[1] for path in pristine))
    out(cases=cases, files=len(pristine), kinds=kinds, bytes=sum(len(d) for d in pristine.values()),
        flipped=flipped)
