"""Alembic environment for the desktop database.

The app runs migrations itself (storage/migrate.py) and hands over an open connection, so
the engine factory's key and pragmas apply; `render_as_batch` because SQLite can only alter
tables by copying them.
"""

from alembic import context

from btxh_desktop.storage.models import Base, is_mapped_table

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run desktop migrations through btxh_desktop.storage.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    include_name=lambda name, kind, parent: kind != "table" or is_mapped_table(name),
)
with context.begin_transaction():
    context.run_migrations()
