"""The class state store: one SQLAlchemy engine on embedded SQLite or on PostgreSQL.

One setting chooses the database. By default a class lives in a SQLite file in the data directory
(``$PLAYGROUND_DATA_DIR``, default ``./data``), which every replica on one machine shares; with
replicas on several hosts, ``$PLAYGROUND_DATABASE_URL`` names a PostgreSQL server, e.g.
``postgresql+psycopg://playground:secret@db:5432/playground``.

The schema is versioned by Alembic; its scripts live in ``migrations/`` beside this module and
``migrate`` runs them under a lock, so replicas that start together upgrade the schema once.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

URL_ENV = "PLAYGROUND_DATABASE_URL"
DATA_DIR_ENV = "PLAYGROUND_DATA_DIR"
DEFAULT_DATA_DIR = "data"
SQLITE_FILE = "playground.db"
BUSY_TIMEOUT_S = 30.0
"""How long a SQLite writer waits for another replica's write transaction before failing."""
MIGRATION_LOCK = 0x706C6179
"""The PostgreSQL advisory lock key held while migrating ("play")."""
VERSION_TABLE = "classroom_version"
Store = sa.Engine
"""A store: an SQLAlchemy engine on its database (``open_store`` migrates it)."""
StoreError = sa.exc.SQLAlchemyError
"""What a store raises when its database fails (down, locked for too long, …)."""


def database_url(env: Mapping[str, str] = os.environ) -> str:
    """The store's URL: ``$PLAYGROUND_DATABASE_URL``, else a SQLite file in the data directory.

    A bare ``postgresql://`` or ``postgres://`` URL is given the psycopg 3 driver.
    """
    url = env.get(URL_ENV, "").strip()
    if not url:
        return _sqlite_url(env.get(DATA_DIR_ENV, "") or DEFAULT_DATA_DIR, os.getcwd())
    for bare in ("postgresql://", "postgres://"):
        if url.startswith(bare):
            return "postgresql+psycopg://" + url[len(bare) :]
    return url


@functools.lru_cache(maxsize=8)
def _sqlite_url(data_dir: str, cwd: str) -> str:
    """The URL of the SQLite file in ``data_dir`` (relative to ``cwd``), its path resolved once:
    every student's page run asks for the store's URL, and resolving reads the file system."""
    return f"sqlite:///{(Path(cwd) / data_dir).resolve() / SQLITE_FILE}"


def make_engine(url: str | None = None) -> sa.Engine:
    """An engine on ``url`` (default: ``database_url()``); creates a SQLite file's folder."""
    url = url or database_url()
    backend = sa.make_url(url).get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url)
    if backend == "postgresql":
        return sa.create_engine(url, pool_pre_ping=True)
    raise ValueError(f"{URL_ENV} must be a sqlite:// or postgresql:// URL; got {backend}://")


def _sqlite_engine(url: str) -> sa.Engine:
    """SQLite in WAL mode (readers never wait for the writer), foreign keys on, and transactions
    begun by us: ``BEGIN IMMEDIATE`` for writes, so two replicas queue for the write lock (up to
    BUSY_TIMEOUT_S) instead of failing when a read turns into a write."""
    database = sa.make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # the driver issues no BEGIN of its own
        cursor = dbapi_connection.cursor()
        _enter_wal_mode(cursor)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(connection: sa.Connection) -> None:
        write = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _enter_wal_mode(cursor: sqlite3.Cursor) -> None:
    """``PRAGMA journal_mode=WAL``, retried for up to BUSY_TIMEOUT_S while another replica holds
    the lock: SQLite answers "database is locked" at once here, without waiting in its busy
    handler, when two replicas open a new database file together."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


@contextmanager
def writing(engine: sa.Engine) -> Iterator[sa.Connection]:
    """One write transaction, committed on success (on SQLite it holds the write lock from its
    start)."""
    with engine.execution_options(write=True).begin() as connection:
        yield connection


@contextmanager
def reading(engine: sa.Engine) -> Iterator[sa.Connection]:
    """One read transaction: a consistent snapshot of the store."""
    with engine.begin() as connection:
        yield connection


def alembic_config() -> Config:
    """Alembic's configuration for the scripts in ``playground/classroom/migrations``."""
    config = Config()
    config.set_main_option("script_location", "playground.classroom:migrations")
    return config


def migrate(engine: sa.Engine) -> None:
    """Upgrade the schema to the newest version, once however many replicas start together.

    The upgrade runs in one transaction that first takes a lock: PostgreSQL's transaction-scoped
    advisory lock, SQLite's write lock (``BEGIN IMMEDIATE``). A replica that waited for the lock
    then finds the schema current and does nothing.
    """
    config = alembic_config()
    with writing(engine) as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK}
            )
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def schema_version(engine: sa.Engine) -> str | None:
    """The schema's current Alembic revision, or None before the first migration."""
    with reading(engine) as connection:
        if not sa.inspect(connection).has_table(VERSION_TABLE):
            return None
        return connection.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def open_store(url: str | None = None) -> sa.Engine:
    """An engine on the store with its schema migrated to the newest version."""
    engine = make_engine(url)
    migrate(engine)
    return engine


def upsert(
    connection: sa.Connection,
    table: sa.Table,
    values: Mapping[str, object],
    keys: list[str],
    update: Mapping[str, object],
):
    """``INSERT … ON CONFLICT (keys) DO UPDATE SET update`` in the connection's dialect: one
    atomic statement, so two replicas writing the same row never both insert it."""
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table).values(**values).on_conflict_do_update(index_elements=keys, set_=update)
