"""Every classroom store test runs twice: on a SQLite file and on a real PostgreSQL server that
this session starts (tests/postgres_server.py). Each test gets a fresh, empty database."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from postgres_server import throwaway_postgres

from playground.classroom.store import make_engine, migrate

_names = itertools.count()


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[sa.Engine]:
    with throwaway_postgres() as url:
        admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        yield admin
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> Iterator[str]:
    """The URL of an empty database of either kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'playground.db'}"
        return
    admin = request.getfixturevalue("postgres_admin")
    name = f"test_{next(_names)}"
    with admin.connect() as connection:
        connection.execute(sa.text(f"CREATE DATABASE {name}"))
    yield admin.url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(sa.text(f"DROP DATABASE {name} WITH (FORCE)"))


@pytest.fixture
def engine(store_url: str) -> Iterator[sa.Engine]:
    """An engine on a migrated, empty store."""
    engine = make_engine(store_url)
    migrate(engine)
    yield engine
    engine.dispose()
