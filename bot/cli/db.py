"""Database maintenance: `oakley db upgrade` applies the Alembic migrations.

Uses OAKLEY_DATABASE_URL (default sqlite:///oakley.db). Safe to run again.
"""

from __future__ import annotations

import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("upgrade",), help="upgrade: bring the schema to the newest version")


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from bot.cli.common import settings
    from bot.cli.errors import UsageError
    from bot.db.engine import UnsupportedDatabase, make_engine, upgrade

    conf = settings()
    try:
        engine = make_engine(conf.database_url)
        upgrade(engine)
    except UnsupportedDatabase as exc:
        raise UsageError(f"OAKLEY_DATABASE_URL: {exc}") from None
    except (SQLAlchemyError, ValueError) as exc:
        cause = getattr(exc, "orig", None) or exc
        raise UsageError(f"OAKLEY_DATABASE_URL: cannot upgrade the database: {type(exc).__name__}: "
                         f"{str(cause).splitlines()[0]}") from None
    print(f"database at {engine.url.render_as_string(hide_password=True)} is up to date")
    engine.dispose()
    return 0
