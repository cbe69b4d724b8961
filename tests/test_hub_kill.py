"""`earmark hub pull` killed (SIGKILL) at random moments, again and again, then let finish: the
hub holds exactly what an uninterrupted pull of the same three real appliances holds (the same
rows, none twice, the same clips), and no file that a manifest does not name. Pages of 3 changes,
so a pull commits many times and the kills fall between, during and inside commits and clip
downloads. EARMARK_HUB_KILLS sets the number of kills (default 20; the report's run: 100)."""
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from earmark import ROOT
from hub.store import Store
from test_hub import pull, sql, start_fleet, stop_fleet, write_config

KILLS = int(os.environ.get('EARMARK_HUB_KILLS', '20'))
ROWS = ('select device, epoch, id, label, locked, start, "end", confidence, has_clip, clip, '
        'embedding, runners_up from events order by device, epoch, id')


@pytest.fixture(scope='module')
def fleet(tmp_path_factory):
    devs = start_fleet(tmp_path_factory.mktemp('killfleet'),
                       {'front': (3, 2, 1), 'back': (2, 1), 'garage': (1,)})
    yield devs
    stop_fleet(devs)


def state(config):
    data = config.parent / 'data'
    clips = {str(p.relative_to(data)): p.read_bytes() for p in (data / 'clips').rglob('*.wav')}
    return sql(config, ROWS)[1], clips


def test_kills_mid_pull_lose_and_duplicate_nothing(fleet, tmp_path):
    reference = write_config(tmp_path / 'reference', fleet, page=3)
    t0 = time.monotonic()
    pull(reference)
    took = time.monotonic() - t0
    want_rows, want_clips = state(reference)
    assert len(want_rows) == sum(len(d.filled) for d in fleet.values()) and want_clips

    rng = random.Random(24)
    kills = rounds = 0
    while kills < KILLS:
        config = write_config(tmp_path / ('round%d' % rounds), fleet, page=3)
        rounds += 1
        for attempt in range(4):
            proc = subprocess.Popen([sys.executable, '-m', 'earmark.cli', 'hub', 'pull',
                                     '--config', str(config)], cwd=str(ROOT),
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # ~0.3 s: the interpreter's start; later pulls of a round have less left to do
            time.sleep(rng.uniform(0.3, 0.3 + took / (attempt + 1)))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            proc.wait()
        lines, _ = pull(config)
        assert all(line['error'] is None for line in lines.values()), lines
        rows, clips = state(config)
        assert rows == want_rows, (rounds, kills)
        assert clips == want_clips, (rounds, kills)
        data = config.parent / 'data'
        found = {str(p) for p in data.rglob('*') if p.is_file() and p.suffix != '.lock'}
        named = set(Store(data).files()) | {str(data / c) for c in clips} | {
            str(p) for p in (data / 'devices').glob('*.json')}
        assert found == named, 'files no manifest names (or temporary ones) were left'
    print('%d kills in %d rounds; an uninterrupted pull took %.1f s' % (kills, rounds, took))
