"""Block Kit for Oakley's messages and App Home, within Slack's limits.

Limits: 50 blocks a message, 100 on Home, 3000 characters in a section's
text, 150 in a header or button confirm title. Every payload here parses
with `slack_sdk.models.blocks` (the tests check).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.db.models import Change
from bot.workflow import describe_value
from handlers import format as fmt

MAX_TEXT = 3000
MAX_MESSAGE_BLOCKS = 50
MAX_HOME_BLOCKS = 100


def clip(text: str, limit: int = MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text) or " "}}


def context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text)}]}


def header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": {"type": "plain_text", "text": clip(text, 150)}}


def text_message(text: str, citation: str | None = None) -> list[dict[str, Any]]:
    """A reply: its text, and a small context line citing the article when there is one."""
    chunks = [text[i : i + MAX_TEXT] for i in range(0, len(text), MAX_TEXT)][: MAX_MESSAGE_BLOCKS - 1] or [" "]
    blocks = [section(c) for c in chunks]
    if citation:
        blocks.append(context(citation))
    return blocks


def _hosts(group: Sequence[Change], limit: int = 20) -> str:
    lines = [f"• *{c.host}*: {fmt.value_change(c)}" for c in group[:limit]]
    if len(group) > limit:
        lines.append(f"…and {len(group) - limit} more hosts")
    return "\n".join(lines)


def _summary(group: Sequence[Change]) -> list[dict[str, Any]]:
    first = group[0]
    blocks = [
        header(f"Change {first.group_id}: {first.value_name} on {len(group)} host(s)"),
        section(_hosts(group)),
        section(f"*Requested by* <@{first.requester}>" + (f"\n*Reason:* {first.reason}" if first.reason else "")
                + (f"\n*Reverts* change {first.reverts}" if first.reverts else "")),
        context(f"KB 821839: {first.kb_summary}"),
    ]
    warnings = [f"{c.host}: {c.outside_guidance}" for c in group if c.outside_guidance]
    if warnings:
        blocks.append(section(":warning: *Outside the article's guidance* — approving acknowledges this:\n"
                              + "\n".join(f"• {w}" for w in warnings[:10])))
    return blocks


def approval_message(group: Sequence[Change]) -> list[dict[str, Any]]:
    """The request with its buttons; `value` of both is the change id."""
    first = group[0]
    gid = str(first.group_id)
    warned = any(c.outside_guidance for c in group)
    confirm_text = (f"Set {first.value_name} on {len(group)} host(s) as requested by <@{first.requester}>."
                    + (" This is outside KB 821839's guidance; you acknowledge it." if warned else ""))
    blocks = _summary(group)
    blocks.append(context(f"Expires {first.expires_at:%Y-%m-%d %H:%M} UTC"))
    blocks.append({
        "type": "actions",
        "block_id": f"decision-{gid}",
        "elements": [
            {"type": "button", "action_id": "approve", "style": "primary", "value": gid,
             "text": {"type": "plain_text", "text": "Approve"},
             "confirm": {"title": {"type": "plain_text", "text": f"Approve change {gid}?"},
                         "text": {"type": "mrkdwn", "text": clip(confirm_text, 300)},
                         "confirm": {"type": "plain_text", "text": "Approve"},
                         "deny": {"type": "plain_text", "text": "Back"}}},
            {"type": "button", "action_id": "deny", "style": "danger", "value": gid,
             "text": {"type": "plain_text", "text": "Deny"}},
        ],
    })
    return blocks


def decided_message(group: Sequence[Change]) -> list[dict[str, Any]]:
    """The request after a decision: no buttons, the outcome, who, when, and per-host results."""
    first = group[0]
    blocks = _summary(group)
    who = first.decided_by or first.approver or first.requester
    when = f"{first.decided_at:%Y-%m-%d %H:%M} UTC" if first.decided_at else ""
    reason = f" — {first.decision_reason}" if first.decision_reason else ""
    statuses = sorted({c.status for c in group})
    blocks.append(section(f"*{'/'.join(statuses).capitalize()}* — decided by <@{who}> at {when}{reason}"))
    finished = [c for c in group if c.status in ("succeeded", "failed", "stale", "unknown")]
    if finished:
        lines = [f"• {c.host}: {c.status}"
                 + (f" — now {describe_value(c.after_present, c.after_value)}" if c.status == "succeeded" else "")
                 + (f" — {c.error}" if c.error and c.status != "succeeded" else "") for c in finished[:30]]
        blocks.append(section("\n".join(lines)))
    return blocks[:MAX_MESSAGE_BLOCKS]


def home_view(user: str, roles: str, pending: Sequence[Sequence[Change]], mine: Sequence[Change],
              recent: Sequence[Change], compliance: str | None) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = [
        header("Oakley — IPSec between Exchange 2003 front-ends and back-ends"),
        context(f"You are <@{user}>: {roles}. Ask me about KB 821839 or type `help` in a DM."),
        {"type": "divider"},
        header("Waiting for your decision"),
    ]
    if not pending:
        blocks.append(section("Nothing waits for you."))
    for group in pending[:5]:
        blocks += approval_message(group)
    blocks.append(header("Your requests"))
    blocks.append(section("\n".join(f"• #{c.id} {c.host}: {fmt.value_change(c)} — {c.status}"
                                    for c in mine[:15]) or "None yet."))
    blocks.append(header("Recent changes"))
    blocks.append(section("\n".join(f"• #{c.id} {c.requested_at:%m-%d %H:%M} {c.host} — {c.status} "
                                    f"(<@{c.requester}>" + (f", approved by <@{c.approver}>" if c.approver else "")
                                    + ")" for c in recent[:15]) or "None yet."))
    blocks.append(header("Fleet compliance"))
    blocks.append(section(compliance or "No fleet check yet — say `check all`."))
    return {"type": "home", "blocks": blocks[:MAX_HOME_BLOCKS]}


def deny_modal(change_id: int, private_metadata: str) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": "deny_reason",
        "private_metadata": private_metadata,
        "title": {"type": "plain_text", "text": f"Deny change {change_id}"},
        "submit": {"type": "plain_text", "text": "Deny"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [{
            "type": "input", "block_id": "reason",
            "label": {"type": "plain_text", "text": "Why? The requester will see this."},
            "element": {"type": "plain_text_input", "action_id": "text", "multiline": True, "max_length": 500},
        }],
    }
