# Power cuts on a real VfsLfs2 over a block device in RAM (MicroPython only; appended to
# store_device.py). A workload of appends (some with clips), relabels, locks and deletes runs
# on a small store, so segments rotate and retention thins clips and segments. Every block
# write is logged; the flash a power cut at the N-th write leaves behind is the first N-1
# writes (and, for every third N, half of the N-th: a program cut mid-block). Each such image is
# mounted, the store opened and checked against what had been acknowledged, and appended to.
# A few cuts are also made live: the device raises OSError at the N-th write.
import gc
import micropython
import vfs

BS = 512
NB = 256  # 128 KB of flash
MOUNT = '/pc'
ERASED = b'\xff' * BS
ROOT = MOUNT + '/s'
SETTINGS = dict(budget=6 * 1024, segment_bytes=600, clip_share=0.3, keep_clips=1,
                thin_fraction=0.1)


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
        self.cut = OSError(5)  # made now: a finaliser may write while the heap is locked

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
            self._write(arg * BS, ERASED)
            return 0


def mount(flash):
    try:
        vfs.umount(MOUNT)
    except OSError:
        pass
    vfs.mount(vfs.VfsLfs2(flash), MOUNT)


def workload():
    """[(op, args)]: deterministic, so a live run makes the same writes as the logged one."""
    ops = [('open', None)]
    n = 0
    for k in range(1, 150):
        if k % 9 == 0 and n > 3:
            ops.append(('relabel', ((k * 7) % n, LABELS[k % 11])))
        elif k % 17 == 0 and n > 3:
            ops.append(('lock', (k * 5) % n))
        elif k % 13 == 0 and n > 3:
            ops.append(('delete', (k * 3) % n))
        else:
            ops.append(('append', n))
            n += 1
    return ops


OPS = workload()


def do(s, op, arg):
    if op == 'open':
        return open_store(ROOT, **SETTINGS)
    if op == 'append':
        assert add(s, arg, clip=(arg % 4 == 0)) == arg
    elif op == 'relabel':
        if s.get(arg[0]) is not None:
            s.relabel(*arg)
    elif op == 'lock':
        if s.get(arg) is not None:
            s.lock(arg)
    elif op == 'delete':
        if s.get(arg) is not None:
            s.delete(arg)
    return s


def record():
    """Runs the workload once, logging writes. Returns the base image, the log, the write
    count at which each op returned, and for each event the op after which it was gone."""
    base = bytearray(b'\xff' * (BS * NB))
    vfs.VfsLfs2.mkfs(Flash(base))
    data = bytearray(base)
    log = []
    flash = Flash(data, log=log)
    mount(flash)
    done_at = []
    gone_at = {}
    s = None
    for k, (op, arg) in enumerate(OPS):
        s = do(s, op, arg)
        done_at.append(len(log))
        if op == 'append':
            for ident in range(arg + 1):
                if ident not in gone_at and s._segment(ident) < 0:
                    gone_at[ident] = k
    vfs.umount(MOUNT)
    return base, log, done_at, gone_at


def expected(k):
    """The acknowledged state after ops 0..k-1: {id: [label, locked, deleted]}."""
    model = {}
    for op, arg in OPS[1:k]:
        if op == 'append':
            model[arg] = [LABELS[arg % 11], False, False]
        elif op == 'relabel' and arg[0] in model and not model[arg[0]][2]:
            model[arg[0]][0] = arg[1]
        elif op == 'lock' and arg in model and not model[arg][2]:
            model[arg][1] = True
        elif op == 'delete' and arg in model:
            model[arg][2] = True
    return model


def verify(flash, k, gone_at, note):
    """Flash cut during op k (ops before k acknowledged): mount, open, check, append."""
    mount(flash)
    s = open_store(ROOT, **SETTINGS)
    model = expected(k)
    op, arg = OPS[k] if k < len(OPS) else ('none', None)
    flight = arg if op == 'append' else None
    seen = set()
    for ev in s.events():
        ident = ev['id']
        seen.add(ident)
        assert ident in model or ident == flight, (note, 'never acknowledged', ev)
        label = model[ident][0] if ident in model else LABELS[ident % 11]
        if op == 'relabel' and arg[0] == ident and ev['label'] == arg[1]:
            label = arg[1]  # the relabel in flight reached flash
        check(s, ev, ident, label)
        if ident in model and not model[ident][1]:
            assert not ev['locked'] or (op == 'lock' and arg == ident), (note, ev)
        elif ident in model:
            assert ev['locked'], (note, ev)
    for ident, (label, locked, deleted) in model.items():
        if deleted:
            assert ident not in seen or (op == 'delete' and arg == ident), (note, ident)
        elif ident not in seen and not (op == 'delete' and arg == ident):
            # only retention may have taken it, in an op up to the one in flight
            assert gone_at.get(ident, 1 << 30) <= k, (note, 'lost', ident, s.problems)
    total = sum(sum(d['counts'].values()) for d in s.stats('day', 0, T0 * 2))
    alive = len([m for m in model.values() if not m[2]])
    assert alive - 1 <= total <= alive + 1, (note, total, alive)
    n = s.usage()['next_id']
    assert add(s, n) == n, note  # keeps appending
    check(s, s.get(n), n)
    vfs.umount(MOUNT)


def run():
    gc.collect()
    base, log, done_at, gone_at = record()
    writes = len(log)
    assert gone_at, "retention never ran"
    image = bytearray(base)
    op = 0
    cases = 0
    for n in range(1, writes + 2):
        if n >= 2:
            at, data = log[n - 2]
            image[at:at + len(data)] = data
        while op < len(OPS) and done_at[op] <= n - 1:
            op += 1
        verify(Flash(bytearray(image)), op, gone_at, 'cut at write %d' % n)
        cases += 1
        if n % 3 == 0 and n <= writes:
            torn = bytearray(image)
            at, data = log[n - 1]
            half = len(data) // 2
            torn[at:at + half] = data[:half]
            verify(Flash(torn), op, gone_at, 'torn write %d' % n)
            cases += 1
        gc.collect()
    live = 0
    for n in range(7, writes, max(1, writes // 40)):
        flash = Flash(bytearray(base), fail_at=n)
        mount(flash)
        s = None
        raised = None
        for k, (o, arg) in enumerate(OPS):
            try:
                s = do(s, o, arg)
            except OSError:
                raised = k
                break
        assert raised is not None, 'no OSError reached the caller'
        # the op that raised is the one whose writes spanned the cut
        assert (done_at[raised - 1] if raised else 0) < n <= done_at[raised], (n, raised)
        # Power is gone: what the cut run left open (a file whose close failed too) must not
        # reach the flash later, when a collection runs its finaliser. So it goes now, while
        # the flash still refuses every write.
        s = None
        gc.collect()
        vfs.umount(MOUNT)
        flash.fail_at = 0
        verify(flash, raised, gone_at, 'live cut at write %d' % n)
        live += 1
    out(writes=writes, cases=cases, live=live, ops=len(OPS),
        thinned=len(gone_at), distinct_n=writes + 1)
