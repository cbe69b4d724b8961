"""What the live stream (/api/live) hands each listener: messages in order, never blocking the
sender that puts them."""
import asyncio


class Subscriber:
    """A bounded queue of (kind, payload) messages; when full the oldest goes (`dropped`)."""

    def __init__(self, size):
        self.size = size
        self.items = []
        self.dropped = 0
        self._ready = asyncio.Event()

    def put(self, item):
        if len(self.items) >= self.size:
            self.items.pop(0)
            self.dropped += 1
        self.items.append(item)
        self._ready.set()

    async def get(self):
        while not self.items:
            self._ready.clear()
            await self._ready.wait()
        return self.items.pop(0)
