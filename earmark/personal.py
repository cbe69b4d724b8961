"""`earmark personal teach` and `earmark detect --personal`: a personal sound on the command line,
with the code the browser lab runs.

teach makes a pattern head by default (device/pattern.py: templates of the recordings' frames
over their bed, each guarded by a bank of other sounds; labcore.pattern_head in MicroPython, as
the browser teaches), written to DIR/personal.json; detect puts it beside the appliance's store,
whose pipeline then finds the sound in every frame as a device does.

teach --embedding: each example file is made a 16 kHz mono WAV (earmark/audio.py) and heard by
the lab's analysis (webui/lab/labcore.py) in MicroPython with the device's modules; its examples
(labcore.examples) and the head (webui/lab/teach.py) are made there too. detect: the appliance
runs over the file as `earmark detect` runs it, and each stored event's embedding (what the
device keeps, and what the head is taught on) is put to the head with device/personal.py: a
match takes the personal label, the generic one beside it.
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from . import DEVICE, bridge, labsite, runtime

HEAD_FILE = 'personal.json'


def _device(name):
    return bridge.device_module(name)


def _model_json(model=None):
    """The bytes of a bundle's model.json (None: the image's model)."""
    return ((Path(model) if model else DEVICE / 'model') / 'model.json').read_bytes()


def model_id(model=None):
    return _device('personal').model_id(_model_json(model))


def model_labels(model=None):
    return json.loads(_model_json(model))['labels']


def hear(files, loud_db=6):
    """[[stored embedding, ...] per file]: each file's examples
    (labcore.recording_examples)."""
    from . import audio
    with tempfile.TemporaryDirectory(prefix='earmark-') as tmp:
        for i, f in enumerate(files):
            pcm = Path(tmp) / ('%d.pcm' % i)
            pcm.write_bytes(_padded(audio.read(f)).tobytes())
        code = ('import json, labcore\nlab = labcore.Lab("model")\n'
                'for p in %r:\n'
                '    pcm = open(p, "rb").read()\n'
                '    print(json.dumps(labcore.recording_examples(lab, pcm, %r)))\n'
                % ([str(Path(tmp) / ('%d.pcm' % i)) for i in range(len(files))], loud_db))
        lines = run_host(code).splitlines()
    return [json.loads(line) for line in lines[-len(files):]]


def run_host(code, heap='8M'):
    """stdout of `code` run in MicroPython here, the image's device modules and the lab's
    (webui/lab, not wasm/) importable. Raises RuntimeError with MicroPython's last lines."""
    prelude = 'import sys\nsys.path.append(%r)\n' % str(labsite.LAB_SOURCE)
    argv, env, cwd = runtime.command(runtime.choose('micropython'), ['-c', prelude + code],
                                     heap=heap)
    done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True)
    if done.returncode or 'Traceback' in done.stderr:
        raise RuntimeError('MicroPython failed:\n%s' % (done.stderr or done.stdout)[-2000:])
    return done.stdout


def _padded(pcm):
    """A recording shorter than a window and a chunk's tail: padded with silence, as the
    device's own search pads a short upload (device/embedwav.py)."""
    import numpy as np
    least = 16000 + 1024
    return np.pad(pcm, (0, max(0, least - len(pcm))))


def teach(label, files, negatives=(), model=None):
    """(head dict, leave-one-out judgement, warnings), taught in MicroPython by teach.py."""
    _device('personal').check_label(label, model_labels(model))
    heard = hear(files)
    for f, got in zip(files, heard):
        if not got:
            raise ValueError('%s: no sound heard in it' % f)
    examples = {label: heard}
    code = ('import json, teach\nprint(json.dumps(teach.session(%s, %s, %r, %d)))'
            % (json.dumps(examples), json.dumps(list(negatives)), model_id(model),
               len(heard[0][0])))
    out = json.loads(run_host(code).splitlines()[-1])
    return out['head'], out['cv'], out['warnings']


# other sounds' steps, a pattern head's templates are guarded against (training/pattern_bank.py)
PATTERN_BANK = labsite.LAB_SOURCE / 'pattern_bank.gz'


def teach_pattern(label, files, model=None, bank=PATTERN_BANK, generic=None):
    """A pattern head (device/pattern.py: templates of the recordings' frames over their bed,
    each with its threshold over what the bank of other sounds reaches), taught in MicroPython
    by the lab's code (labcore.pattern_head), as the browser teaches. `generic`: the model's
    label for the sound (the events the head opens carry it beside `label`)."""
    from . import audio
    labels = model_labels(model)
    _device('personal').check_label(label, labels)
    if generic is not None and (generic not in labels or generic == 'background'):
        raise ValueError('--generic %s: one of the model\'s labels %s' % (
            generic, ', '.join(x for x in labels if x != 'background')))
    if bank and not Path(bank).is_file():
        raise ValueError('%s: no bank of other sounds there (training/pattern_bank.py makes one)'
                         % bank)
    with tempfile.TemporaryDirectory(prefix='earmark-') as tmp:
        paths = []
        for i, f in enumerate(files):
            paths.append(str(Path(tmp) / ('%d.pcm' % i)))
            Path(paths[-1]).write_bytes(audio.read(f).tobytes())
        code = PATTERN_TEACH % (label, model_id(model), paths,
                                str(Path(bank).resolve()) if bank else None, generic)
        out = run_host(code).splitlines()[-1]
    if out.startswith('pattern: '):
        raise ValueError(out)
    return json.loads(out)


PATTERN_TEACH = '''import json, labcore
try:
    print(json.dumps(labcore.pattern_head(%r, %r, [open(p, 'rb').read() for p in %r], %r,
                                          %r)))
except ValueError as exc:
    print(exc)
except OSError as exc:   # deflate's, on a file that is not gzip
    print('pattern: the bank is not a gzipped bank of steps (' + str(exc) + ')')
'''


def load_head(folder, model=None, dim=None):
    """The head in `folder`, checked as the appliance checks one against its model (`model`'s
    id and labels)."""
    path = Path(folder) / HEAD_FILE
    try:
        text = path.read_bytes()
    except OSError:
        raise ValueError('%s: no personal head there (earmark personal teach --out %s)'
                         % (path, folder))
    head = _device('personal').load(text, model_id(model), dim, model_labels(model))
    head.text = text   # a pattern head goes to the appliance's store as it is (detect)
    return head


def cmd_teach(args):
    try:
        # A pattern head unless told otherwise: on held-out doorbells it finds more rings, with
        # fewer false matches, than an embedding head (docs/lab.md)
        if getattr(args, 'embedding', False):
            if getattr(args, 'generic', None):
                raise ValueError('--generic is for a pattern head (an embedding head\'s '
                                 'events are the classifier\'s, with its label)')
            head, cv, warnings = teach(args.label, args.files, model=args.model)
        else:
            head = teach_pattern(args.label, args.files, args.model,
                                 getattr(args, 'bank', None) or PATTERN_BANK,
                                 getattr(args, 'generic', None))
            cv, warnings = None, []
    except ValueError as exc:
        print('earmark: %s' % exc, file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / (HEAD_FILE + '.new')
    tmp.write_text(json.dumps(head))
    tmp.replace(out / HEAD_FILE)
    sound = head['sounds'][0]
    kept = ('%d templates, r >= %s' % (len(sound['templates']), ', '.join(
                '%.3f' % (r / 1000) for r in sound['reaches']))
            if 'templates' in sound else
            '%d prototypes, reach %d' % (len(sound['prototypes']), sound['reach']))
    print('earmark: %s taught from %d file%s (%s) into %s'
          % (args.label, len(args.files), '' if len(args.files) == 1 else 's', kept,
             out / HEAD_FILE))
    for w in warnings:
        print('earmark: warning: %s' % w)
    return 0


def apply(events, embeddings, head):
    """Events (detect's dicts) with the head's verdict: a match's label is the personal one,
    `generic` the appliance's."""
    out = []
    for ev, emb in zip(events, embeddings):
        ev = dict(ev)
        if emb is not None:
            ev.update(head.describe([(v ^ 128) - 128 for v in emb], ev['label']))
        out.append(ev)
    return out
