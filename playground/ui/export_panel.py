"""The "⬇ Export and restore" expander of the training pages.

Downloads of the runs (history as CSV and JSON, trained parameters as .npz, every figure of the
page as PNGs in a zip) and an upload that restores the settings from a JSON export. Files are
built only when their button is pressed (Streamlit's deferred downloads), so an unused export
costs nothing on a rerun.
"""

from __future__ import annotations

from datetime import UTC, datetime

import plotly.graph_objects as go
import streamlit as st

from playground.engine import settings
from playground.engine.experiment import Run
from playground.engine.export import (
    MAX_SETTINGS_BYTES,
    figures_zip,
    history_csv,
    history_json,
    params_npz,
    read_settings_file,
)
from playground.ui.png import png_renderer
from playground.ui.text import plain
from playground.ui.widgets import apply_settings, known_settings

FIGURES = "_export_figures"
"""Session key of the figures drawn in this run of a training page (by ``figures.show`` key)."""
MAX_FIGURES = 24
RESTORE = "restore_settings"
"""Key of the upload that restores settings."""
RESTORED = "_restored_settings"
"""Session key of the last restore's outcome, shown once after the rerun it triggers."""


def collect_figures() -> None:
    """Start an empty list of the figures to export: app.py calls it before every page run, so
    a page's zip holds that run's figures and none from another page."""
    st.session_state[FIGURES] = {}


def remember(key: str, figure: go.Figure) -> None:
    """Keep ``figure`` for the page's "all figures" zip (at most ``MAX_FIGURES``)."""
    figures = st.session_state.setdefault(FIGURES, {})
    if key in figures or len(figures) < MAX_FIGURES:
        figures[key] = figure


def _trained(runs: dict[str, Run]) -> bool:
    return any(run.history.epochs for run in runs.values())


def _downloads(page: str, runs: dict[str, Run], values: dict) -> None:
    csv, json, params, figures = st.columns(4)
    common = {"on_click": "ignore", "width": "stretch"}

    def exported_json() -> str:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        return history_json(page, values, runs, exported_at=now)

    csv.download_button(
        "History (.csv)",
        lambda: history_csv(page, values, runs),
        f"{page}-history.csv",
        "text/csv",
        key="export_csv",
        help="One row per epoch: costs, accuracies, learning rate, weight and gradient norms.",
        **common,
    )
    json.download_button(
        "Settings & runs (.json)",
        exported_json,
        f"{page}-history.json",
        "application/json",
        key="export_json",
        help="Every setting, the app version and each run's history. Restores the settings below.",
        **common,
    )
    params.download_button(
        "Parameters (.npz)",
        lambda: params_npz(runs),
        f"{page}-parameters.npz",
        "application/octet-stream",
        key="export_npz",
        help="W1, b1, … (and batch-norm γ, β, running statistics): `numpy.load(file)`.",
        **common,
    )
    renderer = png_renderer()
    shown = st.session_state.get(FIGURES, {})
    if renderer is None:
        figures.info(
            "Downloading all figures at once needs Chromium on the server. Each figure's "
            "📷 camera button (top right of the figure) still downloads it as a PNG."
        )
        return
    figures.download_button(
        "All figures (.zip)",
        lambda: figures_zip(shown, renderer),
        f"{page}-figures.zip",
        "application/zip",
        key="export_figures",
        help="Every figure of this page as a 3200 × 1800 PNG (drawn on the server when pressed).",
        disabled=not shown,
        **common,
    )


def _restore() -> None:
    """The upload's callback: read the file, set the widgets, keep the outcome to show."""
    file = st.session_state.get(RESTORE)
    if file is None:
        return
    try:
        values = read_settings_file(file.getvalue())
    except ValueError as error:
        st.session_state[RESTORED] = (file.name, 0, [], str(error))
        return
    problems = apply_settings(values, known_settings(settings.ALL))
    st.session_state[RESTORED] = (file.name, len(values) - len(problems), problems, None)


def _show_restored() -> None:
    if RESTORED not in st.session_state:
        return
    name, restored, problems, error = st.session_state.pop(RESTORED)
    if error:
        st.error(plain(f"Could not restore settings from {name}: {error}"))
    if restored:
        st.success(f"Restored {restored} settings from {name}.")
    if problems:
        listed = "\n".join(f"- {problem}" for problem in problems)
        st.warning(f"Not restored from {name}:\n{listed}")


def export_panel(page: str, runs: dict[str, Run], values: dict) -> None:
    """Draw the collapsed "⬇ Export and restore" expander under a page's runs.

    The downloads appear once the runs have trained at least one epoch; the restore upload is
    always there, so shared settings can be loaded before any run.
    """
    _show_restored()
    with st.expander("⬇ Export and restore"):
        if _trained(runs):
            _downloads(page, runs, values)
        else:
            st.caption("Press ▶ Start first: the downloads appear once the runs have trained.")
        st.file_uploader(
            "Restore settings from a JSON export",
            type="json",
            key=RESTORE,
            on_change=_restore,
            max_upload_size=max(1, MAX_SETTINGS_BYTES // 1024**2),
            help="A history .json exported here, or a {setting: value} object. Each value is "
            "checked like a URL parameter; invalid ones are listed and skipped.",
        )
