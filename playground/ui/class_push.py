"""Push a class's changes to its students' screens as they happen, one watcher per server.

A student's class bar (``classroom_bar``) is a fragment without a timer. Each run of it notes
(``watch``) its browser session, its class and its fragment. One watcher thread per server
process reads the stamps of every class that has students on this server every ``WATCH_S``, in
one query however many students (``class_stamps``), and when a class's stamp changes asks each
of its students' sessions to rerun the class bar; the bar then reads the class and, if the
teacher moved, moves the app (``st.switch_page``). A teacher's action on this server wakes the
watcher at once (``wake``); another replica's teacher is seen at the next read.

So a following class costs its server almost nothing between the teacher's moves, and a move
reaches every student within ``WATCH_S`` plus their page's run. Polling instead (a 1 s timer
per student's bar) cost a script run and several store reads per student per second, and under
load its ticks, sent by the browser with the page it still showed, undid the page switches they
raced. (The bar keeps a slow timer, ``classroom_bar.RECHECK_S``, for browsers that reconnect.)

The rerun is asked as Streamlit's own "run on save" asks it (``AppSession.request_rerun`` with
the session's last client state, here naming the bar's fragment, on the server's event loop).
Streamlit has no public API for a server-side rerun; ``_rerun_fragment`` and
``_rerun_when_sent`` hold every use of its internals: ``Runtime.get_app_session``, the
session's ``_client_state``, ``_event_loop`` and ``_state`` (a push waits until the loop has
seen the session's run stop), and ``ThreadState`` for the running fragment's id. A rerun of a
fragment the session no longer holds is dropped by Streamlit (the page's next full run draws a
fresh bar).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime import Runtime
from streamlit.runtime.app_session import AppSession, AppSessionState
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState

from playground.classroom.stamps import Stamp, class_stamps
from playground.classroom.store import Store, StoreError

WATCH_S = 0.25
"""How often a server reads the stamps of its students' classes."""
ERROR_WAIT_S = 2.0
"""After a failed read (the store is down), the watcher waits this long before the next."""
SENT_POLL_S = 0.02
"""How often a push waiting for a session's run to be sent looks again (``_rerun_when_sent``)."""

_LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class Watched:
    """A student's session on this server: its class and the fragment of its class bar."""

    code: str
    fragment_id: str


class ClassWatch:
    """The watcher of one server process: who to push to, the classes' last stamps."""

    def __init__(
        self,
        engine: Store,
        rerun: Callable[[str, str], bool] | None = None,
        *,
        watching: bool = True,
    ) -> None:
        """Watch the classes in the store ``engine``; ``rerun(session_id, fragment_id)`` asks a
        session for a rerun (False: the session is gone); ``watching``: read every WATCH_S on
        a thread of its own (else only when ``check`` is called)."""
        self.engine = engine
        self.rerun = rerun or _rerun_fragment
        self.sessions: dict[str, Watched] = {}
        self.stamps: dict[str, Stamp] = {}
        self._lock = threading.Lock()
        self._woken = threading.Event()
        if watching:
            threading.Thread(target=self._watch, name="class-watch", daemon=True).start()

    def watch(self, session_id: str, code: str, fragment_id: str) -> None:
        """Push the changes of class ``code`` to this session's bar ``fragment_id`` from now on."""
        with self._lock:
            self.sessions[session_id] = Watched(code, fragment_id)

    def forget(self, session_id: str) -> None:
        """This session left its class: push nothing to it any more."""
        with self._lock:
            self.sessions.pop(session_id, None)

    def wake(self) -> None:
        """Read the stamps now (a teacher on this server changed something)."""
        self._woken.set()

    def _watch(self) -> None:
        while True:
            self._woken.wait(WATCH_S)
            self._woken.clear()
            try:
                self.check()
            except StoreError:
                _LOG.exception("The class watcher could not read the store")
                self._woken.wait(ERROR_WAIT_S)
            except Exception:  # the watcher must outlive any one bad read or session
                _LOG.exception("The class watcher failed; it goes on")

    def check(self) -> None:
        """Read the stamps of the watched classes; push each changed (or newly watched) one."""
        with self._lock:
            watched = dict(self.sessions)
        codes = {entry.code for entry in watched.values()}
        stamps = class_stamps(self.engine, codes)
        for code in codes:
            if code not in self.stamps or stamps.get(code) != self.stamps[code]:
                self._push(code, watched)
        with self._lock:
            self.stamps = {code: stamps[code] for code in codes if code in stamps}

    def _push(self, code: str, watched: dict[str, Watched]) -> None:
        for session_id, entry in watched.items():
            if entry.code != code:
                continue
            if not self.rerun(session_id, entry.fragment_id):  # gone: tab closed, server restarted
                self.forget(session_id)


def _rerun_fragment(session_id: str, fragment_id: str) -> bool:
    """Ask session ``session_id`` to rerun fragment ``fragment_id`` with its last client state
    (on the server's event loop, as Streamlit handles a browser's request); False if the
    session is no longer on this server."""
    if not Runtime.exists():
        return False
    session = Runtime.instance().get_app_session(session_id)
    if not isinstance(session, AppSession):  # gone (or AppTest's stand-in runtime)
        return False
    state = ClientState()
    state.CopyFrom(session._client_state)
    state.fragment_id = fragment_id
    state.is_auto_rerun = True
    session._event_loop.call_soon_threadsafe(_rerun_when_sent, session, state)
    return True


def _rerun_when_sent(session: AppSession, state: ClientState) -> None:
    """On the session's event loop: ask for the rerun once every message of the session's
    current run has been handled here (the loop has seen the run stop), checking again every
    ``SENT_POLL_S`` until then.

    Asked earlier, a rerun could meet a script runner that has just finished but whose last
    messages still wait on this loop: the session then starts a new runner and drops every
    message of the old one — the rest of its page and its ``script_finished`` — so the
    browser keeps half the page and waits for the end of a run forever (Streamlit's own
    fragment reruns guard only against a fragment that no longer exists). A fragment rerun
    does not interrupt a run anyway: it would run after it."""
    if session._state == AppSessionState.SHUTDOWN_REQUESTED:
        return
    if session._state == AppSessionState.APP_IS_RUNNING:
        session._event_loop.call_later(SENT_POLL_S, _rerun_when_sent, session, state)
        return
    session.request_rerun(state)


def running_fragment() -> str | None:
    """The id of the fragment whose body runs now (None outside a fragment)."""
    if get_script_run_ctx() is None:
        return None
    return ThreadState.get().fragment_id


def session_id() -> str | None:
    """This browser session's id on this server (None outside a served app)."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else None
