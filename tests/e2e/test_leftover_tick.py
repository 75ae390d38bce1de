"""A live view's leftover timer tick reruns the whole page, never the fragment alone.

The browser's timer can fire once more after a search or a training has ended, before the
browser has drawn the full run that stopped the timer; on a loaded server Streamlit then runs
that tick's fragment after the full run, against its tree, and Streamlit's browser could fail
on it with "Bad delta path index", leaving a blank page (``playground.ui.live_view``). Here the
protocol client sends such a tick on purpose, once the search is over: the server answers with a
full run of the page, the finished search still shown. A widget inside the stopped view (the
trial to retrain) still reruns the view alone. A section computed in the background polls on
a timer too, and ends the same way (``playground.ui.background``).
"""

from __future__ import annotations

from event_loops import run_alone
from streamlit_client import StreamlitSession

from playground.topics.search.settings import PICK

DONE = "Trained 16 of 16 trials"


def progress(client: StreamlitSession) -> str:
    """The text of the page's progress bar ("" before it is drawn)."""
    bars = client.elements("progress")
    return bars[0].element.progress.text if bars else ""


async def answer(client: StreamlitSession, send) -> tuple[int, int]:
    """Send a request (``await send()``) and wait for the run that answers it: the full runs
    and the runs of fragments alone that finished since."""
    full, fragments = client.finished_runs, client.finished_fragment_runs

    def answered() -> bool:
        return client.idle and (client.finished_runs, client.finished_fragment_runs) != (
            full,
            fragments,
        )

    await send()
    await client.wait(answered)
    return client.finished_runs - full, client.finished_fragment_runs - fragments


async def leftover_tick(url: str) -> tuple[tuple[int, int], str, tuple[int, int], list[str]]:
    """Search to the end, send one more tick of the live fragment, then pick a trial to retrain
    inside it; return the runs that answered the tick, the progress then, the runs that
    answered the pick, and the errors seen."""
    client = StreamlitSession(url, "/search?epochs=20&trials=16&sampler=random")
    await client.open()
    try:
        await client.click("start")
        await client.wait(
            lambda: client.idle and DONE in progress(client) and not client.auto_reruns
        )
        (bar,) = client.elements("progress")
        tick = await answer(client, lambda: client.rerun(fragment_id=bar.fragment_id, auto=True))
        shown = progress(client)
        pick = await answer(client, lambda: client.select(PICK.key, "3"))
        return tick, shown, pick, client.errors
    finally:
        await client.close()


def test_a_tick_after_the_search_ended_reruns_the_whole_page(app_server):
    tick, shown, pick, errors = run_alone(leftover_tick(app_server))
    assert tick == (1, 0)  # one full run, no run of the fragment alone
    assert DONE in shown
    assert pick == (0, 1)  # the trial picker inside the view: the view alone
    assert not errors


async def background_tick(url: str) -> tuple[tuple[int, int], list[str]]:
    """Open Mini-batch, whose cost-surface walks are computed in the background, and once they
    are drawn send one more tick of their section; return the runs that answered it and the
    errors seen."""
    client = StreamlitSession(url, "/minibatch")
    await client.open()
    try:
        (section,) = client.auto_reruns  # polling until the walks are in
        await client.wait(lambda: client.idle and not client.auto_reruns)
        tick = await answer(client, lambda: client.rerun(fragment_id=section, auto=True))
        return tick, client.errors
    finally:
        await client.close()


def test_a_tick_after_a_background_section_is_drawn_reruns_the_whole_page(app_server):
    tick, errors = run_alone(background_tick(app_server))
    assert tick == (1, 0)
    assert not errors
