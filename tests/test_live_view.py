"""The live view's frame interval: all live pages together draw on about half a core."""

from __future__ import annotations

import pytest

from playground.ui.live_view import FRAME_SECONDS, MAX_FRAME_SECONDS, frame_interval


def test_a_quick_view_alone_draws_ten_frames_a_second():
    assert frame_interval(0.01, 1) == FRAME_SECONDS


@pytest.mark.parametrize("pages", [5, 20, 40])
def test_many_pages_together_draw_on_about_half_a_core(pages):
    draw = 0.05
    interval = frame_interval(draw, pages)
    assert pages * draw / interval == pytest.approx(0.5)


def test_the_interval_is_bounded_for_a_class_of_slow_pages():
    assert frame_interval(0.5, 60) == MAX_FRAME_SECONDS
