"""The device's HTTP API, served by Microdot from flash."""
import sys

from microdot import Microdot

import compat

app = Microdot()
_started = compat.ticks_ms()


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
