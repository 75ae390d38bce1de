"""A tap on the wire between the browser and the app server, for benchmarks/bench_live.py: a TCP
relay on a port of its own that passes every byte on unchanged and notes, on this process's
clock, when each script run's start and end (ForwardMsg ``new_session`` / ``script_finished``)
left the server — before the browser, however busy, has read them. Beside what the page's probe
sees, it splits a latency into the server's part and the browser's.

The app's websocket (``/_stcore/stream``) carries one ForwardMsg per frame, server to browser,
unmasked and uncompressed (Streamlit's default, ``server.enableWebsocketCompression = false``);
every other connection (HTTP, static files) is only passed on.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

NEW_SESSION = ForwardMsg.DESCRIPTOR.fields_by_name["new_session"].number
SCRIPT_FINISHED = ForwardMsg.DESCRIPTOR.fields_by_name["script_finished"].number
CHUNK = 1 << 16


def _varint(data: bytes, i: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, i


def lifecycle(payload: bytes) -> bool:
    """True when a ForwardMsg starts or ends a script run (its top-level fields only: the long
    deltas are skipped, not decoded)."""
    i = 0
    while i < len(payload):
        tag, i = _varint(payload, i)
        if tag >> 3 in (NEW_SESSION, SCRIPT_FINISHED):
            return True
        wire = tag & 7
        if wire == 0:
            _, i = _varint(payload, i)
        elif wire == 2:
            length, i = _varint(payload, i)
            i += length
        elif wire == 1:
            i += 8
        elif wire == 5:
            i += 4
        else:
            return False
    return False


class Frames:
    """Cuts the server-to-browser byte stream of a websocket into frames' payloads."""

    def __init__(self) -> None:
        self.buffer = bytearray()

    def feed(self, data: bytes) -> list[bytes]:
        self.buffer += data
        payloads = []
        while len(self.buffer) >= 2:
            length, start = self.buffer[1] & 0x7F, 2
            if length == 126:
                if len(self.buffer) < 4:
                    break
                length, start = int.from_bytes(self.buffer[2:4], "big"), 4
            elif length == 127:
                if len(self.buffer) < 10:
                    break
                length, start = int.from_bytes(self.buffer[2:10], "big"), 10
            if self.buffer[1] & 0x80:
                start += 4  # a masked frame (never from a server)
            if len(self.buffer) < start + length:
                break
            if self.buffer[0] & 0x0F == 0x2:  # binary: a ForwardMsg
                payloads.append(bytes(self.buffer[start : start + length]))
            del self.buffer[: start + length]
        return payloads


class WireTap:
    """``with WireTap(port) as tap``: ``tap.url`` relays to 127.0.0.1:``port``; ``tap.runs``
    lists ``{"t", "kind", "run", "fragment", "status"}`` (t in epoch ms, this process's clock)."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.runs: list[dict] = []
        self.loop = asyncio.new_event_loop()
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self) -> WireTap:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self.loop).result(timeout=10)
        return self

    def __exit__(self, *exc) -> None:
        asyncio.run_coroutine_threadsafe(self._close(), self.loop).result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()

    async def _serve(self) -> None:
        self.server = await asyncio.start_server(self._relay, sock=self.listener)

    async def _close(self) -> None:
        """Stop listening and end every relayed connection."""
        self.server.close()
        others = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    async def _relay(self, client_reader, client_writer) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection(
                "127.0.0.1", self.upstream_port
            )
        except OSError:
            client_writer.close()
            return
        # When the tap closes, end quietly: asyncio asks this task for its exception once it is
        # done, and a cancelled task would raise there.
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(
                self._pipe(client_reader, server_writer, None),
                self._pipe(server_reader, client_writer, Frames()),
                return_exceptions=True,
            )

    async def _pipe(self, reader, writer, frames: Frames | None) -> None:
        """Pass bytes on; on the server's side of an upgraded websocket, note the runs."""
        upgraded = False
        try:
            while data := await reader.read(CHUNK):
                writer.write(data)
                await writer.drain()
                if frames is None:
                    continue
                if not upgraded:
                    head, _, rest = data.partition(b"\r\n\r\n")
                    upgraded = head.startswith(b"HTTP/1.1 101")
                    if not upgraded:
                        frames = None  # plain HTTP on this connection: nothing to note
                        continue
                    data = rest
                now = time.time() * 1000
                for payload in frames.feed(data):
                    if lifecycle(payload):
                        self._note(now, ForwardMsg.FromString(payload))
        finally:
            writer.close()

    def _note(self, now: float, message: ForwardMsg) -> None:
        started = message.WhichOneof("type") == "new_session"
        self.runs.append(
            {
                "t": now,
                "kind": "start" if started else "finish",
                "run": message.metadata.run.script_run_id,
                "fragment": bool(message.metadata.run.fragment_ids),
                "status": None if started else message.script_finished,
            }
        )
