"""One BLAS thread: the one place that limits the threads NumPy's linear algebra may use.

The app's matrices are small (a few hundred columns at most, or a figure's boundary grid), where
extra BLAS threads gain little, and on a busy server — sessions and processes competing for the
cores — a multi-threaded OpenBLAS call can stall for tens of seconds: on a loaded 2-core machine
300 epochs on the regularization page's 700 augmented points took 30–50 s with the default
threads and 1.5 s with one; 4 runs of the app took 12 s instead of 0.3 s.

* ``ONE_THREAD_ENV``: the environment a server process starts with (deploy/, the Dockerfile);
* ``one_thread_per_process()``: the app's own process, once, at start-up (app.py);
* ``one_blas_thread()``: a block of code, in any process (models, figures, tests);
* ``OneThreadRun`` (:mod:`playground.engine.experiment`): a run that trains with one thread.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from functools import cache

import numpy  # noqa: F401  (loaded before the controller looks: it finds their BLAS)
import scipy.linalg  # noqa: F401
from threadpoolctl import ThreadpoolController, threadpool_limits

ONE_THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
"""Environment variables that start a process with one BLAS (and OpenMP) thread."""


@cache
def _controller() -> ThreadpoolController:
    """The thread pools of this process's libraries, found once: finding them reads every loaded
    library's path (0.3–3 ms), which a figure drawn many times a second must not pay each time."""
    return ThreadpoolController()


def one_blas_thread() -> AbstractContextManager:
    """Within the block, every BLAS library loaded (NumPy's, and SciPy's if it was loaded when
    this process first asked) uses one thread; the previous counts are restored after."""
    return _controller().limit(limits=1, user_api="blas")


def one_thread_per_process() -> None:
    """From now on, BLAS and OpenMP use one thread in this whole process."""
    threadpool_limits(limits=1)
