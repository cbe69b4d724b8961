"""The device's HTTP API, served by Microdot from flash."""
import sys

from microdot import Microdot, Request

import auth as auth_module
import compat
import static
from config import Config

Request.max_content_length = Config.max_upload
Request.max_body_length = Config.max_json_body
Request.max_readline = Config.max_line

app = Microdot()
_started = compat.ticks_ms()
# Paths under /api/ that answer without a token.
PUBLIC = ('/api/health',)
# EventSource cannot send headers, so the page passes the token as ?token= on this path only.
QUERY_TOKEN = ('/api/live',)
auth = None


def use_auth(checker):
    """Sets the `auth.Auth` that guards the API (until then every guarded path answers 401)."""
    global auth
    auth = checker


@app.before_request
async def authorize(request):
    path = request.path
    if not path.startswith('/api/') or path in PUBLIC:
        return None
    token = auth_module.bearer(request.headers.get('Authorization'))
    if token is None and path in QUERY_TOKEN:
        token = request.args.get('token')
    if auth is None or not auth.check(token):
        return {'error': 'missing or wrong token'}, 401, {'WWW-Authenticate': 'Bearer'}
    return None


@app.errorhandler(404)
async def not_found(request):
    # The page shell and openapi.json are served here, after every route had its chance, so no
    # catch-all route can shadow an API path whatever the order modules register routes in.
    if request is not None and request.method in ('GET', 'HEAD'):
        response = static.respond(request, request.path)
        if response is not None:
            return response
    return {'error': 'not found'}, 404


@app.errorhandler(400)
async def bad_request(request):
    return {'error': 'bad request'}, 400


@app.errorhandler(405)
async def not_allowed(request):
    # RFC 9110 wants the methods that would work in an Allow header.
    return {'error': 'method not allowed'}, 405, app.default_options_handler(request)


@app.errorhandler(413)
async def too_large(request):
    return {'error': 'request body larger than %d bytes' % Request.max_content_length}, 413


@app.errorhandler(500)
async def server_error(request):
    return {'error': 'internal error'}, 500


@app.get('/api/health')
async def health(request):
    used, free = compat.heap()
    return {
        'ok': True,
        'runtime': sys.implementation.name,
        'uptime_s': compat.ticks_diff(compat.ticks_ms(), _started) // 1000,
        'heap_used': used,
        'heap_free': free,
    }
