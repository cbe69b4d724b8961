"""`earmark deploy`: the ESP32 image's file set and size, and the mpremote steps run for real against
the unix port's REPL on a pseudo-terminal (socat bridges it to a TCP port, mpremote connects with
socket://). The 'board' is a temporary folder the unix port works in. Its REPL cannot reset (no
machine.reset), and it has no WiFi, so the reset and the address read after it are not run here."""
import gzip
import hashlib
import json
import re
import shutil
import subprocess
import time

import pytest

from bundles import edited
from conftest import free_port
from earmark import DEVICE, deploy, image, runtime
from training import bundle

MICRODOT = {'lib/microdot/' + name[:-3] + '.mpy' for name in image.MICRODOT_MODULES}
PAGE = {'www/index.html.gz', 'www/openapi.json.gz'}
MPY_ARCH_XTENSAWIN = 10


@pytest.fixture(scope='module')
def esp32_image():
    return image.build(deploy.ARCH)


def expected_files():
    # the browser lab as labsite.write_device lays it out (none where npm's port is missing)
    lab = image.image_dir(deploy.ARCH) / 'www' / 'lab'
    files = set(MICRODOT | PAGE) | {str(p.relative_to(lab.parents[1])) for p in lab.rglob('*')
                                    if p.is_file()}
    for path in DEVICE.rglob('*'):
        if not path.is_file() or '__pycache__' in path.parts:
            continue
        rel = path.relative_to(DEVICE)
        if path.suffix == '.py' and rel.name != 'main.py':
            rel = rel.with_suffix('.mpy')
        files.add(str(rel))
    return files


def test_image_file_set_and_size(esp32_image):
    files = deploy.image_files(esp32_image)
    assert set(files) == expected_files()
    # Only main.py runs from source; the rest is compiled, native code for the ESP32's core.
    assert [p for p in files if p.endswith('.py')] == ['main.py']
    for name in ('config.json', 'auth.json', deploy.IMAGE_LIST):
        assert name not in files  # the board's own files are never part of the image
    for rel in files:
        if rel.endswith('.mpy'):
            head = (esp32_image / rel).read_bytes()[:3]
            assert head[:2] == b'M\x06', rel  # mpy ABI 6: MicroPython 1.23 or newer
            source = (DEVICE / rel).with_suffix('.py')
            code = source.read_text() if source.exists() else ''
            if re.search(r'^\s*@micropython\.(native|viper)', code, re.M):
                assert head[2] >> 2 == MPY_ARCH_XTENSAWIN, rel
    size = deploy.sizes(esp32_image)
    print('\nESP32 image (%s):' % esp32_image)
    for part, n in size.items():
        print('  %-10s %7d bytes  %6.1f KB' % (part, n, n / 1024))
    print('  budget     %7d bytes  %6.1f KB' % (deploy.FLASH_BUDGET, deploy.FLASH_BUDGET / 1024))
    assert size['total'] == sum(n for _, n in image.manifest(esp32_image))
    print('  lab budget %7d bytes  %6.1f KB' % (deploy.LAB_BUDGET, deploy.LAB_BUDGET / 1024))
    assert deploy.over_budget(size) == []
    assert deploy.over_budget(dict(size, total=size['total'] + deploy.FLASH_BUDGET)) != []


def test_psram_image_differs_only_in_its_model(esp32_image):
    psram = image.build(deploy.ARCH, model='psram')
    assert psram != esp32_image
    bundle = image.BUNDLES['psram']
    files, small = deploy.image_files(psram), deploy.image_files(esp32_image)
    model = {p for p in files if p.startswith('model/')}
    assert model == {'model/' + f.name for f in bundle.iterdir()}
    for rel in model:
        assert (psram / rel).read_bytes() == (bundle / rel.split('/', 1)[1]).read_bytes(), rel
    # The code and the page are the default image's; the lab carries the same bundle as the
    # device (where npm's port is installed; none otherwise) and lists its files.
    differ = {p for p in set(files) | set(small) if files.get(p) != small.get(p)}
    assert {p for p in differ if not p.startswith(('model/', 'www/lab/model/'))} <= {
        'www/lab/files.json.gz'}
    lab = psram / 'www' / 'lab' / 'model' / 'cnn.bin.gz'
    if lab.exists():
        assert gzip.decompress(lab.read_bytes()) == (bundle / 'cnn.bin').read_bytes()
    assert image.rom_path(deploy.ARCH, 'psram') != image.rom_path(deploy.ARCH)
    size = deploy.sizes(psram)
    assert size['model'] > deploy.sizes(esp32_image)['model']
    assert deploy.over_budget(size, 'psram') == []


def test_an_image_carries_a_bundle_of_your_own(esp32_image, tmp_path):
    mine = edited(DEVICE / 'model', tmp_path / 'my-model',
                  lambda meta: meta['event_thresholds'].update(doorbell=0.7))
    folder = image.build(deploy.ARCH, model=str(mine))
    assert folder == image.image_dir(deploy.ARCH, str(mine)) != esp32_image
    assert json.loads((folder / 'model' / 'model.json').read_text())[
        'event_thresholds']['doorbell'] == 0.7
    assert image.rom_path(deploy.ARCH, str(mine)).is_file()


def test_the_board_heap_picks_the_model():
    assert deploy.pick_model(129536) == 'small'           # a classic ESP32's, or less
    assert deploy.pick_model(8 * 1024 * 1024) == 'psram'  # an ESP32-S3's PSRAM
    with pytest.raises(ValueError, match='nonsense: not a model bundle'):
        image.bundle_folder('nonsense')
    with pytest.raises(ValueError, match='not a model bundle'):   # refused before the board
        deploy.deploy('socket://127.0.0.1:1', model='nonsense', log=lambda line: None)


@pytest.fixture
def board(tmp_path):
    """A MicroPython REPL on a pseudo-terminal, reachable as socket://127.0.0.1:PORT; each
    connection starts a fresh unix port process (socat fork) working in `tmp_path / 'board'`."""
    yield from _serve(tmp_path / 'board')


@pytest.fixture
def small_board(tmp_path):
    """The same with a classic ESP32's heap."""
    yield from _serve(tmp_path / 'small-board', ' -X heapsize=128K')


def _serve(root, options=''):
    if shutil.which('socat') is None:
        pytest.skip('socat is not installed (tools/system-packages.txt)')
    binary = runtime.micropython_binary()
    if binary is None:
        pytest.skip('micropython is not installed on this platform')
    root.mkdir()
    port = free_port()
    proc = subprocess.Popen(['socat', 'TCP-LISTEN:%d,bind=127.0.0.1,reuseaddr,fork' % port,
                             'EXEC:%s%s,pty,raw,echo=0' % (binary, options)], cwd=root,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not _listening(port):
        assert time.monotonic() < deadline and proc.poll() is None, 'socat did not start'
        time.sleep(0.05)
    try:
        yield 'socket://127.0.0.1:%d' % port, root
    finally:
        proc.terminate()
        proc.wait(10)


def _listening(port):
    import socket
    with socket.socket() as s:
        return s.connect_ex(('127.0.0.1', port)) == 0


def board_files(root):
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob('*') if p.is_file()}


def run(port, root, lines, **kw):
    kw.setdefault('reset', True)  # the unix port refuses it: the step is reported, not run
    return deploy.deploy(port, root=str(root), log=lines.append, **kw)


def test_deploy_copies_only_what_changed(board, esp32_image, tmp_path, mpy):
    port, root = board
    folder = tmp_path / 'image'
    shutil.copytree(esp32_image, folder)
    files = deploy.image_files(folder)
    changes = deploy.config_changes('home', 'hunter2hunter2', '14,13,5', 'sph0645')

    lines = []
    first = run(port, root, lines, folder=folder, changes=changes)
    text = '\n'.join(lines)
    print(text)
    assert first['copied'] == sorted(files) and first['deleted'] == []
    assert first['code'] == 'files'   # the unix port has no ROM partition
    on_board = board_files(root)
    for rel in files:
        assert on_board[rel] == (folder / rel).read_bytes(), rel
    assert json.loads(on_board[deploy.IMAGE_LIST]) == sorted(files)

    # The config: merged overrides that the device's Config.load accepts.
    config = json.loads(on_board['config.json'])
    assert config == {'wifi_ssid': 'home', 'wifi_password': 'hunter2hunter2', 'i2s_sck': 14,
                      'i2s_ws': 13, 'i2s_sd': 5, 'microphone': 'sph0645'} == first['config']
    # The token: shown once in the output, only its salted hash on the board.
    token = first['token']
    assert token and text.count(token) == 1
    assert all(token.encode() not in data for data in on_board.values())
    out = mpy.run('''
import auth
from config import Config
Config.load(%r)
a = auth.Auth.load(%r)
print(a.check(%r), a.check('wrong'), Config.wifi_ssid, Config.i2s_sd)
''' % (str(root / 'config.json'), str(root / 'auth.json'), token))
    assert out.split() == ['True', 'False', 'home', '5']

    # emlearn_trees: for a forest, installed when the release could be fetched, else the
    # fallback is said; a net needs none.
    if not deploy.needs_native(folder):
        assert first['native'] == 'not needed' and not (root / deploy.NATIVE).exists()
    elif first['native'] == 'installed':
        assert (root / deploy.NATIVE).is_file()
    else:
        assert first['native'].startswith('fallback: ')
        assert 'FALLBACK: the classifier runs its MicroPython evaluator' in text
    # The unix port has no machine.reset: the deploy says so instead of claiming an address.
    assert first['address'] is None and 'cannot be reset' in text

    # A second deploy copies nothing and keeps the token and the config.
    lines = []
    second = run(port, root, lines, folder=folder, changes=changes)
    assert second['copied'] == [] and second['deleted'] == []
    assert second['config'] is None and second['token'] is None
    assert board_files(root) == on_board

    # A file damaged on the board (a deploy cut off) is copied again, and only it.
    (root / 'store/read.mpy').write_bytes(on_board['store/read.mpy'][:100])
    # A file changed in the image, and one dropped from it.
    metrics = folder / 'model' / 'metrics.json'
    metrics.write_text(metrics.read_text() + '\n')
    (folder / 'www' / 'openapi.json.gz').unlink()
    dry = run(port, root, [], folder=folder, dry_run=True)
    assert dry['copied'] == ['model/metrics.json', 'store/read.mpy']
    assert dry['deleted'] == ['www/openapi.json.gz']
    assert board_files(root) != on_board and (root / 'www' / 'openapi.json.gz').exists()
    third = run(port, root, [], folder=folder)
    assert third['copied'] == ['model/metrics.json', 'store/read.mpy']
    assert third['deleted'] == ['www/openapi.json.gz']
    after = board_files(root)
    assert 'www/openapi.json.gz' not in after
    assert after['store/read.mpy'] == on_board['store/read.mpy']
    assert after['model/metrics.json'] == metrics.read_bytes()
    for kept in ('config.json', 'auth.json'):
        assert after[kept] == on_board[kept]

    # A new WiFi keeps the other settings; a new token replaces the hash.
    fourth = run(port, root, [], folder=folder, changes=deploy.config_changes('cabin'),
                 new_token=True)
    assert fourth['copied'] == []
    config = json.loads((root / 'config.json').read_text())
    assert config['wifi_ssid'] == 'cabin' and config['wifi_password'] is None
    assert config['i2s_sd'] == 5 and config['microphone'] == 'sph0645'
    assert fourth['token'] not in (None, token)
    assert (root / 'auth.json').read_bytes() != on_board['auth.json']


def test_code_goes_to_a_rom_partition_it_fits_in(esp32_image):
    files = deploy.image_files(esp32_image)
    rom = image.rom_path(deploy.ARCH).read_bytes()
    in_rom = {p for p in files if p.endswith('.mpy') or p.startswith('model/')}
    assert rom.startswith(b'\xd2\xcd\x31')   # a ROMFS image of the code and the model
    weights = 'model/' + bundle.weights_file(bundle.read(DEVICE / 'model'))
    assert {weights, 'main.py'} & in_rom == {weights}
    board = {'rom_size': len(rom), 'rom_digest': None, 'hashes': {p: files[p] for p in in_rom},
             'old': sorted(files)}
    kept, code, write = deploy.rom_plan(files, board, rom)
    assert code == 'rom' and write and set(kept) == set(files) - in_rom
    # The copies an earlier file deploy left are deleted, nothing else is.
    assert deploy.plan(kept, board) == (sorted(kept), sorted(in_rom))
    # Written only when the partition holds something else.
    board['rom_digest'] = hashlib.sha256(rom).hexdigest()
    assert deploy.rom_plan(files, board, rom)[1:] == ('rom', False)
    # Too small, or no partition: the code is copied as files.
    for size in (len(rom) - 1, None):
        assert deploy.rom_plan(files, dict(board, rom_size=size), rom) == (files, 'files', False)


def test_auto_model_follows_the_board_heap(board, small_board):
    for (port, root), model in ((board, 'psram'), (small_board, 'small')):
        lines = []
        report = run(port, root, lines, dry_run=True)
        assert report['model'] == model, lines
        assert re.search(r'model: %s \(the board has (\d+) KB of heap' % model, lines[0])
        assert 'image-%s%s' % (deploy.ARCH, '-psram' if model == 'psram' else '') in lines[1]
        assert board_files(root) == {}     # a dry run writes nothing
    # Asked for by name, the heap is not read.
    lines = []
    assert run(small_board[0], small_board[1], lines, dry_run=True, model='psram')['model'] \
        == 'psram'
    assert not any(line.startswith('model:') for line in lines)


def test_bad_settings_are_refused_before_anything_is_copied(board, esp32_image):
    port, root = board
    with pytest.raises(ValueError, match="setting 'i2s_sd' must be int"):
        run(port, root, [], folder=esp32_image, changes={'i2s_sd': '4'})
    with pytest.raises(ValueError, match='unknown setting'):
        run(port, root, [], folder=esp32_image, changes={'wifi_sid': 'typo'})
    assert board_files(root) == {}


def test_command_line_settings():
    assert deploy.config_changes(pins='1,2,3', settings=['port=8080', 'ap_ssid=door']) == {
        'i2s_sck': 1, 'i2s_ws': 2, 'i2s_sd': 3, 'port': 8080, 'ap_ssid': 'door'}
    with pytest.raises(ValueError, match='--pins takes SCK,WS,SD'):
        deploy.config_changes(pins='14,13')
    with pytest.raises(ValueError, match='--password needs --wifi'):
        deploy.config_changes(password='x')


def test_only_a_forest_needs_the_native_module(tmp_path):
    for fmt, needed in ((2, True), (3, False)):
        (tmp_path / 'model').mkdir(exist_ok=True)
        (tmp_path / 'model' / 'model.json').write_text(json.dumps({'format': fmt}))
        assert deploy.needs_native(tmp_path) is needed


def test_native_module_address_for_the_board():
    # sys.implementation._mpy of an ESP32 on MicroPython 1.23+: arch 10, ABI 6.3.
    assert deploy.native_url(10 << 10 | 3 << 8 | 6).endswith('/xtensawin_6.3/emlearn_trees.mpy')
    assert deploy.native_url(2822).endswith('/x64_6.3/emlearn_trees.mpy')
    with pytest.raises(ValueError, match='no native modules'):
        deploy.native_url(3 << 8 | 6)
    with pytest.raises(ValueError, match='1.23 or newer'):
        deploy.native_url(None)


def test_address_is_read_from_the_console():
    boot = ['ets Jun  8 2016 00:22:57', 'earmark: address http://192.168.1.23/', '']
    assert deploy.read_address(iter(boot), 5) == ('address', 'http://192.168.1.23/', '')
    setup = ['', "earmark: setup page http://192.168.4.1/ on WiFi 'earmark-setup'"]
    assert deploy.read_address(iter(setup), 5)[:2] == ('setup page', 'http://192.168.4.1/')
    assert deploy.read_address(iter(['nothing here', '']), 5) is None
