"""The API's route patterns (server.Path) answer as Microdot's URLPattern does, in each runtime."""
import json

PATTERNS = ['/api/events', '/api/events/<ident>', '/api/events/<ident>/clip.wav',
            '/api/events/<ident>/similar', '/api/health']
PATHS = ['/api/events', '/api/events/', '/api/events/12', '/api/events/12/', '/api/events//similar',
         '/api/events/12/clip.wav', '/api/events/12/clip.wavx', '/api/events/12/similar',
         '/api/events/a%20b/similar', '/api/events/12/similar/x', '/api/eventsx', '/api/health',
         '/api/health/', '/', '', '/api/events/12/13']

CODE = '''
import json
import server
from microdot import URLPattern
for pattern in %r:
    for path in %r:
        print(json.dumps([pattern, path, server.Path(pattern).match(path),
                          URLPattern(pattern).match(path)]))
''' % (PATTERNS, PATHS)


def test_paths_match_as_microdot_does(device):
    rows = device.json_lines(CODE)
    assert len(rows) == len(PATTERNS) * len(PATHS)
    assert [r for r in rows if r[2] != r[3]] == []
    assert sum(r[2] is not None for r in rows) == 6   # the patterns do match paths
