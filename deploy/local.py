"""The compose deployment on one machine, without Docker: app replicas and nginx on loopback.

``replicas(k)`` starts ``k`` ``streamlit run app.py`` processes with the Dockerfile's settings
(headless, one BLAS thread, one cookie secret and one class-store data directory shared by all);
``proxy(urls)`` runs nginx with the
same ``deploy/nginx/default.conf.template`` that compose.yaml mounts, filled in here instead of by
the nginx image's envsubst, and wrapped in a minimal nginx.conf whose pid, logs and temp files
live in a temporary directory (no root needed). The proxy test (tests/e2e/test_proxy.py) and the
load test (benchmarks/load_sessions.py) both use them.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from string import Template

from playground.classroom.store import DATA_DIR_ENV
from playground.engine.blas import ONE_THREAD_ENV

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "nginx" / "default.conf.template"
STARTUP_SECONDS = 60
ACCESS_LOG_FORMAT = "$browser_id $status $request_uri $upstream_addr"
"""One line per request in ``Proxy.access_log`` (read by ``logged_requests``): the browser (the
id in its route cookie, or the one its first request is given), the answer, and the replicas
nginx tried, the last of which answered."""

NGINX_CONF = """\
worker_processes 1;
daemon off;
pid $prefix/nginx.pid;
error_log $prefix/error.log warn;
events { worker_connections 1024; }
http {
    log_format routes '$log_format';
    access_log $prefix/access.log routes;
    client_body_temp_path $prefix/client_body;
    proxy_temp_path $prefix/proxy;
    fastcgi_temp_path $prefix/fastcgi;
    uwsgi_temp_path $prefix/uwsgi;
    scgi_temp_path $prefix/scgi;
    include $prefix/default.conf;
}
"""


@dataclass
class Replica:
    """One app process: its base URL, process and log file."""

    url: str
    process: subprocess.Popen
    log: Path


@dataclass
class Proxy:
    """The running nginx: its base URL, master process and access log (``ACCESS_LOG_FORMAT``)."""

    url: str
    process: subprocess.Popen
    access_log: Path


@dataclass(frozen=True)
class LoggedRequest:
    """One line of ``Proxy.access_log``: ``browser`` (``browser_id`` of its route cookie),
    ``status``, ``uri``, and ``replica``, the "host:port" that answered ("-": none)."""

    browser: str
    status: str
    uri: str
    replica: str


def browser_id(route_cookie: str) -> str:
    """The browser's own part of a "playground_route" cookie ("<replica's port>-<browser id>")."""
    return route_cookie.rsplit("-", 1)[-1]


def logged_requests(access_log: Path) -> list[LoggedRequest]:
    """The requests nginx has logged so far (it writes a line once it has answered, a
    websocket's when it closes)."""
    requests = []
    for line in access_log.read_text().splitlines():
        browser, status, uri, tried = line.split(" ", 3)
        requests.append(LoggedRequest(browser, status, uri, tried.split(", ")[-1]))
    return requests


def server_stacks(pids: list[int]) -> str:
    """Every thread's stack of the servers ``pids`` and their training workers, as py-spy sees
    them now (for a test or a benchmark that waited in vain); a note if py-spy is missing."""
    py_spy = shutil.which("py-spy")
    if py_spy is None:
        return "py-spy is not installed (requirements-dev.txt)\n"
    dumps = []
    for pid in pids:
        try:
            dump = subprocess.run(
                [py_spy, "dump", "--subprocesses", "--pid", str(pid)],
                capture_output=True,
                text=True,
                timeout=60,
            )
            dumps.append(f"== server {pid}\n{dump.stdout}{dump.stderr}")
        except subprocess.TimeoutExpired:
            dumps.append(f"== server {pid}: py-spy did not answer within 60 s\n")
    return "\n".join(dumps)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(base_url: str) -> bool:
    """True when ``base_url/_stcore/health`` answers "ok" (the Dockerfile's health check)."""
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().decode().strip() == "ok"
    except OSError:
        return False


def nginx_path() -> str | None:
    """The nginx binary (Debian puts it in /usr/sbin, often not on a user's PATH), or None."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def site_variables(upstreams: list[str], listen_port: int) -> dict[str, str]:
    """The proxy template's variables for the replicas ``upstreams`` ("host:port", each on its
    own port), as compose.yaml spells them for app1 and app2."""
    ports = [upstream.rsplit(":", 1)[1] for upstream in upstreams]
    if len(set(ports)) != len(ports):
        raise ValueError(
            f"every replica needs its own port (its route cookie names it): {upstreams}"
        )
    groups = [
        f"upstream replica_{port} {{ server {upstream}; "
        + "".join(f"server {other} backup; " for other in upstreams if other != upstream)
        + "}"
        for port, upstream in zip(ports, upstreams, strict=True)
    ]
    return {
        "UPSTREAM_SERVERS": " ".join(f"server {upstream};" for upstream in upstreams),
        "REPLICA_ROUTES": " ".join(f'"~^{port}-" replica_{port};' for port in ports),
        "REPLICA_UPSTREAMS": " ".join(groups),
        "LISTEN_PORT": str(listen_port),
    }


def render_site(upstreams: list[str], listen_port: int) -> str:
    """deploy/nginx/default.conf.template filled in for ``upstreams``, as the nginx image's
    envsubst fills it in from compose.yaml's variables (nginx's own $variables are left
    alone)."""
    variables = site_variables(upstreams, listen_port)
    return Template(TEMPLATE.read_text()).safe_substitute(variables)


def _wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while not healthy(url):
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}; see {log}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} not healthy after {STARTUP_SECONDS} s; see {log}")
        time.sleep(0.25)


def stop(process: subprocess.Popen) -> None:
    """SIGTERM the process group started for ``process``, SIGKILL after 10 s."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@contextmanager
def replica(
    log: Path,
    cookie_secret: str,
    options: dict[str, str] | None = None,
    root: Path = ROOT,
    env: dict[str, str] | None = None,
) -> Iterator:
    """One ``streamlit run app.py`` on a free loopback port; yields a ``Replica``.

    ``options`` are extra ``--section.option value`` pairs, e.g.
    ``{"server.disconnectedSessionTTL": "10"}``; ``root`` is the checkout whose app.py runs
    (another one, e.g. an older commit's, for a before/after benchmark); ``env``: extra
    environment variables of the process.
    """
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", "app.py"]
    settings = {
        "server.port": str(port),
        "server.address": "127.0.0.1",
        "server.headless": "true",
        "server.fileWatcherType": "none",
        "browser.gatherUsageStats": "false",
        **(options or {}),
    }
    for name, value in settings.items():
        command += [f"--{name}", value]
    env = {
        **os.environ,
        **ONE_THREAD_ENV,
        "PYTHONUNBUFFERED": "1",
        "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret,
        **(env or {}),
    }
    with log.open("w") as out:
        process = subprocess.Popen(
            command, cwd=root, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, env=env
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, log)
        yield Replica(url, process, log)
    finally:
        stop(process)


@contextmanager
def replicas(
    count: int,
    log_dir: Path,
    options: dict[str, str] | None = None,
    data_dir: Path | None = None,
) -> Iterator[list[Replica]]:
    """``count`` replicas sharing one cookie secret (as compose.yaml's COOKIE_SECRET does) and
    one class store: the SQLite file in ``data_dir`` (``$PLAYGROUND_DATA_DIR``, as compose.yaml's
    classroom-data volume), else the store their environment names (by default ./data of the
    checkout, which they share too)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    cookie_secret = secrets.token_hex(32)
    env = None if data_dir is None else {DATA_DIR_ENV: str(data_dir)}
    with ExitStack() as stack:
        yield [
            stack.enter_context(
                replica(log_dir / f"app{i + 1}.log", cookie_secret, options, env=env)
            )
            for i in range(count)
        ]


@contextmanager
def proxy(upstream_urls: list[str]) -> Iterator[Proxy]:
    """nginx on a free loopback port in front of ``upstream_urls``; yields a ``Proxy``."""
    binary = nginx_path()
    if binary is None:
        raise RuntimeError("nginx is not installed (apt-get install -y nginx-light)")
    port = free_port()
    upstreams = [url.removeprefix("http://") for url in upstream_urls]
    with tempfile.TemporaryDirectory(prefix="playground-nginx-") as prefix:
        # nginx started as root runs its workers as "nobody": they must reach the temp files.
        os.chmod(prefix, 0o755)
        (Path(prefix) / "default.conf").write_text(render_site(upstreams, port))
        conf = Path(prefix) / "nginx.conf"
        conf.write_text(
            Template(NGINX_CONF).substitute(prefix=prefix, log_format=ACCESS_LOG_FORMAT)
        )
        log = Path(prefix) / "error.log"
        command = [binary, "-p", prefix, "-c", str(conf), "-e", str(log)]
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, process, log)
            yield Proxy(url, process, Path(prefix) / "access.log")
        finally:
            stop(process)
