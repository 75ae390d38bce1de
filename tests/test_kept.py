"""The results a server process keeps for all its sessions (``playground.engine.kept``)."""

from __future__ import annotations

import threading

from playground.engine.kept import Kept


def test_a_kept_value_is_made_once_and_the_least_recently_used_goes_first() -> None:
    made: list[str] = []
    kept: Kept[str] = Kept(2)

    def get(key: str) -> str:
        return kept.get(key, lambda: made.append(key) or key.upper())

    assert [get("a"), get("b"), get("a")] == ["A", "B", "A"]
    assert made == ["a", "b"]
    get("c")  # drops b, used least recently
    assert len(kept) == 2
    get("a")
    get("b")
    assert made == ["a", "b", "c", "b"]


def test_threads_share_one_keeper() -> None:
    kept: Kept[int] = Kept(64)
    results: list[int] = []

    def work() -> None:
        for key in range(32):
            results.append(kept.get(key, lambda k=key: k * 10))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == sorted(key * 10 for key in range(32) for _ in range(4))
    assert len(kept) == 32
