"""A live view's leftover timer tick reruns the whole page, never the fragment alone.

The browser's timer can fire once more after a search or a training has ended, before the
browser has drawn the full run that stopped the timer; on a loaded server Streamlit then runs
that tick's fragment after the full run, against its tree, and Streamlit's browser could fail
on it with "Bad delta path index", leaving a blank page (``playground.ui.live_view``). Here the
protocol client sends such a tick on purpose, once the search is over: the server answers with a
full run of the page, the finished search still shown.
"""

from __future__ import annotations

from event_loops import run_alone
from streamlit_client import StreamlitSession

DONE = "Trained 16 of 16 trials"


def progress(client: StreamlitSession) -> str:
    """The text of the page's progress bar ("" before it is drawn)."""
    bars = client.elements("progress")
    return bars[0].element.progress.text if bars else ""


async def leftover_tick(url: str) -> tuple[int, int, str, list[str]]:
    """Search to the end, then send one more tick of the live fragment; return the full runs
    and the fragment runs that answered it, the progress then, and the errors seen."""
    client = StreamlitSession(url, "/search?epochs=20&trials=16&sampler=random")
    await client.open()
    try:
        await client.click("start")
        await client.wait(
            lambda: client.idle and DONE in progress(client) and not client.auto_reruns
        )
        (bar,) = client.elements("progress")
        full, fragments = client.finished_runs, client.finished_fragment_runs
        await client.rerun(fragment_id=bar.fragment_id, auto=True)

        def answered() -> bool:
            """A full run, or a run of the fragment alone, has finished since the tick."""
            runs = (client.finished_runs, client.finished_fragment_runs)
            return client.idle and runs != (full, fragments)

        await client.wait(answered)
        return (
            client.finished_runs - full,
            client.finished_fragment_runs - fragments,
            progress(client),
            client.errors,
        )
    finally:
        await client.close()


def test_a_tick_after_the_search_ended_reruns_the_whole_page(app_server):
    full, fragments, shown, errors = run_alone(leftover_tick(app_server))
    assert (full, fragments) == (1, 0)
    assert DONE in shown
    assert not errors
