"""The reference central server: the sync API that communes and facilities talk to.

SQLite file by default, PostgreSQL in production; the same code and migrations serve both.
docs/sync-protocol.md describes the protocol; docs/openapi.json is its schema.
"""

__version__ = "0.1.0"
