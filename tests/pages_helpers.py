"""Helpers for the AppTest page tests: open a page, press buttons, read widgets and figures.

Every page runs inside app.py's ``st.navigation``, so a test opens app.py (Home is the default
page), then switches to the page file and reruns. Query parameters are set before the first
run, the way a shared URL opens the app.

Plotly charts have no dedicated AppTest element: ``at.get("plotly_chart")`` returns
``UnknownElement``s whose ``proto.spec`` is the figure's JSON. Plotly ≥ 6 encodes NumPy arrays
in it as typed arrays ``{"dtype": "f8", "bdata": <base64>, "shape": "r, c"}``;
:func:`figure_data` decodes them back to plain lists.
"""

from __future__ import annotations

import base64
import functools
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from figure_checks import check_figure
from streamlit.components.v2 import manifest_scanner
from streamlit.testing.v1 import AppTest

from playground.catalog.notation import legend_markdown
from playground.engine import playback
from playground.engine import settings as spec
from playground.engine.config import Setting, coerce_settings
from playground.ui.background import Background
from playground.ui.export_panel import FIGURES
from playground.ui.run_panel import SPEED_KEY

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
HOME = "pages/home.py"
PLAYGROUND = "pages/playground.py"
TIMEOUT = 60

WIDGET_TYPES = (
    "selectbox",
    "select_slider",
    "slider",
    "number_input",
    "toggle",
    "checkbox",
    "radio",
    "text_input",
    "multiselect",
    "segmented_control",
    "pills",
    "file_uploader",
    "button",
)
PROGRESS = re.compile(r"^Epoch (\d+) of (\d+)\b")


# Every new AppTest scans all installed packages for Streamlit components (≈ 0.16 s, a few
# minutes over the suite's AppTests): the packages do not change while the tests run, so the
# scan's result is kept for the session (``BidiComponentManager`` imports the function at call
# time, so it finds this one).
manifest_scanner.scan_component_manifests = functools.cache(
    manifest_scanner.scan_component_manifests
)


# -- opening pages -------------------------------------------------------------------------------


def open_page(path: str = PLAYGROUND, query: dict[str, str | list[str]] | None = None) -> AppTest:
    """Run app.py with ``query`` as the URL's query parameters, switch to ``path``, run it and
    wait for the computations it started (``computed``).

    ``path`` is relative to app.py (e.g. "pages/playground.py"). Check ``at.exception``
    yourself (a failed run does not raise).
    """
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if path != HOME:
        at.switch_page(path).run()
    return computed(at)


def url_value(key: str, value: object, table: dict[str, Setting] | None = None) -> str:
    """The text Streamlit's query-param binding expects for ``value`` of setting ``key``.

    A bound selectbox or select slider is read from the URL by its *displayed* option, so an
    option with a label is written as the label ("gd" → "gradient descent") and a float
    option as ``str`` ("10.0"). Booleans are "true"/"false"; other numbers are ``str``.
    """
    setting = (table or spec.ALL)[key]
    if setting.kind == "bool":
        return "true" if value else "false"
    if setting.options:
        return setting.format(value)
    return str(value)


def url_params(table: dict[str, Setting] | None = None, **values: object) -> dict[str, str]:
    """Query parameters that open a page with the given setting values."""
    return {key: url_value(key, value, table) for key, value in values.items()}


def core_values(table: dict[str, Setting] | None = None, **values: object) -> dict:
    """The complete settings the core gets for ``values`` (defaults for the rest)."""
    return coerce_settings(table or spec.ALL, values)


# -- the playback's clock ------------------------------------------------------------------------


class StillClock:
    """The playback's clock, held still: it moves only when the test says ``advance``."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def hold_clock(monkeypatch) -> StillClock:
    """Hold the playback's clock still, so how far a run is shown is the test's choice (the
    runs still train in the engine's worker processes; the test waits for their frames)."""
    clock = StillClock()
    monkeypatch.setattr(playback, "clock", clock)
    return clock


# -- interacting ---------------------------------------------------------------------------------


WAIT_SECONDS = 120.0
POLL_SECONDS = 0.05


def under_way(at: AppTest) -> bool:
    """True while one of the page's runs (or its search, or its panda) ticks, or a section
    waits for its computations: the engine trains them and the page draws what arrived on each
    rerun."""
    for value in at.session_state.values():
        if isinstance(value, Background):
            if value.jobs:
                return True
        elif getattr(value, "ticking", False) or (
            getattr(value, "running", False) and not hasattr(value, "ticking")
        ):
            return True
    return False


def computing(at: AppTest) -> bool:
    """True while a section of the page waits for its computations (``Background``)."""
    return any(isinstance(value, Background) and value.jobs for value in at.session_state.values())


def computed(at: AppTest) -> AppTest:
    """Rerun the page, as its waiting sections would, until their computations are drawn."""
    return rerun_until(at, lambda at: not computing(at), "still computing")


def finish(at: AppTest) -> AppTest:
    """Rerun the page, as its live view would, until no run ticks any more (a run trains in the
    engine's worker processes and is played back over ``PLAYBACK_SECONDS``)."""
    return rerun_until(at, lambda at: not under_way(at), "still under way")


def rerun_until(
    at: AppTest, condition: Callable[[AppTest], bool], failure: str = "not reached"
) -> AppTest:
    """Rerun the page until ``condition(at)`` holds (a state to wait for, e.g. a first frame of
    a run under way); fails with ``failure`` after ``WAIT_SECONDS``."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition(at):
        assert time.monotonic() < deadline, f"{failure} after {WAIT_SECONDS:g} s"
        time.sleep(POLL_SECONDS)
        at.run()
    return at


def press(at: AppTest, key: str, wait: bool = True) -> AppTest:
    """Click the button ``key``, rerun and (``wait``) rerun until the runs it started are done;
    fails if the button is missing or disabled. A run waited for is played back at "max"
    speed (every frame as it arrives): the pacing itself is tested on its own."""
    button = at.button(key=key)
    assert not button.disabled, f"button {key!r} is disabled"
    if wait and has_widget(at, SPEED_KEY):
        at.session_state[SPEED_KEY] = "max"
    button.click().run()
    return finish(at) if wait else at


def widget(at: AppTest, key: str) -> Any:
    """The widget with ``key`` (of any type), wherever it is drawn; AssertionError if absent."""
    found = [w for kind in WIDGET_TYPES for w in at.get(kind) if getattr(w, "key", None) == key]
    assert len(found) == 1, f"expected one widget with key {key!r}, found {len(found)}"
    return found[0]


def has_widget(at: AppTest, key: str) -> bool:
    return any(getattr(w, "key", None) == key for kind in WIDGET_TYPES for w in at.get(kind))


def set_widget(at: AppTest, key: str, value: object) -> AppTest:
    """Set widget ``key`` to ``value``, rerun and wait for the computations it started (not
    for runs under way: see ``finish``)."""
    return computed(widget(at, key).set_value(value).run())


def upload(at: AppTest, key: str, name: str, content: bytes) -> AppTest:
    """Put one file in the file uploader ``key`` (replacing any) and rerun."""
    return at.file_uploader(key=key).set_value((name, content, "text/csv")).run()


def reject_with(message: str):
    """A stand-in for a core function that refuses its arguments with ``ValueError(message)``
    (monkeypatch it in to check that a page shows the core's message instead of raising)."""

    def reject(*args: Any, **kwargs: Any) -> None:
        raise ValueError(message)

    return reject


REJECTED = "rejected by the test: lr must be at most 1; got 9"


def rejected(*args: Any, **kwargs: Any) -> None:
    """``reject_with(REJECTED)`` as a module-level function: monkeypatched in for a function a
    page computes in the run engine's workers, which are handed it by name."""
    raise ValueError(REJECTED)


# -- reading -------------------------------------------------------------------------------------


def shown(markdown: str) -> str:
    """Markdown source as the reader sees it: backslash escapes (``playground.ui.text.plain``)
    removed."""
    return re.sub(r"\\(\S)", r"\1", markdown)


def page_markdown(at: AppTest) -> str:
    """The page's own markdown blocks, joined (not the notation legend every page carries)."""
    legend = legend_markdown()
    return "\n".join(block.value for block in at.markdown if block.value != legend)


def errors(at: AppTest) -> list[str]:
    """Text of every ``st.error`` on the page, as shown."""
    return [shown(element.value) for element in at.error]


NOTES_TITLE = "Some values were adjusted to fit this page:"


def notes(at: AppTest) -> list[str]:
    """This run's notes on values that entered a widget changed (one list at the top of the
    page; see ``playground.ui.widgets.admit``), as shown."""
    boxes = [shown(info.value) for info in at.info if NOTES_TITLE in shown(info.value)]
    assert len(boxes) <= 1, f"the notes are one list, got {len(boxes)} boxes"
    return [line[2:] for line in boxes[0].splitlines()[1:]] if boxes else []


def assert_admitted(at: AppTest, table: dict[str, Setting], query: dict) -> dict[str, object]:
    """Each setting of ``table`` given in ``query`` that the page draws shows the value the app's
    one rule gives it (``Setting.admit_url``: kept, clamped, the nearest option or the default),
    and each change is listed in the page's notes. Returns those values by key."""
    listed = notes(at)
    values = {}
    for key, given in query.items():
        if key not in table or not has_widget(at, key):
            continue
        value, message = table[key].admit_url(given if isinstance(given, list) else [given])
        assert widget(at, key).value == value, (key, given)
        assert message is None or message in listed, (message, listed)
        values[key] = value
    return values


def assert_clean(at: AppTest) -> None:
    """No exception and no ``st.error``."""
    assert not at.exception, [e.value for e in at.exception]
    assert not errors(at), errors(at)


def assert_valid_figures(at: AppTest) -> None:
    """Every figure the page's last run drew is valid Plotly: rebuilt the slow, validating way
    (figures built with ``fast_figure`` skip Plotly's check)."""
    drawn = at.session_state.get(FIGURES, {})
    for key, figure in drawn.items():
        try:
            check_figure(figure)
        except ValueError as error:
            raise AssertionError(f"figure {key!r}: {error}") from error


def progress_text(at: AppTest) -> str:
    """The text of the page's single progress bar."""
    assert len(at.progress) == 1, f"expected one progress bar, found {len(at.progress)}"
    return at.progress[0].text


def epoch_progress(at: AppTest) -> tuple[int, int]:
    """(k, N) from the run panel's "Epoch k of N" progress text."""
    text = progress_text(at)
    match = PROGRESS.match(text)
    assert match, f"unexpected progress text {text!r}"
    return int(match.group(1)), int(match.group(2))


def decode_typed_arrays(obj: Any) -> Any:
    """Replace every plotly typed array ``{"dtype", "bdata"[, "shape"]}`` by a nested list."""
    if isinstance(obj, dict):
        if "bdata" in obj and "dtype" in obj:
            raw = base64.b64decode(obj["bdata"])
            array = np.frombuffer(raw, dtype=np.dtype(obj["dtype"]).newbyteorder("<"))
            if "shape" in obj:
                array = array.reshape([int(n) for n in str(obj["shape"]).split(",")])
            return array.tolist()
        return {key: decode_typed_arrays(value) for key, value in obj.items()}
    if isinstance(obj, list):
        return [decode_typed_arrays(value) for value in obj]
    return obj


def plotly_charts(at: AppTest) -> dict[str, Any]:
    """Every keyed plotly chart on the page by key."""
    return {chart.key: chart for chart in at.get("plotly_chart") if chart.key}


def figure_data(at: AppTest, key: str) -> dict:
    """The figure of the plotly chart ``key`` as a dict ("data", "layout"), arrays as lists."""
    charts = [chart for chart in at.get("plotly_chart") if chart.key == key]
    assert len(charts) == 1, f"expected one plotly chart with key {key!r}, found {len(charts)}"
    return decode_typed_arrays(json.loads(charts[0].proto.spec))


def trace(figure: dict, name: str, group: str | None = None) -> dict:
    """The one trace called ``name`` (in legend group ``group`` if given)."""
    found = [
        t
        for t in figure["data"]
        if t.get("name") == name and (group is None or t.get("legendgroup") == group)
    ]
    assert len(found) == 1, f"expected one trace {name!r} (group {group!r}), found {len(found)}"
    return found[0]


def marker_points(figure: dict, group: str | None = None) -> np.ndarray:
    """x and y of every marker trace (of legend group ``group``), shape (2, m), trace order."""
    xs, ys = [], []
    for t in figure["data"]:
        if t.get("mode") != "markers" or (group is not None and t.get("legendgroup") != group):
            continue
        xs += list(t["x"])
        ys += list(t["y"])
    return np.array([xs, ys], dtype=float)


def sorted_columns(points: np.ndarray) -> np.ndarray:
    """``points`` (2, m) with columns in lexicographic order, to compare point sets."""
    return points[:, np.lexsort(points[::-1])]


def cost_series(at: AppTest, name: str = "train") -> tuple[np.ndarray, np.ndarray]:
    """(epochs, cost) of the cost chart's trace ``name``."""
    curve = trace(figure_data(at, "cost"), name)
    return np.asarray(curve["x"], dtype=float), np.asarray(curve["y"], dtype=float)


def metrics(at: AppTest) -> dict[str, str]:
    """Every ``st.metric`` by label."""
    return {metric.label: metric.value for metric in at.metric}
