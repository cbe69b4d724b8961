"""`earmark dataset`: the sound data folder that training, the scenes and the data tests read
(train/, other/, negatives/, each with manifest.csv; README, "Getting sound data"), built from
the public archives as downloaded:

    earmark dataset --esc50 ESC-50-master.zip --out ~/sound-data \
        [--fsdd free-spoken-digit-dataset-master.zip] [--add doorbell=~/my-doorbells ...]

ESC-50 (github.com/karolpiczak/ESC-50, its master.zip) gives eight of the labels, other/ and
negatives/, from its folds 1-4 only: fold 5 belongs to the held-out set the default model is
judged on. The Free Spoken Digit Dataset (github.com/Jakobovski/free-spoken-digit-dataset) gives
speech; `--add LABEL=DIR` adds your own recordings (doorbells: no public set has many), their
fold the folder's name, so an evaluation never splits them. The selection is the development
copy's (../shared/data/README.md): every clip of a label's ESC-50 categories, two a fold of each
background category, four a fold of each `other/` category, all of the `negatives/` ones. Every
clip becomes 16 kHz mono 16-bit (earmark/audio.py: soxr through librosa).
"""
import csv
import io
import re
import tempfile
import zipfile
from pathlib import Path

from . import audio

COLUMNS = ('file', 'label', 'source', 'original_name', 'license', 'fold')
ESC50_SOURCE = 'ESC-50 (karolpiczak/ESC-50)'
ESC50_LICENCE = 'CC BY-NC 3.0'
ESC50_FOLDS = ('1', '2', '3', '4')
# label: its ESC-50 categories
ESC50_TRAIN = {'door_knock': ('door_wood_knock',), 'dog_bark': ('dog',),
               'footsteps': ('footsteps',), 'glass_breaking': ('glass_breaking',),
               'baby_crying': ('crying_baby',), 'car_horn': ('car_horn',), 'siren': ('siren',)}
BACKGROUND = ('chirping_birds', 'crickets', 'engine', 'rain', 'wind')
BACKGROUND_PER_FOLD = 2
OTHER = ('church_bells', 'clock_alarm', 'laughing', 'coughing', 'sneezing', 'door_wood_creaks',
         'cat', 'clapping', 'keyboard_typing', 'vacuum_cleaner', 'washing_machine', 'rooster',
         'can_opening', 'mouse_click', 'clock_tick', 'thunderstorm', 'pouring_water',
         'toilet_flush', 'hen', 'snoring')
OTHER_PER_FOLD = 4
NEGATIVES = ('airplane', 'breathing', 'brushing_teeth', 'chainsaw', 'cow', 'crackling_fire',
             'crow', 'drinking_sipping', 'fireworks', 'frog', 'hand_saw', 'helicopter', 'insects',
             'pig', 'sea_waves', 'sheep', 'train', 'water_drops')
FSDD_SOURCE = 'Free Spoken Digit Dataset (Jakobovski/free-spoken-digit-dataset)'
FSDD_LICENCE = 'CC BY-SA 4.0'
FSDD_NAME = re.compile(r'(\d)_([a-z]+)_0\.wav$')   # each speaker's first take of each digit
SOUND = ('.wav', '.flac', '.ogg', '.aiff', '.aif')
LABELS = tuple(ESC50_TRAIN) + ('background', 'speech', 'doorbell')


def esc50_plan(archive):
    """[(folder, label, category, member name, fold)] of the clips ESC-50's zip gives."""
    names = archive.namelist()
    meta = [n for n in names if n.endswith('meta/esc50.csv')]
    if not meta:
        raise ValueError('%s: no meta/esc50.csv: not ESC-50\'s archive (its master.zip)'
                         % archive.filename)
    audio_dir = meta[0][:-len('meta/esc50.csv')] + 'audio/'
    rows = sorted(csv.DictReader(io.TextIOWrapper(archive.open(meta[0]), 'utf-8')),
                  key=lambda r: r['filename'])
    label_of = {c: l for l, cats in ESC50_TRAIN.items() for c in cats}
    plan, taken = [], {}
    for r in rows:
        cat, fold = r['category'], r['fold']
        if fold not in ESC50_FOLDS:
            continue
        n = taken[cat, fold] = taken.get((cat, fold), 0) + 1
        member = audio_dir + r['filename']
        if cat in label_of:
            plan.append(('train', label_of[cat], cat, member, fold))
        elif cat in BACKGROUND and n <= BACKGROUND_PER_FOLD:
            plan.append(('train', 'background', cat, member, fold))
        elif cat in OTHER and n <= OTHER_PER_FOLD:
            plan.append(('other', 'other', cat, member, fold))
        elif cat in NEGATIVES:
            plan.append(('negatives', 'other', cat, member, fold))
    present = set(names)
    missing = [member for _, _, _, member, _ in plan if member not in present]
    if missing:
        raise ValueError('%s: %d clips the manifest names are missing, first %s'
                         % (archive.filename, len(missing), missing[0]))
    return plan


def build(out, esc50, fsdd=None, added=(), progress=None):
    """Writes the data folder into `out` (which must not hold one already); returns
    {folder: clip count}. `added`: [(label, folder of recordings)]."""
    out = Path(out)
    for folder in ('train', 'other', 'negatives'):
        if (out / folder / 'manifest.csv').exists():
            raise ValueError('%s already holds a data folder (%s/manifest.csv): give another --out'
                             % (out, folder))
    jobs = []   # (folder, subfolder, name, manifest row, read() -> a path audio.read takes)
    with zipfile.ZipFile(esc50) as z:
        plan = esc50_plan(z)
    for folder, label, cat, member, fold in plan:
        name = Path(member).name
        jobs.append((folder, cat if folder != 'train' else label,
                     'esc50_%s_%s' % (cat, name), esc50, member,
                     [label, ESC50_SOURCE, '%s (%s)' % (name, cat), ESC50_LICENCE,
                      'esc50-fold' + fold]))
    if fsdd:
        with zipfile.ZipFile(fsdd) as z:
            for member in sorted(z.namelist()):
                found = FSDD_NAME.search(member)
                if found and '/recordings/' in member:
                    jobs.append(('train', 'speech', 'fsdd_' + Path(member).name, fsdd, member,
                                 ['speech', FSDD_SOURCE, Path(member).name, FSDD_LICENCE,
                                  'speaker:fsdd-' + found.group(2)]))
    for label, folder in added:
        files = sorted(p for p in Path(folder).rglob('*') if p.suffix.lower() in SOUND)
        if not files:
            raise ValueError('%s: no recordings (%s) for %s' % (folder, ', '.join(SOUND), label))
        for p in files:
            jobs.append(('train', label, 'own_%s' % p.name, None, p,
                         [label, 'your recordings (%s)' % Path(folder).name, p.name,
                          'yours', 'src:' + Path(folder).name]))
    return _write(out, jobs, progress)


def _write(out, jobs, progress):
    import soundfile
    rows = {'train': [], 'other': [], 'negatives': []}
    archives = {}
    with tempfile.TemporaryDirectory() as tmp:
        for folder, sub, name, archive, member, row in (progress or iter)(jobs):
            if archive is None:
                source = member
            else:
                z = archives.get(archive) or archives.setdefault(archive, zipfile.ZipFile(archive))
                source = Path(tmp) / Path(member).name
                source.write_bytes(z.read(member))
            pcm = audio.read(source)
            flac = folder == 'negatives'   # as the development copy: the biggest folder as FLAC
            rel = '%s/%s' % (sub, Path(name).stem + ('.flac' if flac else '.wav'))
            (out / folder / sub).mkdir(parents=True, exist_ok=True)
            soundfile.write(str(out / folder / rel), pcm, audio.RATE, subtype='PCM_16')
            rows[folder].append([rel] + row)
    for z in archives.values():
        z.close()
    for folder, found in rows.items():
        if found:
            with open(out / folder / 'manifest.csv', 'w', newline='') as f:
                w = csv.writer(f)
                w.writerow(COLUMNS)
                w.writerows(found)
    return {folder: len(found) for folder, found in rows.items()}


def run(args):
    from tqdm import tqdm
    added = []
    for spec in args.add or ():
        label, _, folder = spec.partition('=')
        if label not in LABELS or not folder:
            raise ValueError('--add %s: give LABEL=FOLDER, LABEL one of %s'
                             % (spec, ', '.join(LABELS)))
        added.append((label, folder))
    for path in filter(None, (args.esc50, args.fsdd)):
        if not zipfile.is_zipfile(path):
            raise ValueError('%s: not a zip archive as downloaded' % path)
    counts = build(args.out, args.esc50, args.fsdd, added,
                   progress=lambda jobs: tqdm(jobs, desc='clips', unit='clip'))
    print('earmark: %s: %s. Then: export EARMARK_DATA=%s' % (
        args.out, ', '.join('%s/ %d clips' % kv for kv in counts.items()), args.out))
