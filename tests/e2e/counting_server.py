"""``streamlit run app.py`` that also writes, twice a second, how many ``RunState`` objects (a
page's runs in one session) are alive in the server, and how many jobs its run engine keeps,
to the file named by $RUN_STATES_FILE ("<run states> <jobs>").

Used by test_memory_release.py: ``python tests/e2e/counting_server.py [streamlit options]``.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
from pathlib import Path

from streamlit.web import cli

ROOT = Path(__file__).resolve().parents[2]


def count_run_states(path: Path) -> None:
    """Forever: collect garbage, count the live RunState objects, write the count to ``path``
    (whole: written aside, then renamed, so a reader never sees a half-written file) and print
    each change to the server's log."""
    last = None
    while True:
        time.sleep(0.5)
        run_state = sys.modules.get("playground.ui.run_state")
        if run_state is None:  # no training page opened yet
            continue
        gc.collect()
        states = sum(type(thing) is run_state.RunState for thing in gc.get_objects())
        alive = f"{states} {run_state.run_engine().live_jobs()}"
        aside = path.with_suffix(".writing")
        aside.write_text(alive)
        os.replace(aside, path)
        if alive != last:
            print(f"RunState objects and engine jobs alive: {alive}", flush=True)
            last = alive


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    counter = threading.Thread(
        target=count_run_states, args=(Path(os.environ["RUN_STATES_FILE"]),), daemon=True
    )
    counter.start()
    sys.argv = ["streamlit", "run", "app.py", *sys.argv[1:]]
    cli.main()
