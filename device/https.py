"""Optional HTTPS: the server's TLS context from a certificate and key in DER form (what
MicroPython's mbedtls reads: its builds here parse no PEM), and the certificate's SHA-256
fingerprint, which the owner compares with the one the browser shows for a self-signed
certificate. MicroPython cannot make a key pair, so the files come from the host: `earmark run
--https` makes them at its first start, `earmark deploy --https` for a board.
"""
import binascii
import hashlib
import os
import sys


def provisioned():
    """A board's certificate and key when `earmark deploy --https` put both on its flash, else
    ('', ''): the board then serves plain HTTP."""
    from config import Config   # here: the host loads this module alone (earmark deploy)
    try:
        os.stat(Config.tls_cert)
        os.stat(Config.tls_key)
    except OSError:
        return '', ''
    return Config.tls_cert, Config.tls_key


def fingerprint(der):
    """'AB:CD:...': the SHA-256 of the certificate's DER bytes, as browsers show it."""
    digest = binascii.hexlify(hashlib.sha256(der).digest()).decode().upper()
    return ':'.join(digest[i:i + 2] for i in range(0, len(digest), 2))


def _read(path, what):
    try:
        with open(path, 'rb') as f:
            return f.read()
    except OSError as e:
        raise ValueError('cannot read the HTTPS %s %s (%s)' % (what, path, e))


def context(cert, key):
    """(TLS server context, certificate fingerprint); ValueError with one line when the files
    are missing or not a DER certificate and its private key."""
    der = _read(cert, 'certificate')
    key_der = _read(key, 'key')
    import ssl
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        if sys.implementation.name == 'micropython':
            ctx.load_cert_chain(cert, key)
        else:
            _load_der(ctx, der, key_der)
    except (ValueError, OSError) as e:   # mbedtls: ValueError; CPython: ssl.SSLError (OSError)
        raise ValueError('HTTPS certificate %s and key %s do not load (%s); they must be DER '
                         'files of one key pair' % (cert, key, e))
    return ctx, fingerprint(der)


def _load_der(ctx, der, key):
    """CPython's load_cert_chain reads PEM files only: the DER pair is written as PEM to a
    private temporary folder for the call, then removed."""
    import ssl
    import tempfile
    pem = ssl.DER_cert_to_PEM_cert(der)
    body = binascii.b2a_base64(key).decode().strip()
    key_pem = '-----BEGIN PRIVATE KEY-----\n%s\n-----END PRIVATE KEY-----\n' % '\n'.join(
        body[i:i + 64] for i in range(0, len(body), 64))
    with tempfile.TemporaryDirectory() as folder:
        paths = os.path.join(folder, 'cert.pem'), os.path.join(folder, 'key.pem')
        for path, text in zip(paths, (pem, key_pem)):
            with open(path, 'w') as f:
                f.write(text)
        ctx.load_cert_chain(*paths)
