"""Plain-text renderings shared by the handlers (Slack mrkdwn reads them too)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.db.models import Change
from bot.workflow import describe_value


def value_change(c: Change) -> str:
    """What was asked: the value read at request time → the requested one."""
    after = "absent" if c.action == "delete" else str(c.target_value)
    return f"{describe_value(c.before_present, c.before_value)} → {after}"


def recorded_change(c: Change, arrow: str = "→") -> str:
    """What happened: before → the value read back (`-` until executed)."""
    after = describe_value(c.after_present, c.after_value) if c.after_present is not None else "-"
    return f"{describe_value(c.before_present, c.before_value)} {arrow} {after}"


def request_text(group: Sequence[Change]) -> str:
    first = group[0]
    lines = [f"Change {first.group_id}: {first.value_name} on {', '.join(c.host for c in group)}"]
    lines += [f"• {c.host}: {value_change(c)}" for c in group]
    lines.append(f"Requested by {first.requester}" + (f" — “{first.reason}”" if first.reason else ""))
    if first.reverts:
        lines.append(f"This reverts change {first.reverts}.")
    lines += [f"KB: {c.kb_summary}" for c in group[:3]]
    warnings = [f"{c.host}: {c.outside_guidance}" for c in group if c.outside_guidance]
    if warnings:
        lines.append("⚠ Outside the article's guidance (the approver must acknowledge): " + "; ".join(warnings))
    lines.append(f"Expires {first.expires_at:%Y-%m-%d %H:%M} UTC. An approver can say `approve {first.group_id}`"
                 + (" acknowledge" if warnings else "") + f" or `deny {first.group_id} REASON`.")
    return "\n".join(lines)


def outcome_text(group: Sequence[Change]) -> str:
    first = group[0]
    lines = [f"Change {first.group_id}:"]
    for c in group:
        if c.status == "succeeded":
            lines.append(f"• {c.host}: succeeded — {first.value_name} now "
                         f"{describe_value(c.after_present, c.after_value)} (read back)")
        elif c.status in ("failed", "stale", "unknown"):
            lines.append(f"• {c.host}: {c.status} — {c.error}")
        else:
            lines.append(f"• {c.host}: {c.status}")
    return "\n".join(lines)


def decision_text(group: Sequence[Change]) -> str:
    first = group[0]
    who = first.decided_by or first.approver or first.requester
    when = f"{first.decided_at:%H:%M} UTC" if first.decided_at else ""
    extra = f": {first.decision_reason}" if first.decision_reason else ""
    return f"Change {first.group_id} {first.status} by {who} at {when}{extra}".rstrip()


def change_details(group: Sequence[Change]) -> str:
    lines = [request_text(group) if group[0].status == "pending" else decision_text(group)]
    if group[0].status not in ("pending", "denied", "cancelled", "expired"):
        lines.append(outcome_text(group))
    return "\n".join(lines)
