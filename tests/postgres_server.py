"""A throwaway PostgreSQL server for the tests: Debian's ``postgresql`` binaries, a cluster in a
temp dir, listening only on a unix socket in that dir, removed at the end.

PostgreSQL refuses to run as root, so as root the cluster belongs to the ``postgres`` user and
every server command runs through ``runuser -u postgres --``.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PORT = 5432
"""The socket file's number (.s.PGSQL.5432); the socket lives in the cluster's own temp dir."""


def postgres_bin() -> Path:
    """The newest installed server's bin dir (Debian: /usr/lib/postgresql/<major>/bin)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if not found:
        raise RuntimeError("PostgreSQL is not installed: apt-get install postgresql (scripts/test)")
    return Path(found[-1]).parent


def _as_server_user(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """Start a cluster; yield a libpq URL of its ``postgres`` database (superuser, trust auth)."""
    bin_dir = postgres_bin()
    base = Path(tempfile.mkdtemp(prefix="playground-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    data, log = base / "data", base / "server.log"
    run = lambda *args: subprocess.run(_as_server_user(list(args)), check=True, capture_output=True)  # noqa: E731
    try:
        run(str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
            "--no-sync")  # fmt: skip
        options = f"-p {PORT} -k {base} -c listen_addresses='' -c fsync=off -c max_connections=200"
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start")
        try:
            yield f"postgresql+psycopg://postgres@/postgres?host={base}&port={PORT}"
        finally:
            run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(base, ignore_errors=True)
