"""The second opinion (hub/second.py): `earmark hub pull` with [second] in hub.toml runs the
teacher (YAMNet) with the label head fitted on the training clips on every clip it pulls from a
real appliance, and keeps its label and confidence beside the device's; with overrule, the
events view shows the second label and keeps the device's as device_label. Needs the teacher
file and the sound data (skipped without them, as the teacher's own tests are)."""

import pytest

from earmark import ROOT
from test_hub import pull, sql, start_fleet, stop_fleet, write_config

DATA = ROOT.parent / 'shared' / 'data'


@pytest.fixture(scope='module')
def fleet(tmp_path_factory):
    from training import teacher
    try:
        teacher.Teacher()
    except teacher.TeacherError as e:
        pytest.skip(str(e))
    if not (DATA / 'train' / 'manifest.csv').is_file():
        pytest.skip('no sound data in %s' % DATA)
    devs = start_fleet(tmp_path_factory.mktemp('secondfleet'), {'hall': (1,)})
    yield devs
    stop_fleet(devs)


def test_each_pulled_clip_gets_the_teachers_label_beside_the_devices(fleet, tmp_path):
    config = write_config(tmp_path, fleet)
    folders = ', '.join('"%s"' % (DATA / d) for d in ('train', 'other', 'negatives'))
    with open(config, 'a') as f:
        f.write('[second]\ndata = [%s]\n' % folders)
    lines, _ = pull(config)
    assert lines['hall']['error'] is None and lines['hall']['clips'] > 0
    head, rows = sql(config, 'select id, label, second_label, second_confidence, clip, has_clip '
                             'from events order by id')
    from hub.config import load
    from hub.pull import opinion
    second = opinion(load(config))   # the head the pull fitted, from its cache
    labels = second.labels
    data = config.parent / 'data'
    for ident, label, second_label, confidence, clip, has_clip in rows:
        assert has_clip == 'True'
        # what the teacher says of the clip as stored is what the pull kept
        again = second.label((data / clip).read_bytes())
        assert (second_label, round(float(confidence), 3)) == again   # (stored as float32)
        assert second_label in labels and 0 < float(confidence) <= 1
    # overrule: the view's label is the second opinion's, the device's kept beside it
    config.write_text(config.read_text().replace('[second]\n', '[second]\noverrule = true\n'))
    _, over = sql(config, 'select id, label, device_label from events order by id')
    assert [(r[0], r[1], r[2]) for r in over] == [(r[0], r[2], r[1]) for r in rows]
