"""The report of benchmarks/bench_live.py: one table with a column per tree, and the headline
figures as one JSON object (medians, maxima, shares)."""

from __future__ import annotations

import statistics


def _values(rows: list[dict], key: str) -> list[float]:
    return [row[key] for row in rows if row.get(key) is not None]


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _errors(rows: list[dict]) -> str:
    failed = sum("error" in row for row in rows)
    return f" ({failed} of {len(rows)} failed)" if failed else ""


def summary(result: dict) -> dict:
    """The headline figures of one tree (the JSON line): medians, maxima, shares."""
    out: dict = {"load_1min": result["load"]}
    if "stop" in result:
        latencies = _values(result["stop"], "latency_s")
        out["stop_s"] = {"median": _median(latencies), "max": max(latencies, default=None)}
        out["stop_epochs_after_click"] = _median(_values(result["stop"], "epochs_after_click"))
        out["stop_frozen"] = all(row.get("frozen") for row in result["stop"])
    if "click" in result:
        out["click_s"] = {
            control: {
                "median": _median(_values(rows, "latency_s")),
                "max": max(_values(rows, "latency_s"), default=None),
                "shown_median": _median(_values(rows, "shown_s")),
                "failed": sum("error" in row for row in rows),
            }
            for control, rows in result["click"].items()
        }
    if "frames" in result:
        keys = ("frames", "frames_per_s", "run_s", "first_frame_s", "faded_s", "faded_share")
        out["frames"] = {
            name: {key: run.get(key) for key in keys} for name, run in result["frames"].items()
        }
    if "cpu" in result:
        pages = result["cpu"]["pages"]
        out["cpu_per_run_s"] = {slug: page["cpu_s"] for slug, page in pages.items()}
        out["idle_cpu_per_s"] = result["cpu"]["idle_cpu_per_s"]
    return out


def _pair(median: float | None, largest: float | None) -> str:
    return "–" if median is None else f"{median:.2f} / {largest:.2f}"


def table_rows(result: dict) -> dict[str, str]:
    """The figures of one tree, by row label (the printed table)."""
    rows = {}
    if "stop" in result:
        stop = result["stop"]
        latencies = _values(stop, "latency_s")
        after = _values(stop, "epochs_after_click")
        rows["■ Stop → shown stopped, s, median / max (goal < 0.3)"] = _pair(
            _median(latencies), max(latencies, default=None)
        ) + _errors(stop)
        rows["  input delay of the click, s, median"] = _pair(
            _median(_values(stop, "input_delay_s")), max(_values(stop, "input_delay_s"), default=0)
        )
        rows["  epochs trained after the click, median / max"] = (
            f"{_median(after):.0f} / {max(after):.0f}" if after else "–"
        )
        rows["  epoch stays put for 1 s after"] = f"{sum(_values(stop, 'frozen'))} of {len(stop)}"
    for control, runs in result.get("click", {}).items():
        latencies = _values(runs, "latency_s")
        label = f"{control} → rerun done, s, median / max (goal < 0.5)"
        rows[label] = _pair(_median(latencies), max(latencies, default=None)) + _errors(runs)
        rows[f"  {control}: new value shown in the browser, s, median"] = _pair(
            _median(_values(runs, "shown_s")), max(_values(runs, "shown_s"), default=None)
        )
    for name, run in result.get("frames", {}).items():
        if "error" in run:
            rows[f"{name}: frames · per s (run s; the page says s)"] = "failed"
            continue
        stated = "–" if run["stated_s"] is None else f"{run['stated_s']:.1f}"
        rows[f"{name}: frames · per s (run s; the page says s)"] = (
            f"{run['frames']} · {run['frames_per_s']:.1f} ({run['run_s']:.1f}; {stated})"
        )
        rows[f"  {name}: faded s (share), main thread busy"] = (
            f"{run['faded_s']:.1f} ({run['faded_share']:.0%}), {run['busy_share']:.0%}"
        )
    if "cpu" in result:
        for slug, page in result["cpu"]["pages"].items():
            cpu = "–"
            if page["cpu_s"] is not None:
                cpu = f"{page['cpu_s']:.2f} ({page['workers_cpu_s']:.2f}) · {page['wall_s']:.1f}"
            rows[f"{slug}: server CPU s per run (in workers) · wall s"] = cpu + _errors(
                page["runs"]
            )
        rows["server idle CPU, s per s"] = f"{result['cpu']['idle_cpu_per_s']:.3f}"
    rows["load average (1 min) at each measure, end"] = " ".join(
        f"{value:.1f}" for value in result["load"].values()
    )
    return rows


def print_table(results: dict[str, dict]) -> None:
    labels = list(results)
    by_tree = {label: table_rows(result) for label, result in results.items()}
    names = list(dict.fromkeys(name for rows in by_tree.values() for name in rows))
    print("| measure | " + " | ".join(labels) + " |")
    print("|---|" + "---|" * len(labels))
    for name in names:
        cells = [by_tree[label].get(name, "–") for label in labels]
        print(f"| {name} | " + " | ".join(cells) + " |")
