"""The change history: who changed what, when, and why (newest first).

--json prints the documented list of objects; --csv the same fields flat, for
auditors; --events the audit events of the matching changes instead (the
export's line shape). The table has a header and aligned columns.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from bot.terminal import printable

MAX_CELL = 60


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help="only this host")
    parser.add_argument("--user", help="only changes this user requested or decided")
    parser.add_argument("--since", metavar="7d|ISO", help="only changes requested since then")
    parser.add_argument("--change", type=int, metavar="ID", help="only this change (and its group)")
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="at most N rows")
    parser.add_argument("--events", action="store_true", help="list the audit events of the matching changes")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON")
    out.add_argument("--csv", action="store_true", help="print CSV")


def _printable(value: Any, width: int = MAX_CELL) -> str:
    """A table cell: no control characters (chat text could carry terminal escapes), bounded."""
    text = "-" if value is None or value == "" else str(value)
    text = printable(text, lines=False)
    return text if len(text) <= width else text[:width - 1] + "…"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to the widest cell; the last column is not padded."""
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = []
    for cells in [list(header), *rows]:
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells[:-1], widths, strict=False)) + "  " + cells[-1])
    return "\n".join(line.rstrip() for line in lines)


def _change_rows(rows: Sequence[Any]) -> list[list[str]]:
    from bot.checks import describe_value
    from bot.history import status_text

    out = []
    for c in rows:
        wanted = "-" if c.status == "observed" else "absent" if c.action == "delete" else str(c.target_value)
        after = describe_value(c.after_present, c.after_value) if c.after_present is not None else "-"
        out.append([str(c.id), f"{c.requested_at:%Y-%m-%d %H:%M}", _printable(c.host, 32), c.action,
                    describe_value(c.before_present, c.before_value), wanted, after, status_text(c),
                    _printable(c.requester, 24), _printable(c.decided_by, 24), _printable(c.reason)])
    return out


CHANGE_HEADER = ("ID", "REQUESTED (UTC)", "HOST", "ACTION", "BEFORE", "ASKED", "AFTER", "STATUS", "REQUESTER",
                 "DECIDED BY", "REASON")
EVENT_HEADER = ("SEQ", "AT (UTC)", "ACTOR", "ACTION", "CHANGE", "HOST", "DATA")


def run(args: argparse.Namespace) -> int:
    from bot import history
    from bot.cli.common import open_database
    from bot.cli.errors import UsageError
    from bot.durations import parse_since

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
        found = list(history.events(sessions, [c.id for c in rows])) if args.events else []
    finally:
        engine.dispose()
    if args.events:
        _emit(args, found, fields=history.EVENT_FIELDS, to_row=history.event_row, empty="no audit events match",
              render=lambda: table(EVENT_HEADER, [
                  [str(e["seq"]), e["at"][:19].replace("T", " "), _printable(e["actor"], 24), e["action"],
                   _printable(e["change_id"]), _printable(e["host"], 32),
                   _printable(json.dumps(e["data"], sort_keys=True, ensure_ascii=False), 100)] for e in found]))
        return 0
    _emit(args, [history.to_json(c) for c in rows] if args.json else rows, fields=history.CSV_FIELDS,
          to_row=history.to_row, empty="no changes match", render=lambda: table(CHANGE_HEADER, _change_rows(rows)))
    return 0


def _emit(args: argparse.Namespace, items: list[Any], *, fields: Sequence[str], to_row: Callable[[Any], Any],
          empty: str, render: Callable[[], str]) -> None:
    """One listing as --json, --csv or an aligned table (changes and audit events alike)."""
    if args.json:
        json.dump(items, sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif args.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(fields)
        writer.writerows(to_row(i) for i in items)
    elif not items:
        print(empty)
    else:
        print(render())
