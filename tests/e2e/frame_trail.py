"""What each browser page of a test sent and received on Streamlit's websocket, in short.

``trace_frames(page)`` keeps the last ``TRAIL_LENGTH`` messages of a page (``note_sent``,
``note_received``; seconds since the page opened) and its uncaught script errors; when a
browser test fails, conftest's report hook writes ``pages_trails()`` beside the servers'
stacks, so a page left waiting shows which run it saw last and how far that run got, and
``screenshot_pages`` shows what each page drew then. One module for the trails: test files
import conftest's helpers as a module of their own, and the hook must see their pages too.
"""

from __future__ import annotations

import time
from collections import deque
from pathlib import Path

from playwright.sync_api import Error
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit_client import STREAM, note_received, note_sent

TRAIL_LENGTH = 80
"""Messages kept per browser page."""
_trails: list[tuple[str, deque[str], object]] = []
"""This test's browser pages: name, trail and the Playwright page."""


def forget_pages() -> None:
    """A new test: no page traced yet."""
    _trails.clear()


def trace_frames(page) -> None:
    """Keep the last ``TRAIL_LENGTH`` messages ``page`` sends and receives on the websocket."""
    trail: deque[str] = deque(maxlen=TRAIL_LENGTH)
    _trails.append((f"page {len(_trails) + 1}", trail, page))
    opened = time.monotonic()

    def stamp() -> str:
        return f"{time.monotonic() - opened:8.2f} "

    def received(payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            note_received(trail, ForwardMsg.FromString(payload), prefix=stamp())

    def sent(payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            note_sent(trail, BackMsg.FromString(payload), prefix=stamp())

    def on_socket(socket) -> None:
        if socket.url.endswith(STREAM):
            trail.append(f"{stamp()}socket open {socket.url}")
            socket.on("framereceived", received)
            socket.on("framesent", sent)
            socket.on("close", lambda _: trail.append(f"{stamp()}socket closed"))

    page.on("websocket", on_socket)
    page.on("pageerror", lambda error: trail.append(f"{stamp()}page error: {error}"))
    page.on("crash", lambda _: trail.append(f"{stamp()}page crashed"))


def pages_trails() -> str:
    """Every browser page of this test with its trail, oldest message first."""
    return "\n\n".join(f"== {name}\n" + "\n".join(trail) for name, trail, _ in _trails)


def screenshot_pages(directory: Path, name: str) -> list[Path]:
    """A screenshot of each of this test's browser pages still open, as it is now:
    ``directory``/failed-``name``-page<k>.png (k as in ``pages_trails``)."""
    shots = []
    for number, (_, _, page) in enumerate(_trails, start=1):
        path = directory / f"failed-{name}-page{number}.png"
        try:
            page.screenshot(path=path, timeout=30_000)
        except Error:  # closed with its context, or its browser is gone
            continue
        shots.append(path)
    return shots
