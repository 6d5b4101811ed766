"""The audit chain: `oakley audit verify [--export PATH]` checks that no event was
altered, removed or reordered, that every `changes` row matches the replay of its
events, and (with --export) that the database holds exactly the events of the
append-only export. Names the first bad entry and exits 1."""

from __future__ import annotations

import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("verify",), help="verify: walk the hash chain and replay the changes")
    parser.add_argument("--export", metavar="PATH",
                        help="also compare with this OAKLEY_AUDIT_EXPORT file (finds a truncated tail or "
                        "deleted events)")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sqlalchemy.exc import SQLAlchemyError

    from bot import audit
    from bot.cli.common import open_database, settings
    from bot.cli.errors import UsageError

    if args.export is not None and not Path(args.export).is_file():
        raise UsageError(f"--export: no file at {args.export}")
    conf = settings()
    key = conf.audit_key.get_secret_value().encode() if conf.audit_key else None
    engine, sessions = open_database()  # checks the schema (and upgrades SQLite)
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()  # the row pass is forked: no connection may be open across the fork
    try:
        report = audit.verify_database(url, key)
    except SQLAlchemyError as exc:  # e.g. `sqlite://`: every connection is a new, empty in-memory database
        raise UsageError(f"cannot read the audit chain at {engine.url.render_as_string(hide_password=True)}: "
                         f"{type(exc).__name__} (an in-memory database holds no chain)") from None
    problems = [report.problem] if report.problem is not None else []
    matched = 0
    if args.export is not None:  # run even when the database check failed: it tells what was cut off
        engine, sessions = open_database()
        try:
            with sessions() as s:
                matched, export_problem = audit.verify_export(s, args.export)
        finally:
            engine.dispose()
        if export_problem is not None:
            problems.append(export_problem)
    keyed = ("keyed chain (HMAC-SHA-256 with OAKLEY_AUDIT_KEY)" if key else
             "unkeyed chain (plain SHA-256: anyone who can write to the database can rewrite it; "
             "set OAKLEY_AUDIT_KEY)")
    if problems:
        for problem in problems:
            print(f"audit verify failed at {problem.describe()}")
        print(f"checked as an {keyed}")
        return 1
    print(f"audit chain intact: {report.events} events verified, {report.rows} change rows match their events; "
          f"{keyed}")
    if args.export is not None:
        print(f"export {args.export}: {matched} events match the database, none missing or extra")
    return 0
