"""Engines and sessions for SQLite and PostgreSQL, and schema upgrades.

SQLite runs in WAL mode with a busy timeout, and every transaction starts
with BEGIN IMMEDIATE so that two processes serialise their writes instead of
failing on a lock upgrade (the audit chain must never fork). PostgreSQL needs
nothing but its URL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

#: URL schemes Oakley runs on, and the driver each means (psycopg 3 is the one installed)
SCHEMES = {
    "sqlite": "sqlite", "sqlite+pysqlite": "sqlite",
    "postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg", "postgresql+psycopg": "postgresql+psycopg",
}
SUPPORTED = "sqlite:///PATH or postgresql://USER@HOST/DB"


class UnsupportedDatabase(ValueError):
    """A URL for a database (or driver) Oakley does not run on; the message names the supported schemes."""


def normalise_url(url: str) -> str:
    """The URL with the driver Oakley uses; refuses, in one line, anything but SQLite and PostgreSQL.

    Checked before SQLAlchemy sees it, so `mysql://` is a clear configuration
    error rather than an ImportError for a driver that is not installed.
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise UnsupportedDatabase(f"not a database URL (no scheme://); use {SUPPORTED}")
    driver = SCHEMES.get(scheme.lower())
    if driver is None:
        raise UnsupportedDatabase(f"{scheme[:40]}:// is not supported; Oakley runs on SQLite and PostgreSQL "
                                  f"({SUPPORTED})")
    return f"{driver}://{rest}"


def make_engine(url: str, **kwargs: Any) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False}, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
            cursor = dbapi_connection.cursor()
            if ":memory:" not in url and url not in ("sqlite://", "sqlite:///"):
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (idempotent)."""
    from alembic import command

    config = _alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def is_current(engine: Engine) -> bool:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    heads = set(ScriptDirectory.from_config(_alembic_config(engine)).get_heads())
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        return set(MigrationContext.configure(connection).get_current_heads()) == heads
