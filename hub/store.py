"""The hub's store: Parquet files that DuckDB, Spark or Trino read as they are, and a manifest
per device that says which files are its committed state.

    DATA/events/device=NAME/date=YYYY-MM-DD/part-GEN.parquet   one file per device and day
    DATA/clips/NAME/EPOCH-ID.wav                               clips, beside them
    DATA/devices/NAME.json                                     the manifest: cursor, files

A page of changes is applied by writing each day it touches as a new file (the day's rows with
the changes applied: one file a day, so small files never pile up), each to a temporary name
then renamed; then the manifest, likewise: that rename is the commit. Only then are the files
it replaced deleted. A crash before the commit leaves the old manifest, whose cursor pulls the
same page again; files no manifest names are deleted when the device is next opened. Readers
that go through the manifests (hub sql, the `events` view) never see a half-applied page.

Events are keyed by (epoch, id): a device whose store was reset starts a new epoch, so its new
ids never overwrite the history pulled before the reset.
"""
import contextlib
import fcntl
import json
import os
import time
from array import array
from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

COLUMNS = ('epoch', 'id', 'start', 'end', 'label', 'generic', 'confidence', 'runners_up',
           'embedding', 'has_clip', 'clip', 'locked', 'second_label', 'second_confidence')
# Columns added since the first files were written, with their DuckDB type: older files lack
# them, and readers see null there (pq.read_table with schema(), sql.connect's view).
ADDED = {'generic': 'varchar'}


def schema(dim):
    runner = pa.struct([('label', pa.string()), ('confidence', pa.float32())])
    return pa.schema([
        ('epoch', pa.int32()), ('id', pa.int64()), ('start', pa.float64()),
        ('end', pa.float64()), ('label', pa.string()), ('generic', pa.string()),
        ('confidence', pa.float32()),
        ('runners_up', pa.list_(runner)), ('embedding', pa.list_(pa.int8(), dim)),
        ('has_clip', pa.bool_()), ('clip', pa.string()), ('locked', pa.bool_()),
        ('second_label', pa.string()), ('second_confidence', pa.float32())])


def day(start):
    return datetime.fromtimestamp(start, timezone.utc).strftime('%Y-%m-%d')


def _write_atomic(path, write):
    """write(tmp) makes the file; it is synced and renamed over `path`."""
    tmp = path.with_name('.%s.tmp' % path.name)
    write(tmp)
    with open(tmp, 'rb') as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)   # the rename itself reaches the disk
    finally:
        os.close(fd)


def write_json(path, value):
    def write(tmp):
        tmp.write_text(json.dumps(value, indent=1, sort_keys=True))
    _write_atomic(path, write)


class Store:
    def __init__(self, data):
        self.data = Path(data)
        self.events = self.data / 'events'
        self.clips = self.data / 'clips'
        self.manifests = self.data / 'devices'
        for d in (self.events, self.clips, self.manifests):
            d.mkdir(parents=True, exist_ok=True)

    @contextlib.contextmanager
    def lock(self, shared=False):
        """Pulls hold it exclusively while they delete files; readers share it."""
        with open(self.data / 'hub.lock', 'a') as f:
            fcntl.flock(f, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def puller(self):
        """One pull at a time per hub: a second `hub pull` waits for the first."""
        with open(self.data / 'pull.lock', 'a') as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    def manifest(self, name):
        try:
            return json.loads((self.manifests / (name + '.json')).read_text())
        except FileNotFoundError:
            return {'device': name, 'epoch': 1, 'cursor': None, 'gen': 0, 'days': {},
                    'dim': None, 'status': {}}

    def files(self, names=None):
        """Every committed Parquet file (of the named devices), from the manifests."""
        out = []
        for p in sorted(self.manifests.glob('*.json')):
            m = json.loads(p.read_text())
            if names is None or m['device'] in names:
                out += [str(self.events / ('device=' + m['device']) / ('date=' + d) / v['file'])
                        for d, v in sorted(m['days'].items())]
        return out

    def recover(self, name):
        """Deletes what a crashed pull left: files its manifest does not name, temporary ones."""
        m = self.manifest(name)
        for tmp in [*self.manifests.glob('.%s.json.tmp' % name),
                    *(self.clips / name).glob('.*.tmp')]:
            tmp.unlink()
        folder = self.events / ('device=' + name)
        if not folder.is_dir():
            return
        with self.lock():
            for part in folder.iterdir():
                keep = m['days'].get(part.name[len('date='):], {}).get('file')
                for f in part.iterdir():
                    if f.name != keep:
                        f.unlink()
                if not any(part.iterdir()):
                    part.rmdir()

    def clip_path(self, name, epoch, ident):
        return self.clips / name / ('%d-%d.wav' % (epoch, ident))

    def save_clip(self, name, epoch, ident, wav):
        path = self.clip_path(name, epoch, ident)
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(path, lambda tmp: tmp.write_bytes(wav))
        return str(path.relative_to(self.data))

    def _rows(self, name, date, m):
        entry = m['days'].get(date)
        if entry is None:
            return {}
        path = self.events / ('device=' + name) / ('date=' + date) / entry['file']
        # dim is None while no event came with an embedding; apply wrote those files with 1
        t = pq.read_table(path, schema=schema(m['dim'] or 1))
        return {(r['epoch'], r['id']): r for r in t.to_pylist()}

    def _locate(self, m, ident):
        """The day holding event ident of the current epoch, or None."""
        key = str(m['epoch'])
        for date, entry in m['days'].items():
            lo, hi = entry['ids'].get(key, (1, 0))
            if lo <= ident <= hi:
                return date
        return None

    def apply(self, name, m, changes, cursor, clips, status, opinions=None):
        """Applies a checked page (feed.check_page's changes) to device `name` with manifest
        m, and commits it with `cursor`; clips: {id: relative path} of clips saved for it;
        opinions: {id: (label, confidence)} of the second opinion on them. Returns the new
        manifest and the ids of events gone (their clips may go)."""
        opinions = opinions or {}
        m = json.loads(json.dumps(m))   # the caller's stays as committed if this fails
        epoch = m['epoch']
        days = {}   # date -> {(epoch, id): row}, the days this page touches

        def rows(date):
            if date not in days:
                days[date] = self._rows(name, date, m)
            return days[date]
        gone = []
        for c in changes:
            op, ident = c['op'], c['id']
            if op == 'event':
                if c['embedding'] is not None:
                    if m['dim'] is None:
                        m['dim'] = len(c['embedding'])
                    elif len(c['embedding']) != m['dim']:
                        raise ValueError('event %d: embedding of %d bytes, not %d' % (
                            ident, len(c['embedding']), m['dim']))
                old = self._locate(m, ident)
                if old is not None:   # sent again (a page pulled twice): replaced
                    rows(old).pop((epoch, ident), None)
                date = day(c['start'])
                emb = c['embedding']
                rows(date)[(epoch, ident)] = {
                    'epoch': epoch, 'id': ident, 'start': c['start'], 'end': c['end'],
                    'label': c['label'], 'generic': c.get('generic'),
                    'confidence': c['confidence'],
                    'runners_up': c.get('runners_up') or [],
                    'embedding': array('b', emb).tolist() if emb is not None else None,
                    'has_clip': ident in clips, 'clip': clips.get(ident),
                    'locked': c['locked'], 'second_label': opinions.get(ident, (None,))[0],
                    'second_confidence': opinions.get(ident, (None, None))[1]}
                # ids and days grow together (the device refuses time going backwards), so a
                # day's ids are a range
                entry = m['days'].setdefault(date, {'file': None, 'ids': {}})
                lo, hi = entry['ids'].get(str(epoch), (ident, ident))
                entry['ids'][str(epoch)] = (min(lo, ident), max(hi, ident))
                continue
            date = self._locate(m, ident)
            row = rows(date).get((epoch, ident)) if date else None
            if row is None:
                continue   # an event the hub never got (thinned on the device first)
            if op == 'delete':
                del rows(date)[(epoch, ident)]
                gone.append(ident)
            elif op == 'relabel':   # the model's label: beside a personal one, if it has one
                # (a PATCH on the device takes the personal label away first, sent as `personal`)
                row['generic' if row['generic'] else 'label'] = c['label']
            elif op == 'personal' and c['label'] is not None:
                # the model's label stays beside it (kept when one personal label replaces another)
                row['generic'] = row['generic'] or row['label']
                row['label'] = c['label']
            elif op == 'personal':   # taken away: back to the model's label
                row['label'], row['generic'] = row['generic'] or row['label'], None
            elif op == 'lock':
                row['locked'] = c['locked']
            elif op == 'end':
                row['end'] = round(row['start'] + c['duration'], 3)
        m = dict(m, gen=m['gen'] + 1, cursor=cursor, status=status)
        replaced = []
        for date, held in days.items():
            folder = self.events / ('device=' + name) / ('date=' + date)
            old = m['days'][date]['file'] if date in m['days'] else None
            if old:
                replaced.append(folder / old)
            if not held:
                m['days'].pop(date, None)
                continue
            folder.mkdir(parents=True, exist_ok=True)
            ordered = sorted(held.values(), key=lambda r: (r['epoch'], r['id']))
            table = pa.Table.from_pylist(ordered, schema=schema(m['dim'] or 1))
            fname = 'part-%08d.parquet' % m['gen']
            _write_atomic(folder / fname, lambda tmp: pq.write_table(table, tmp))
            m['days'][date] = dict(m['days'][date], file=fname)
        self.commit(name, m)
        with self.lock():
            for f in replaced:
                with contextlib.suppress(FileNotFoundError):
                    f.unlink()
        return m, gone

    def commit(self, name, m):
        write_json(self.manifests / (name + '.json'), m)

    def drop_clip(self, name, epoch, ident):
        with contextlib.suppress(FileNotFoundError):
            self.clip_path(name, epoch, ident).unlink()


def now():
    return round(time.time(), 3)
