"""Alembic's entry point: run the migrations on the connection ``store.migrate`` hands over."""

from alembic import context

from playground.classroom.store import VERSION_TABLE

connection = context.config.attributes["connection"]
context.configure(connection=connection, version_table=VERSION_TABLE)
with context.begin_transaction():
    context.run_migrations()
