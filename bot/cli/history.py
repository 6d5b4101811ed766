"""The change history: who changed what, when, and why (newest first).

--json prints the documented list of objects; --csv a table for auditors.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help="only this host")
    parser.add_argument("--user", help="only changes this user requested or approved")
    parser.add_argument("--since", metavar="7d|ISO", help="only changes requested since then")
    parser.add_argument("--change", type=int, metavar="ID", help="only this change (and its group)")
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="at most N rows")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument("--csv", action="store_true", help="print CSV")


def run(args: argparse.Namespace) -> int:
    from bot import history
    from bot.cli.common import open_database
    from bot.cli.errors import UsageError
    from bot.durations import parse_since
    from handlers.format import recorded_change

    try:
        since = parse_since(args.since) if args.since else None
    except ValueError as exc:
        raise UsageError(f"--since: {exc}") from None
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    engine, sessions = open_database()
    try:
        rows = history.query(sessions, host=args.host, user=args.user, since=since, change_id=args.change,
                             limit=args.limit or 10**9)
    finally:
        engine.dispose()
    if args.json:
        json.dump([history.to_json(c) for c in rows], sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif args.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(history.CSV_FIELDS)
        writer.writerows(history.to_row(c) for c in rows)
    else:
        if not rows:
            print("no changes match")
        for c in rows:
            print(f"{c.id:>6}  {c.requested_at:%Y-%m-%d %H:%M}  {c.host:<12} {c.value_name} "
                  f"{recorded_change(c, '->')}  {c.status:<9} "
                  f"requester={c.requester} approver={c.approver or '-'}  {c.reason}")
    return 0
