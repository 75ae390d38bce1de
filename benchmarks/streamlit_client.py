"""A Streamlit session without a browser: the browser's own websocket protocol, in asyncio.

One ``StreamlitSession`` does what Streamlit's frontend (1.67) does for one tab, so one process
can play dozens of sessions while the server cannot tell them from browsers:

- **Opening.** An HTTP GET of the page (through nginx this sets the ``playground_route``
  cookie that pins the session to one replica), the frontend's two pings (``_stcore/health``,
  ``_stcore/host-config``), then a websocket to ``/_stcore/stream`` with the cookies, the
  page's ``Origin``, and the subprotocols ``["streamlit", <_streamlit_xsrf cookie or
  "PLACEHOLDER_AUTH_TOKEN">]`` (a reconnect would add the last session id). The first BackMsg is
  ``rerun_script`` with the URL's query string, ``page_name`` taken from the path, no page hash
  yet, the widget states (none yet) and the browser's ``context_info``.
- **Deltas.** ForwardMsg deltas build the element tree by ``metadata.delta_path``; every node
  keeps the script run and fragment that sent it, and a finished run removes the stale nodes
  exactly as the frontend's ``ClearStaleNodeVisitor`` does (a full run: every node not re-sent;
  a fragment run: only inside that fragment). Large elements come once and later as
  ``ref_hash`` references to the client's message cache, whose hashes every ``rerun_script``
  lists in ``cached_message_hashes``; entries expire after ``max_cached_message_age`` runs.
- **Widgets.** Like the frontend's ``WidgetStateManager``, the session keeps one ``WidgetState``
  per widget it has drawn: set from the element when first seen or when the server sends a
  value (``set_value``), from the user otherwise, dropped when the widget leaves the page, and
  all of them sent with every rerun. A button press sends them with ``trigger_value`` set for
  the button (then forgets the trigger), in its fragment if the button lives in one. Moving a
  slider bound to the URL (``query_param_key``) also writes the URL's query string, which every
  rerun sends, as does ``page_info_changed`` from the server.
- **Fragments.** ``auto_rerun`` (a fragment with ``run_every``) starts a timer that sends
  ``rerun_script`` with that ``fragment_id`` and ``is_auto_rerun`` at its interval, whether or
  not the last one has finished (as ``setInterval`` does); ``stop_auto_rerun`` and every full
  run's ``new_session`` stop them.
- **State.** ``session_status_changed`` says whether a script runs; ``script_finished`` ends a
  run (``FINISHED_EARLY_FOR_RERUN`` is not an end). Exception elements, a compile error, a page
  not found, a cache miss or a closed socket are recorded in ``errors``.

``wait(predicate)`` waits for a state after any message, never for a time (``timeout`` only
catches a stuck server).
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import time
import urllib.request
from collections import deque
from collections.abc import Callable, MutableSequence
from urllib.parse import parse_qsl, urlencode

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit_page import AppTree, Node, element_id, element_key, url_number, widget_state
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

STREAM = "/_stcore/stream"
PINGS = ("/_stcore/health", "/_stcore/host-config")
XSRF_COOKIE = "_streamlit_xsrf"
NO_TOKEN = "PLACEHOLDER_AUTH_TOKEN"
FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}
TRAIL = 16
"""Messages kept in a session's ``trail``."""
CONTEXT = {"timezone": "UTC", "timezone_offset": 0, "locale": "en-US", "color_scheme": "light"}
"""What the frontend reports about the browser in ``ClientState.context_info``."""


class ProtocolError(RuntimeError):
    """The server sent something a browser could not handle."""


# The session ------------------------------------------------------------------------------


def note_received(trail: MutableSequence[str], msg: ForwardMsg, prefix: str = "") -> None:
    """Add a received ForwardMsg to ``trail`` as one short line (its kind, the run it belongs
    to, how a run finished…); a run of deltas (of the page, or of one fragment) is one line
    counting them."""
    kind = msg.WhichOneof("type")
    if kind == "delta":
        fragment = msg.delta.fragment_id[:6]
        label = f"← deltas of fragment {fragment}: " if fragment else "← deltas "
        head, found, count = (trail[-1] if trail else "").rpartition(label)
        if found and count.isdigit():
            trail[-1] = f"{head}{label}{int(count) + 1}"  # the line keeps its first prefix
        else:
            trail.append(f"{prefix}{label}1")
        return
    run = msg.metadata.run.script_run_id[:6]
    fragments = ",".join(f[:6] for f in msg.metadata.run.fragment_ids)
    detail = {
        "new_session": f"run {run} {fragments}",
        "script_finished": f"{ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)} {run}",
        "session_status_changed": f"running {msg.session_status_changed.script_is_running}",
        "navigation": msg.navigation.page_script_hash[:6],
        "page_info_changed": msg.page_info_changed.query_string[:80],
    }.get(kind, "")
    trail.append(f"{prefix}← {kind} {detail}".rstrip())


def note_sent(trail: MutableSequence[str], msg: BackMsg, prefix: str = "") -> None:
    """Add a sent BackMsg to ``trail`` as one short line (a rerun: of which page or fragment,
    with which query)."""
    kind = msg.WhichOneof("type")
    if kind != "rerun_script":
        trail.append(f"{prefix}→ {kind}")
        return
    state = msg.rerun_script
    where = f"fragment {state.fragment_id[:6]}" if state.fragment_id else "page"
    auto = " auto" if state.is_auto_rerun else ""
    page = state.page_script_hash[:6] or state.page_name
    trail.append(f"{prefix}→ rerun {where} {page}{auto} ?{state.query_string[:80]}")


class StreamlitSession:
    """One browser tab's Streamlit session on ``base_url`` + ``path`` (e.g. "/playground?n=300").

    ``await open()``, then act (``click``, ``set_slider``) and ``wait`` for states; ``close()``
    ends it. Server-side errors a user would see are collected in ``errors``.
    """

    def __init__(self, base_url: str, path: str, timeout: float = 120.0) -> None:
        self.base_url, self.timeout = base_url.rstrip("/"), timeout
        page, _, self.query = path.lstrip("/").partition("?")
        self.page_name = page
        self.cookies = http.cookiejar.CookieJar()
        self.tree = AppTree()
        self.widgets: dict[str, WidgetState] = {}
        self.errors: list[str] = []
        self.run_id, self.page_hash = "", ""
        self.pages: dict[str, str] = {}
        """The app's pages from ``st.navigation``: URL path ("" for the default) → script hash."""
        self.script_running = False
        self.rerun_requested = False
        """A rerun was asked for and its ``new_session`` has not come yet."""
        self.finished_runs = 0
        """Full script runs finished so far (fragment runs aside)."""
        self.finished_fragment_runs = 0
        """Runs of fragments alone finished so far."""
        self.messages = 0
        self.trail: deque[str] = deque(maxlen=TRAIL)
        """The last messages sent and received, in short (``trail_text``), to say what a
        session that got stuck last saw."""
        self.auto_reruns: dict[str, tuple[float, asyncio.Task]] = {}
        self._cache: dict[str, list] = {}  # hash → [message bytes, run count, fragment id]
        self._cache_runs = 0
        self._max_age = 2
        self._new_session_since_rerun = False
        """False from a rerun request until the next run starts: meanwhile the cache does not
        age (the request listed its hashes; the server may still refer to any of them)."""
        self._socket = None
        self._closing = False
        self._reader: asyncio.Task | None = None
        self._changed = asyncio.Event()

    # Opening and closing

    async def open(self) -> None:
        """Load the page like a browser and wait for its first script run to finish."""
        await asyncio.to_thread(self._http_get, f"/{self.page_name}?{self.query}")
        for ping in PINGS:
            await asyncio.to_thread(self._http_get, ping)
        url = self.base_url.replace("http", "ws", 1) + STREAM
        xsrf = next((c.value for c in self.cookies if c.name == XSRF_COOKIE), NO_TOKEN)
        cookie = self._cookie_header(url.replace("ws", "http", 1))
        self._socket = await connect(
            url,
            subprotocols=["streamlit", xsrf],
            origin=self.base_url,
            additional_headers={"Cookie": cookie} if cookie else None,
            max_size=None,
            open_timeout=self.timeout,
            ping_interval=None,  # browsers send no pings
        )
        self._reader = asyncio.create_task(self._read())
        await self.rerun()
        await self.wait(lambda: self.finished_runs > 0 and self.idle)

    async def close(self) -> None:
        """Close the tab: stop the timers and the socket."""
        self._closing = True
        self._stop_auto_reruns(list(self.auto_reruns))
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)

    def _http_get(self, path: str) -> None:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        with opener.open(self.base_url + path, timeout=self.timeout) as response:
            response.read()

    def _cookie_header(self, url: str) -> str:
        request = urllib.request.Request(url)
        self.cookies.add_cookie_header(request)
        return request.get_header("Cookie") or ""

    # What the page shows

    @property
    def idle(self) -> bool:
        """No script runs and none was asked for (the browser's "not running")."""
        return not self.script_running and not self.rerun_requested

    def elements(self, kind: str | None = None, container: int | None = 0) -> list[Node]:
        """The element nodes of ``kind`` (all kinds if None) in ``container`` (main by
        default; None: every container), in page order."""
        return [
            node
            for _, node in self.tree.nodes(container)
            if kind is None or node.element.WhichOneof("type") == kind
        ]

    def widget(self, key: str) -> Node | None:
        """The node of the widget whose user key is ``key``, anywhere on the page."""
        for node in self.elements(container=None):
            if element_key(node.element) == key:
                return node
        return None

    def value(self, key: str) -> list:
        """The value the widget ``key`` shows (what the session holds for it; [] if none)."""
        node = self.widget(key)
        state = None if node is None else self.widgets.get(element_id(node.element))
        kind = state.WhichOneof("value") if state is not None else None
        if kind in ("double_array_value", "string_array_value"):
            return list(getattr(state, kind).data)
        return [] if kind is None else [getattr(state, kind)]

    # Acting like a user

    async def click(self, key: str) -> None:
        """Press the button ``key`` (``WidgetStateManager.setTriggerValue``)."""
        node = self.widget(key)
        if node is None or node.element.button.disabled:
            raise ProtocolError(f"no enabled button {key!r} on {self.page_name}")
        trigger = WidgetState(id=node.element.button.id, trigger_value=True)
        await self.rerun(fragment_id=node.fragment_id or None, extra=[trigger])

    async def select(self, key: str, option: str) -> None:
        """Choose ``option`` in the select box or radio ``key`` (sent as its shown text, as the
        frontend's ``setStringValue`` does) and rerun."""
        node = self.widget(key)
        kind = None if node is None else node.element.WhichOneof("type")
        if kind not in ("selectbox", "radio"):
            raise ProtocolError(f"no select box or radio {key!r} on {self.page_name}")
        box = getattr(node.element, kind)
        state = WidgetState(id=box.id, string_value=option)
        self.widgets[box.id] = state
        await self.rerun(fragment_id=node.fragment_id or None)

    async def navigate(self, url_path: str) -> None:
        """Open the page ``url_path`` from the top navigation (the frontend's
        ``onPageChange``): its script hash, no query string."""
        if url_path not in self.pages:
            raise ProtocolError(f"no page {url_path!r} in the navigation of {self.page_name}")
        self.page_hash, self.query = self.pages[url_path], ""
        self.page_name = url_path
        await self.rerun()

    @property
    def page(self) -> str | None:
        """The URL path of the page that runs (None before the first navigation message)."""
        return next((path for path, h in self.pages.items() if h == self.page_hash), None)

    async def set_slider(self, key: str, value: float) -> None:
        """Move the numeric slider ``key`` to ``value``: store it, write it in the URL if the
        slider is bound to a query parameter (dropped when it is the default), and rerun."""
        node = self.widget(key)
        slider = node.element.slider
        state = WidgetState(id=slider.id)
        state.double_array_value.data.append(value)
        self.widgets[slider.id] = state
        if slider.query_param_key:
            default = [url_number(v) for v in slider.default]
            shown = None if [url_number(value)] == default else url_number(value)
            self._set_query_param(slider.query_param_key, shown)
        await self.rerun(fragment_id=node.fragment_id or None)

    def _set_query_param(self, name: str, value: str | None) -> None:
        pairs = [(k, v) for k, v in parse_qsl(self.query, keep_blank_values=True) if k != name]
        if value is not None:
            pairs.append((name, value))
        self.query = urlencode(pairs)

    async def rerun(
        self, fragment_id: str | None = None, auto: bool = False, extra: list | None = None
    ) -> None:
        """Send ``rerun_script`` as ``App.sendRerunBackMsg`` does."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        state.page_name = "" if self.page_hash else self.page_name
        state.widget_states.widgets.extend([*self.widgets.values(), *(extra or [])])
        if fragment_id:
            state.fragment_id = fragment_id
        state.is_auto_rerun = auto
        state.cached_message_hashes.extend(self._cache)
        for name, value in CONTEXT.items():
            setattr(state.context_info, name, value)
        state.context_info.url = f"{self.base_url}/{self.page_name}?{self.query}"
        if not fragment_id:
            self.rerun_requested = True
        self._new_session_since_rerun = False
        note_sent(self.trail, msg)
        await self._socket.send(msg.SerializeToString())

    async def wait(self, predicate: Callable[[], bool], timeout: float | None = None) -> None:
        """Wait until ``predicate()`` holds after a message (raises TimeoutError)."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while not predicate():
            if self._reader is not None and self._reader.done():
                raise ProtocolError(f"{self.page_name}: connection closed ({self.errors[-1:]})")
            self._changed.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(
                    f"{self.page_name}: no such state in {self.timeout:.0f} s; running "
                    f"{self.script_running}, rerun asked {self.rerun_requested}, runs "
                    f"{self.finished_runs}; last messages: {self.trail_text()}"
                )
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                continue

    # Reading the server

    async def _read(self) -> None:
        try:
            async for data in self._socket:
                self._handle(self._resolve(data))
                self._changed.set()
        except ConnectionClosed as closed:
            if not self._closing:
                self.errors.append(f"{self.page_name}: websocket closed: {closed}")
        except Exception as error:  # a message this client cannot handle: an error, not a crash
            self.errors.append(f"{self.page_name}: {type(error).__name__}: {error}")
        finally:
            self._changed.set()

    def _resolve(self, data: bytes) -> ForwardMsg:
        """Parse a ForwardMsg, cache it if cacheable, replace a reference by the cached one
        (the frontend's ``ForwardMsgCache.processMessagePayload``)."""
        msg = ForwardMsg.FromString(data)
        self.messages += 1
        if msg.WhichOneof("type") == "ref_hash":
            entry = self._cache.get(msg.ref_hash)
            if entry is None:
                raise ProtocolError(f"{self.page_name}: cached message {msg.ref_hash} missing")
            entry[1] = self._cache_runs
            full = ForwardMsg.FromString(entry[0])
            full.metadata.CopyFrom(msg.metadata)
            return full
        if msg.metadata.cacheable and msg.hash:
            if msg.hash in self._cache:
                self._cache[msg.hash][1] = self._cache_runs
            else:
                self._cache[msg.hash] = [data, self._cache_runs, msg.delta.fragment_id]
        return msg

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        self._note(kind, msg)
        if kind == "new_session":
            self._new_session(msg)
        elif kind == "delta":
            self._delta(msg)
        elif kind == "script_finished":
            self._script_finished(msg)
        elif kind == "session_status_changed":
            self.script_running = msg.session_status_changed.script_is_running
        elif kind == "navigation":
            self._navigation(msg)
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "auto_rerun":
            self._auto_rerun(msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            self._stop_auto_reruns(list(msg.stop_auto_rerun.fragment_ids))
        elif kind == "page_not_found":
            self.errors.append(f"{self.page_name}: page not found")
        elif kind == "session_event" and msg.session_event.HasField("script_compilation_exception"):
            self.errors.append(f"{self.page_name}: script compilation error")

    def _note(self, kind: str, msg: ForwardMsg) -> None:
        """Add a received message to the trail (a run of deltas as one entry)."""
        note_received(self.trail, msg)

    def trail_text(self) -> str:
        """The trail as one line."""
        return " | ".join(self.trail)

    def _new_session(self, msg: ForwardMsg) -> None:
        self.run_id = msg.metadata.run.script_run_id
        self._new_session_since_rerun = True
        if msg.metadata.run.fragment_ids:
            return
        self.rerun_requested = False
        self._stop_auto_reruns(list(self.auto_reruns))
        self._max_age = msg.new_session.config.max_cached_message_age

    def _navigation(self, msg: ForwardMsg) -> None:
        """With ``st.navigation`` the page that runs is named here (``new_session`` names the
        main script); a new page starts from an empty tree."""
        page_hash = msg.navigation.page_script_hash
        self.pages = {page.url_pathname: page.page_script_hash for page in msg.navigation.app_pages}
        if self.page_hash and page_hash != self.page_hash:
            self.tree = AppTree()
        self.page_hash = page_hash

    def _delta(self, msg: ForwardMsg) -> None:
        delta, path = msg.delta, list(msg.metadata.delta_path)
        kind = delta.WhichOneof("type")
        node = Node(self.run_id, delta.fragment_id, arrived=self.messages)
        if kind == "new_element":
            node.element = delta.new_element
            self._widget_arrived(delta.new_element)
            if delta.new_element.WhichOneof("type") == "exception":
                exception = delta.new_element.exception
                self.errors.append(f"{self.page_name}: {exception.type}: {exception.message}")
        elif kind == "add_block":
            node.block_type = delta.add_block.WhichOneof("type") or ""
        else:
            return  # transient elements (toasts): not part of the page
        self.tree.set(path, node)

    def _widget_arrived(self, element: Element) -> None:
        kind = element.WhichOneof("type")
        widget_id = getattr(getattr(element, kind), "id", "")
        if not widget_id or kind == "button":
            return
        current = bool(getattr(getattr(element, kind), "set_value", False))
        if widget_id not in self.widgets or current:
            state = widget_state(element, current)
            if state is not None:
                self.widgets[widget_id] = state

    def _script_finished(self, msg: ForwardMsg) -> None:
        status, run = msg.script_finished, msg.metadata.run
        if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            return
        fragments = list(run.fragment_ids)
        if status in FINISHED and (fragments or run.script_run_id == self.run_id):
            self.tree.clear_stale(run.script_run_id, fragments)
            shown = {element_id(node.element) for node in self.elements(container=None)}
            self.widgets = {i: s for i, s in self.widgets.items() if i in shown}
        if run.script_run_id and self._new_session_since_rerun:
            self._expire_cache(fragments)
        if fragments:
            self.finished_fragment_runs += 1
        else:
            self.finished_runs += 1

    def _expire_cache(self, fragments: list[str]) -> None:
        """``ForwardMsgCache.incrementRunCount``: a message not used for more than
        ``max_cached_message_age`` runs is dropped (after a fragment run, only its own)."""
        self._cache_runs += 1
        for digest, (_, runs, fragment) in list(self._cache.items()):
            if fragments and (not fragment or fragment not in fragments):
                continue
            if self._cache_runs - runs > self._max_age:
                del self._cache[digest]

    def _auto_rerun(self, fragment_id: str, interval: float) -> None:
        if not fragment_id or self.auto_reruns.get(fragment_id, (None,))[0] == interval:
            return
        self._stop_auto_reruns([fragment_id])
        task = asyncio.create_task(self._tick(fragment_id, interval))
        self.auto_reruns[fragment_id] = (interval, task)

    async def _tick(self, fragment_id: str, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            try:
                await self.rerun(fragment_id=fragment_id, auto=True)
            except ConnectionClosed:
                return

    def _stop_auto_reruns(self, fragment_ids: list[str]) -> None:
        for fragment_id in fragment_ids:
            entry = self.auto_reruns.pop(fragment_id, None)
            if entry is not None:
                entry[1].cancel()
