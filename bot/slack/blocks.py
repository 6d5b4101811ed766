"""Block Kit for Oakley's messages and App Home, within Slack's limits.

Limits: 50 blocks a message, 100 on Home, 3000 characters in a section's
text, 150 in a header or button confirm title. Every payload here parses
with `slack_sdk.models.blocks` (the tests check).

Text typed by people (reasons, deny reasons, host names) is escaped where it
is placed (`esc`); times are Slack date tokens, shown in each reader's zone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bot.db.models import Change, FleetSnapshot
from bot.workflow import describe
from handlers import format as fmt
from handlers.slacktext import date, escape

MAX_TEXT = 3000
MAX_MESSAGE_BLOCKS = 50
MAX_HOME_BLOCKS = 100
esc = escape


def clip(text: str, limit: int = MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def split_lines(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Chunks of at most `limit` characters, cut at line ends (or spaces in a very long line), never mid-word
    unless a single word is longer than `limit`; never inside an `&amp;`-style entity."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            if cut <= 0:
                cut = limit
                amp = line.rfind("&", max(0, cut - 5), cut)
                if amp > 0 and ";" not in line[amp:cut]:
                    cut = amp
            head, line = line[:cut], line[cut:].lstrip(" ")
            if current:
                chunks.append(current)
                current = ""
            chunks.append(head)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit and current:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current or not chunks:
        chunks.append(current)
    return chunks


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text) or " "}}


def context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text)}]}


def header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": {"type": "plain_text", "text": clip(text, 150)}}


def text_message(text: str, citation: str | None = None) -> list[dict[str, Any]]:
    """A reply (already mrkdwn-safe): its text, and a small context line citing the article when there is one."""
    chunks = split_lines(text)[: MAX_MESSAGE_BLOCKS - 1] or [" "]
    blocks = [section(c) for c in chunks]
    if citation:
        blocks.append(context(citation))
    return blocks


def _hosts(group: Sequence[Change], limit: int = 20) -> str:
    lines = [f"• *{esc(c.host)}*: {fmt.value_change(c)}" for c in group[:limit]]
    if len(group) > limit:
        lines.append(f"…and {len(group) - limit} more hosts")
    return "\n".join(lines)


def action_words(group: Sequence[Change]) -> str:
    """What approving does, in a few words: set, delete or revert, on how many hosts."""
    first = group[0]
    where = esc(first.host) if len(group) == 1 else f"{len(group)} hosts"
    if first.reverts:
        verb = f"Revert change {first.reverts}: " + (f"set {first.value_name} back to {first.target_value}"
                                                      if first.action == "set" else f"delete {first.value_name}")
    elif first.action == "delete":
        verb = f"Delete {first.value_name}"
    else:
        verb = f"Set {first.value_name} to {first.target_value}"
    return f"{verb} on {where}"


def _summary(group: Sequence[Change]) -> list[dict[str, Any]]:
    first = group[0]
    blocks = [
        header(f"Change {first.group_id}: {action_words(group)}"),
        section(_hosts(group)),
        section(f"*Requested by* <@{esc(first.requester)}>"
                + (f"\n*Reason:* {esc(first.reason)}" if first.reason else "")
                + (f"\n*Reverts* change {first.reverts}" if first.reverts else "")),
        context(f"KB 821839: {esc(first.kb_summary)}"),
    ]
    warnings = [f"{esc(c.host)}: {esc(c.outside_guidance)}" for c in group if c.outside_guidance]
    if warnings:
        blocks.append(section(":warning: *Outside the article's guidance* — approving acknowledges this:\n"
                              + "\n".join(f"• {w}" for w in warnings[:10])))
    return blocks


def approval_message(group: Sequence[Change]) -> list[dict[str, Any]]:
    """The request with its buttons; `value` of both is the change id."""
    first = group[0]
    gid = str(first.group_id)
    outside = [f"{c.host}: {c.outside_guidance}" for c in group if c.outside_guidance]
    confirm_text = f"{action_words(group)}, as requested by <@{esc(first.requester)}>."
    if outside:
        confirm_text += " This departs from KB 821839's guidance — " + esc("; ".join(outside)) + ". You acknowledge it."
    blocks = _summary(group)
    blocks.append(context(f"Expires {date(first.expires_at)} if nobody decides"))
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


_STATUS_FR = {"pending": "en attente", "approved": "approuvée", "executing": "en cours", "succeeded": "réussie",
              "failed": "échouée", "stale": "périmée", "denied": "refusée", "expired": "expirée",
              "cancelled": "annulée", "unknown": "inconnue", "scheduled": "planifiée", "halted": "interrompue"}


def decision_line(group: Sequence[Change], lang: str = "en") -> str:
    """The outcome in words that say who did what: an expiry is Oakley's, a denial names the denier."""
    first = group[0]
    when = f" {date(first.decided_at)}" if first.decided_at else ""
    statuses = sorted({c.status for c in group})
    if lang == "fr":
        state = "/".join(_STATUS_FR.get(s, s) for s in statuses).capitalize()
        if first.status == "expired":
            return f"*Expirée*{when} — aucun approbateur n'a décidé à temps ; redemandez-la si elle reste utile."
        if first.status == "cancelled":
            return f"*Annulée*{when} — retirée par <@{esc(first.decided_by or first.requester)}>."
        if first.status == "denied":
            reason = f" — {esc(first.decision_reason)}" if first.decision_reason else " — sans raison donnée"
            return f"*Refusée* par <@{esc(first.decided_by or first.approver or '?')}>{when}{reason}"
        if first.status == "scheduled" and first.scheduled_for:
            return (f"*Planifiée* — approuvée par <@{esc(first.approver or '?')}>{when} ; s'exécutera le "
                    f"{date(first.scheduled_for)}, à l'ouverture de la fenêtre de modification")
        return f"*{state}* — approuvée par <@{esc(first.approver or '?')}>{when}"
    state = "/".join(statuses).capitalize()
    if first.status == "expired":
        return f"*Expired*{when} — no approver decided in time; request it again if it is still needed."
    if first.status == "cancelled":
        return f"*Cancelled*{when} — withdrawn by <@{esc(first.decided_by or first.requester)}>."
    if first.status == "denied":
        reason = f" — {esc(first.decision_reason)}" if first.decision_reason else " — no reason given"
        return f"*Denied* by <@{esc(first.decided_by or first.approver or '?')}>{when}{reason}"
    if first.status == "scheduled" and first.scheduled_for:
        return (f"*Scheduled* — approved by <@{esc(first.approver or '?')}>{when}; runs {date(first.scheduled_for)}, "
                f"when the next change window opens (`cancel {first.group_id}` until then)")
    return f"*{state}* — approved by <@{esc(first.approver or '?')}>{when}"


def decided_message(group: Sequence[Change]) -> list[dict[str, Any]]:
    """The request after a decision: no buttons, the outcome, who, when, and per-host results."""
    blocks = _summary(group)
    blocks.append(section(decision_line(group)))
    finished = [c for c in group if c.status in ("succeeded", "failed", "stale", "unknown", "halted")]
    if finished:
        lines = [f"• {esc(c.host)}: {c.status}"
                 + (f" — now {esc(describe(c, 'after'))}" if c.status == "succeeded" else "")
                 + (f" — {esc(c.error)}" if c.error and c.status != "succeeded" else "") for c in finished[:30]]
        if len(finished) > 30:
            lines.append(f"…and {len(finished) - 30} more hosts")
        blocks.append(section("\n".join(lines)))
    return blocks[:MAX_MESSAGE_BLOCKS]


def status_message(group: Sequence[Change], where: str, lang: str = "en") -> list[dict[str, Any]]:
    """The requester's note, in their language: where the request went, then (updated) what became of it."""
    first = group[0]
    fr = lang == "fr"
    blocks = [section(f"*{'Modification' if fr else 'Change'} {first.group_id}*: {action_words(group)} — {where}")]
    if first.status == "pending":
        blocks.append(context(f"En attente d'approbation ; expire {date(first.expires_at)}. Dites "
                              f"`annuler {first.group_id}` pour la retirer." if fr else
                              f"Waiting for approval; expires {date(first.expires_at)}. "
                              f"Say `cancel {first.group_id}` to withdraw it."))
    else:
        blocks.append(section(decision_line(group, lang)))
        finished = [c for c in group if c.status in ("succeeded", "failed", "stale", "unknown", "halted")]
        if finished:
            blocks.append(section("\n".join(f"• {esc(c.host)}: {_STATUS_FR.get(c.status, c.status) if fr else c.status}"
                                            + (f" — {esc(c.error)}" if c.error else "") for c in finished[:30])))
    return blocks


def _state(state: dict[str, Any] | None) -> str:
    if state is None:
        return "-"
    return str(state["value"]) if state.get("present") else "absent"


def history_text(rows: Sequence[dict[str, Any]]) -> str:
    """History rows (the `history --json` shape) for Slack: people as mentions, times as Slack dates."""
    from datetime import datetime

    lines = []
    for r in rows:
        when = date(datetime.fromisoformat(r["requested_at"].replace("Z", "+00:00"))) if r.get("requested_at") else ""
        approver = (f", approved by <@{esc(r['approver'])}>" if r.get("approver") and r.get("status") != "denied"
                    else "")
        if r.get("status") == "observed":  # found by the drift watch: no person requested it
            lines.append(f"#{r['id']} {when} *{esc(r['host'])}* {esc(r['value_name'])}: changed outside Oakley: "
                         f"{_state(r.get('before'))} → {_state(r.get('after'))} [observed], seen by "
                         f"{esc(r['requester'])}")
            continue
        lines.append(f"#{r['id']} {when} *{esc(r['host'])}* {esc(r['value_name'])}: {_state(r.get('before'))} → "
                     f"{_state(r.get('after'))} [{r['status']}] by <@{esc(r['requester'])}>{approver}"
                     + (f" — “{esc(r['reason'])}”" if r.get("reason") else ""))
    return "\n".join(lines)


def compliance_text(snapshot: FleetSnapshot | None) -> str | None:
    """The App Home's fleet compliance: the newest snapshot in the database, whichever instance took it."""
    if snapshot is None:
        return None
    who = "the drift watch" if snapshot.source == "watch" else f"`check` by <@{esc(snapshot.actor)}>"
    return f"{esc(snapshot.summary)}\n_{who}, {date(snapshot.taken_at)}_"


def more_button(query: dict[str, Any]) -> dict[str, Any]:
    """The history's next page: the query rides in the button's value (at most 2000 characters)."""
    return {"type": "actions", "block_id": "history-more", "elements": [
        {"type": "button", "action_id": "history_more", "value": json.dumps(query)[:2000],
         "text": {"type": "plain_text", "text": "More"}}]}


def _recent_line(c: Change) -> str:
    head = f"• #{c.id} {date(c.requested_at, '%m-%d %H:%M UTC')} {esc(c.host)} — "
    if c.status == "observed":  # found by the drift watch: nobody to mention
        return head + esc(fmt.observed_text(c))
    return (head + f"{c.status} (<@{esc(c.requester)}>"
            + (f", approved by <@{esc(c.approver)}>" if c.approver and c.status != "denied" else "") + ")")


def home_view(user: str, roles: str, pending: Sequence[Sequence[Change]], mine: Sequence[Change],
              recent: Sequence[Change], compliance: str | None) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = [
        header("Oakley — IPSec between Exchange 2003 front-ends and back-ends"),
        context(f"You are <@{esc(user)}>: {esc(roles)}. Ask me about KB 821839 or type `help` in a DM."),
        {"type": "divider"},
        header("Waiting for your decision"),
    ]
    if not pending:
        blocks.append(section("Nothing waits for you."))
    for group in pending[:5]:
        blocks += approval_message(group)
    blocks.append(header("Your requests"))
    blocks.append(section("\n".join(f"• #{c.id} {esc(c.host)}: {fmt.value_change(c)} — {c.status}"
                                    for c in mine[:15]) or "None yet."))
    blocks.append(header("Recent changes"))
    blocks.append(section("\n".join(_recent_line(c) for c in recent[:15]) or "None yet."))
    blocks.append(header("Fleet compliance"))
    blocks.append(section(compliance or "No fleet check yet — say `check all`."))
    return {"type": "home", "blocks": blocks[:MAX_HOME_BLOCKS]}


def deny_modal(change_id: int, private_metadata: str) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": "deny_reason",
        "private_metadata": private_metadata[:3000],
        "title": {"type": "plain_text", "text": f"Deny change {change_id}"},
        "submit": {"type": "plain_text", "text": "Deny"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [{
            "type": "input", "block_id": "reason",
            "label": {"type": "plain_text", "text": "Why? The requester will see this."},
            "element": {"type": "plain_text_input", "action_id": "text", "multiline": True, "max_length": 500},
        }],
    }
