# Power cuts on a real VfsLfs2 over a block device in RAM (MicroPython only; appended to
# store_device.py, then one of the settings below is chosen: BS, NB, SETTINGS, FULL). A workload
# that writes the way the appliance does runs on a small store: events stored as soon as they are
# heard, their clips streamed through clip_writer() and sealed, their ends given by finish();
# some clips given whole; relabels, locks and deletes. Segments rotate, and retention thins clips
# and segments (or, with FULL, the flash fills up under a budget larger than it: appends then
# fail with "store full" and the cuts fall on a full flash). Every block write is logged; the
# flash a power cut at the N-th write leaves behind is the first N-1 writes (and, for every third
# N, half of the N-th: a program cut mid-block). Each such image is mounted, the store opened and
# checked against what had been acknowledged (events, labels, locks, deletes, ends, clips and
# their bytes, no problems reported), and appended to. A few cuts are also made live: the device
# raises OSError at the N-th write.
import gc
import micropython
import time
import vfs

MOUNT = '/pc'
ROOT = MOUNT + '/s'
EIO = 5
CLIP = 700  # samples of a streamed clip, written in pieces of PIECE
PIECE = 256


@micropython.viper
def _copy(dst: ptr8, src: ptr8, at: int, n: int):
    # Reads must not allocate: a file left open by a write that failed is closed by its
    # finaliser during a collection, when the heap is locked.
    i = 0
    while i < n:
        dst[i] = src[at + i]
        i += 1


class Flash:
    def __init__(self, data, fail_at=0, log=None):
        self.data = data
        self.fail_at = fail_at
        self.log = log
        self.count = 0
        self.cut = OSError(EIO)  # made now: a finaliser may write while the heap is locked
        self.erased = b'\xff' * BS

    def _write(self, at, buf):
        self.count += 1
        if self.fail_at and self.count >= self.fail_at:
            raise self.cut  # the power is gone: this write and all later ones never happen
        if self.log is not None:
            self.log.append((at, bytes(buf)))
        self.data[at:at + len(buf)] = buf

    def readblocks(self, n, buf, off=0):
        _copy(buf, self.data, n * BS + off, len(buf))

    def writeblocks(self, n, buf, off=None):
        self._write(n * BS + (off or 0), buf)

    def ioctl(self, op, arg):
        if op == 4:
            return NB
        if op == 5:
            return BS
        if op == 6:
            if self.fail_at and self.count + 1 >= self.fail_at:
                self.count += 1
                raise self.cut
            self._write(arg * BS, self.erased)
            return 0


def mount(flash):
    try:
        vfs.umount(MOUNT)
    except OSError:
        pass
    vfs.mount(vfs.VfsLfs2(flash), MOUNT)


def workload():
    """[(op, arg)]: deterministic, so a live run makes the same writes as the logged one. Events
    are numbered by the append that made them (`arg` of 'begin'/'append'), not by store id."""
    ops = [('open', None)]
    n = 0
    sounding = None
    for k in range(1, 130):
        if sounding is not None and k % 3 == 0:
            ops.append(('end', sounding))
            sounding = None
        elif sounding is not None:
            ops.append(('clip', sounding))
        elif k % 11 == 0 and n > 3:
            ops.append(('relabel', ((k * 7) % n, LABELS[k % 11])))
        elif k % 17 == 0 and n > 3:
            ops.append(('lock', (k * 5) % n))
        elif k % 13 == 0 and n > 3:
            ops.append(('delete', (k * 3) % n))
        elif k % 4 == 1:
            ops.append(('begin', n))
            sounding = n
            n += 1
        else:
            ops.append(('append', n))
            n += 1
    return ops


OPS = workload()


def duration(i):
    return 2000 + 10 * i   # the end finish() gives event i


def piece(i, at):
    return pcm(i + at, PIECE)


class Run:
    """The workload against one store: ids as they came, writers of sounding events."""

    def __init__(self):
        self.s = None
        self.ids = {}       # event number -> store id
        self.writers = {}
        self.written = {}   # event number -> samples its writer took

    def do(self, op, arg):
        """Runs one op; True once acknowledged, False when the store said it is full."""
        s = self.s
        try:
            if op == 'open':
                self.s = open_store(ROOT, **SETTINGS)
            elif op == 'append':
                self.ids[arg] = add(self.s, arg, clip=(arg % 3 == 0))
            elif op == 'begin':
                ident = self.s.append(T0 + arg * STEP, 500, LABELS[arg % 11], (arg % 100) / 100,
                                      [(LABELS[(arg + 1) % 11], 0.25)], emb(arg), CLIP)
                self.ids[arg] = ident
                self.writers[arg] = self.s.clip_writer(ident, CLIP)
                self.written[arg] = 0
            elif op == 'clip':
                w = self.writers.get(arg)
                if w:
                    w.write(piece(arg, self.written[arg]), PIECE)
                    self.written[arg] += PIECE
            elif op == 'end':
                if arg in self.ids:
                    w = self.writers.pop(arg, None)
                    if w:
                        w.write(piece(arg, self.written[arg]), PIECE)
                        w.close()
                    self.s.finish(self.ids[arg], duration(arg))
            else:
                ident = self.ids.get(arg[0] if op == 'relabel' else arg)
                if ident is None or s.get(ident) is None:
                    return True
                if op == 'relabel':
                    s.relabel(ident, arg[1])
                elif op == 'lock':
                    s.lock(ident)
                else:
                    s.delete(ident)
        except OSError as exc:
            if exc.args[0] != 28 or not FULL:
                raise
            # the store's own calls say so in words; a clip writer passes the flash's errno on
            assert 'store full' in str(exc) or op in ('clip', 'end'), (op, exc)
            w = self.writers.pop(arg, None)
            if w:
                w.abandon()
            return False
        return True


def cut_images(base, log):
    """(n, image, note) for a power cut at each write n of the log: the flash with its first n-1
    writes, and for every third n also with half of the n-th (a program cut mid-block)."""
    image = bytearray(base)
    for n in range(1, len(log) + 2):
        if n >= 2:
            at, data = log[n - 2]
            image[at:at + len(data)] = data
        yield n, bytearray(image), 'cut at write %d' % n
        if n % 3 == 0 and n <= len(log):
            torn = bytearray(image)
            at, data = log[n - 1]
            torn[at:at + len(data) // 2] = data[:len(data) // 2]
            yield n, torn, 'torn write %d' % n


def record():
    """Runs the workload once, logging writes. Returns the base image, the log, the write count
    at which each op returned, what each op did, the ids, and for each event number the op after
    which retention had taken it (or its clip)."""
    base = bytearray(b'\xff' * (BS * NB))
    vfs.VfsLfs2.mkfs(Flash(base))
    data = bytearray(base)
    log = []
    mount(Flash(data, log=log))
    done_at, acked = [], []
    gone_at, clip_gone_at, wavs = {}, {}, {}
    run = Run()
    for k, (op, arg) in enumerate(OPS):
        acked.append(run.do(op, arg))
        done_at.append(len(log))
        s = run.s
        ev = s.get(run.ids[arg]) if op in ('append', 'end') and arg in run.ids else None
        if ev and ev['has_clip'] and acked[k]:
            wavs[arg] = (k, wav(s, ev['id']))  # acknowledged by op k
        for i, ident in run.ids.items():
            if i not in gone_at and read.segment(s, ident) < 0:
                gone_at[i] = k
            if i in wavs and i not in clip_gone_at and not (s.get(ident) or {}).get('has_clip'):
                clip_gone_at[i] = k
    vfs.umount(MOUNT)
    return base, log, done_at, acked, run.ids, gone_at, clip_gone_at, wavs


def wav(s, ident):
    out = bytearray()
    for b in s.clip_wav(ident):
        out += b
    return bytes(out)


def expected(k, acked, ids):
    """The acknowledged state after ops 0..k-1: {event number: [label, locked, deleted, end]}."""
    model = {}
    for (op, arg), ok in zip(OPS[1:k], acked[1:k]):
        if not ok:
            continue
        if op in ('append', 'begin'):
            model[arg] = [LABELS[arg % 11], False, False, 1000 + 10 * (arg % 50)
                          if op == 'append' else 500]
        elif op == 'end' and arg in model:
            model[arg][3] = duration(arg)
        elif op in ('relabel', 'lock', 'delete'):
            i = arg[0] if op == 'relabel' else arg
            if i not in model or model[i][2]:
                continue
            if op == 'relabel':
                model[i][0] = arg[1]
            elif op == 'lock':
                model[i][1] = True
            else:
                model[i][2] = True
    return model


def verify(flash, k, rec, note):
    """Flash cut during op k (ops before k acknowledged): mount, open, check, append."""
    base, log, done_at, acked, ids, gone_at, clip_gone_at, wavs = rec
    mount(flash)
    s = open_store(ROOT, **SETTINGS)
    model = expected(k, acked, ids)
    op, arg = OPS[k] if k < len(OPS) else ('none', None)
    number = {ident: i for i, ident in ids.items()}
    seen = set()
    for ev in s.events():
        i = number.get(ev['id'])
        flight = op in ('append', 'begin') and i == arg
        assert i in model or flight, (note, 'never acknowledged', ev)
        seen.add(i)
        label, locked, deleted, dur = model.get(i) or [LABELS[i % 11], False, False, None]
        if op == 'relabel' and arg[0] == i and ev['label'] == arg[1]:
            label = arg[1]  # the relabel in flight reached flash
        assert ev['label'] == label, (note, ev, label)
        assert ev['start'] == T0 + i * STEP, (note, ev)
        if dur is not None and not (op == 'end' and arg == i and
                                    ev['end'] == ev['start'] + duration(i)):
            assert ev['end'] == ev['start'] + dur, (note, ev, dur)
        assert s.embedding(ev['id']) == bytes(similar.normalise(emb(i), DIM)), (note, ev)
        assert ev['locked'] == locked or (op == 'lock' and arg == i), (note, ev)
        if i in wavs and wavs[i][0] < k and clip_gone_at.get(i, 1 << 30) > k:
            assert ev['has_clip'], (note, 'clip lost', ev)
            assert wav(s, ev['id']) == wavs[i][1], (note, 'clip bytes differ', ev)
    for i, (label, locked, deleted, dur) in model.items():
        if deleted:
            assert i not in seen or (op == 'delete' and arg == i), (note, i)
        elif i not in seen and not (op == 'delete' and arg == i):
            # only retention may have taken it, in an op up to the one in flight
            assert gone_at.get(i, 1 << 30) <= k, (note, 'lost', i, s.problems)
    assert not s.problems, (note, s.problems)
    total = sum(sum(d['counts'].values()) for d in s.stats('day', 0, T0 * 2))
    alive = len([m for m in model.values() if not m[2]])
    assert alive - 1 <= total <= alive + 1, (note, total, alive)
    try:
        n = add(s, 1000)
        check(s, s.get(n), 1000)  # keeps appending
    except OSError as exc:
        assert FULL and 'store full' in str(exc), (note, exc)
    vfs.umount(MOUNT)


def run():
    gc.collect()
    t0 = time.ticks_ms()
    rec = record()
    base, log, done_at, acked = rec[:4]
    writes = len(log)
    assert rec[5] or FULL, "retention never ran"
    assert all(acked) or FULL, 'a store with room refused an op'
    op = 0
    cases = 0
    for n, image, note in cut_images(base, log):
        while op < len(OPS) and done_at[op] <= n - 1:
            op += 1
        verify(Flash(image), op, rec, note)
        cases += 1
        gc.collect()
    live = 0
    for n in range(7, writes, max(1, writes // 40)):
        flash = Flash(bytearray(base), fail_at=n)
        mount(flash)
        r = Run()
        raised = None
        for k, (o, arg) in enumerate(OPS):
            try:
                assert r.do(o, arg) == acked[k], (n, k)
            except OSError as exc:
                assert exc.args[0] == EIO, exc
                raised = k
                break
        assert raised is not None, 'no OSError reached the caller'
        # the op that raised is the one whose writes spanned the cut
        assert (done_at[raised - 1] if raised else 0) < n <= done_at[raised], (n, raised)
        # Power is gone: what the cut run left open (a file whose close failed too) must not
        # reach the flash later, when a collection runs its finaliser. So it goes now, while
        # the flash still refuses every write.
        r = None
        gc.collect()
        vfs.umount(MOUNT)
        flash.fail_at = 0
        verify(flash, raised, rec, 'live cut at write %d' % n)
        live += 1
    out(writes=writes, cases=cases, live=live, ops=len(OPS), refused=acked.count(False),
        thinned=len(rec[5]), clips=len(rec[7]), block=BS, blocks=NB, full=FULL,
        seconds=time.ticks_diff(time.ticks_ms(), t0) / 1000)
