"""`earmark search FILE`: the events a running appliance stored that sound most like a recording,
one JSON line each, most alike first (POST /api/search).

The recording may be anything `classify` takes (earmark/audio.py), such as a clip.wav saved from
the page at 8 kHz: it goes up as the 16 kHz mono 16-bit WAV the appliance listens in. The token
comes from EARMARK_TOKEN (a command line argument would show in the process list), else it is
asked for.
"""
import getpass
import io
import json
import os
import sys
import urllib.error
import urllib.request

# The appliance takes uploads up to Config.max_upload (device/config.py): 10 s at 16 kHz.
LONGEST = 10.0


def wav_bytes(path):
    import soundfile
    from . import audio
    pcm = audio.read(path)
    if len(pcm) > LONGEST * audio.RATE:
        raise ValueError('%s: %.1f s long; search takes up to %g s (cut it first, e.g. sox IN '
                         'OUT trim 0 %g)' % (path, len(pcm) / audio.RATE, LONGEST, LONGEST))
    out = io.BytesIO()
    soundfile.write(out, pcm, audio.RATE, format='WAV', subtype='PCM_16')
    return out.getvalue()


def token():
    if os.environ.get('EARMARK_TOKEN'):
        return os.environ['EARMARK_TOKEN']
    if sys.stdin.isatty():
        return getpass.getpass('API token: ')
    raise ValueError("set EARMARK_TOKEN to the appliance's API token")


def run(args):
    body = wav_bytes(args.file)
    url = args.url.rstrip('/')
    request = urllib.request.Request(
        '%s/api/search?k=%d' % (url, args.k), data=body, method='POST',
        headers={'Authorization': 'Bearer ' + token(), 'Content-Type': 'audio/wav'})
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            answer = json.loads(r.read())
    except urllib.error.HTTPError as e:
        if e.code == 401:
            raise ValueError('%s did not accept the token' % url) from None
        try:
            why = json.loads(e.read())['error']
        except ValueError:
            why = 'HTTP %d' % e.code
        raise ValueError('%s refused the search: %s' % (url, why)) from None
    except urllib.error.URLError as e:
        raise ValueError('no appliance answers at %s (%s)' % (url, e.reason)) from None
    query = answer['query']
    print('earmark: %s sounds like %s (%.2f); the %d stored events most like it:' % (
        args.file, query['label'], query['confidence'], len(answer['events'])),
        file=sys.stderr)
    for ev in answer['events']:
        print(json.dumps(ev))
