"""`history [HOST] [by USER] [since 7d|ISO] [change N]`: who changed what, when and why.

A page of `LIMIT` rows; when there are more, the reply's data carries the
next page's query (`more`) and the chat surface shows a "More" button.
"""

from __future__ import annotations

from bot import history
from bot.durations import parse_since
from handlers import format as fmt
from handlers import names
from handlers.context import ChatContext
from handlers.grammar import History
from handlers.reply import Reply

LIMIT = 20
MAX_OFFSET = 2000


def handle(cmd: History, ctx: ChatContext, offset: int = 0) -> Reply:
    if cmd.user and len(cmd.user) > 64:
        return Reply("that user id is longer than any Oakley records (64 characters); no changes match",
                     ephemeral=True)
    try:
        since = parse_since(cmd.since) if cmd.since else None
    except ValueError as exc:
        return Reply(str(exc), ephemeral=True)
    offset = max(0, min(offset, MAX_OFFSET))
    host = cmd.host
    if host:  # `FE02` or `fe02.corp.example` for the inventory's fe02; a host gone from it is kept as typed
        known = names.resolve(ctx.services.inventory, [host])
        if known.names and known.names[0] in ctx.services.inventory.hosts:
            host = known.names[0]
    rows = history.query(ctx.services.sessions, host=host, user=cmd.user, since=since,
                         change_id=cmd.change_id, limit=offset + LIMIT + 1)[offset:]
    fr = ctx.lang == "fr"
    if not rows:
        return Reply("Aucune modification ne correspond." if fr else "No changes match.")
    page, more = rows[:LIMIT], len(rows) > LIMIT
    lines = []
    for c in page:
        if c.status == "observed":  # found by the drift watch, not requested by anyone
            lines.append(f"#{c.id} {c.requested_at:%Y-%m-%d %H:%M} {c.host} {c.value_name}: {fmt.observed_text(c)} "
                         "[observed]")
            continue
        approver = (f", approved by {c.approver}" if history.approver(c) else
                    f", {c.status} by {c.decided_by}" if c.decided_by else "")
        lines.append(f"#{c.id} {c.requested_at:%Y-%m-%d %H:%M} {c.host} {c.value_name}: "
                     f"{fmt.recorded_change(c) if c.after_present is not None else fmt.value_change(c) + ' asked'} "
                     f"[{history.status_text(c)}] "
                     f"by {c.requester}{approver}" + (f" — “{c.reason}”" if c.reason else ""))
    data: dict[str, object] = {"history": [history.to_json(c) for c in page]}
    if more and offset + LIMIT <= MAX_OFFSET:
        data["more"] = {"host": cmd.host, "user": cmd.user, "since": cmd.since, "change_id": cmd.change_id,
                        "offset": offset + LIMIT}
    return Reply("\n".join(lines), data=data)
