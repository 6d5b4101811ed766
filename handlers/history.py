"""`history [HOST] [by USER] [since 7d|ISO] [change N]`: who changed what, when and why."""

from __future__ import annotations

from bot import history
from bot.durations import parse_since
from handlers import format as fmt
from handlers.context import ChatContext
from handlers.grammar import History
from handlers.reply import Reply

LIMIT = 20


def handle(cmd: History, ctx: ChatContext) -> Reply:
    try:
        since = parse_since(cmd.since) if cmd.since else None
    except ValueError as exc:
        return Reply(str(exc), ephemeral=True)
    rows = history.query(ctx.services.sessions, host=cmd.host, user=cmd.user, since=since,
                         change_id=cmd.change_id, limit=LIMIT)
    if not rows:
        return Reply("No changes match.")
    lines = []
    for c in rows:
        approver = (f", approved by {c.approver}" if history.approver(c) else
                    f", {c.status} by {c.decided_by}" if c.decided_by else "")
        lines.append(f"#{c.id} {c.requested_at:%Y-%m-%d %H:%M} {c.host} {c.value_name}: "
                     f"{fmt.recorded_change(c)} [{c.status}] "
                     f"by {c.requester}{approver}" + (f" — “{c.reason}”" if c.reason else ""))
    more = f"\n(showing the newest {LIMIT}; `oakley history` lists all)" if len(rows) == LIMIT else ""
    return Reply("\n".join(lines) + more, data={"history": [history.to_json(c) for c in rows]})
