"""Alembic environment for the server database.

Migrations run through `btxh_server.db.migrate` (or `btxh-server migrate`), which hands over
an open connection so the engine's settings apply to SQLite and PostgreSQL alike.
"""

from alembic import context

from btxh_server.db import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run server migrations through btxh_server.db.migrate")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
