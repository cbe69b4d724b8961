"""The appliance's self-signed HTTPS certificate, made on the host: MicroPython cannot make a key
pair, so `earmark run --https` makes one at its first start and `earmark deploy --https` puts one
on a board. An ECDSA P-256 key (a TLS handshake costs a board far less than with RSA), valid ten
years, both files DER (what MicroPython's mbedtls reads; device/https.py loads them), made by the
`openssl` command (Debian: openssl).
"""
import ipaddress
import shutil
import subprocess
import tempfile
from pathlib import Path

CERT, KEY = 'cert.der', 'key.der'
DAYS = 3650


def _openssl(*args):
    done = subprocess.run(['openssl', *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError('openssl %s failed: %s' % (args[0], done.stderr.strip()[-300:]))


def make(folder, names=()):
    """(cert, key) paths in `folder`, made there unless both exist already (the browser's
    exception for a self-signed certificate then holds across runs). `names` are the host
    names and addresses the certificate is for, besides 'earmark' and 127.0.0.1."""
    folder = Path(folder)
    cert, key = folder / CERT, folder / KEY
    if cert.exists() and key.exists():
        return cert, key
    if shutil.which('openssl') is None:
        raise RuntimeError('making an HTTPS certificate needs the openssl command '
                           '(Debian: apt-get install openssl)')
    alt = ['DNS:earmark', 'IP:127.0.0.1']
    for name in names:
        try:
            alt.append('IP:%s' % ipaddress.ip_address(name))
        except ValueError:
            alt.append('DNS:%s' % name)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        cert_pem, key_pem = Path(tmp) / 'cert.pem', Path(tmp) / 'key.pem'
        _openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
                 '-nodes', '-days', str(DAYS), '-subj', '/CN=earmark',
                 '-addext', 'subjectAltName=' + ','.join(alt),
                 '-keyout', str(key_pem), '-out', str(cert_pem))
        _openssl('x509', '-in', str(cert_pem), '-outform', 'DER', '-out', str(cert))
        # PKCS#8, which both mbedtls and (as PEM) CPython's ssl read; `pkey` would write SEC1.
        _openssl('pkcs8', '-topk8', '-nocrypt', '-in', str(key_pem), '-outform', 'DER',
                 '-out', str(key))
    key.chmod(0o600)
    return cert, key
