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

    from bot import audit
    from bot.cli.common import open_database, settings
    from bot.cli.errors import UsageError

    if args.export is not None and not Path(args.export).is_file():
        raise UsageError(f"--export: no file at {args.export}")
    conf = settings()
    key = conf.audit_key.get_secret_value().encode() if conf.audit_key else None
    engine, sessions = open_database()
    try:
        with sessions() as s:
            count, problem = audit.verify_chain(s, key)
            rows = matched = 0
            if problem is None:
                rows, problem = audit.verify_changes(s)
            if problem is None and args.export is not None:
                matched, problem = audit.verify_export(s, args.export)
    finally:
        engine.dispose()
    keyed = ("keyed chain (HMAC-SHA-256 with OAKLEY_AUDIT_KEY)" if key else
             "unkeyed chain (plain SHA-256: anyone who can write to the database can rewrite it; "
             "set OAKLEY_AUDIT_KEY)")
    if problem is not None:
        print(f"audit verify failed at {problem.describe()}")
        print(f"checked as an {keyed}")
        return 1
    print(f"audit chain intact: {count} events verified, {rows} change rows match their events; {keyed}")
    if args.export is not None:
        print(f"export {args.export}: {matched} events match the database, none missing or extra")
    return 0
