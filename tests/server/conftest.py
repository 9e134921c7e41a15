"""The server's own tests use the same real server processes as the end-to-end tests."""

from tests.e2e.conftest import backend, clients, database_url, server

__all__ = ["backend", "clients", "database_url", "server"]
