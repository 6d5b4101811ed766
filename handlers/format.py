"""Plain-text renderings shared by the handlers (Slack mrkdwn reads them too)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.db.models import Change
from bot.workflow import describe, describe_target


def value_change(c: Change) -> str:
    """What was asked: the value read at request time → the requested one (with the type when it changes)."""
    after = describe_target(c)
    if c.before_present and c.before_type not in (None, "REG_DWORD") and c.action == "set" and not c.target_type:
        after += " (REG_DWORD)"
    return f"{describe(c, 'before')} → {after}"


def recorded_change(c: Change, arrow: str = "→") -> str:
    """What happened: before → the value read back (`-` until executed)."""
    after = describe(c, "after") if c.after_present is not None else "-"
    return f"{describe(c, 'before')} {arrow} {after}"


def observed_text(c: Change) -> str:
    """A row found by the drift watch: `changed outside Oakley: 1 → 0, seen by oakley-watch`."""
    return f"changed outside Oakley: {recorded_change(c)}, seen by {c.requester}"


def request_text(group: Sequence[Change]) -> str:
    first = group[0]
    lines = [f"Change {first.group_id}: {first.value_name} on {', '.join(c.host for c in group)}"]
    lines += [f"• {c.host}: {value_change(c)}" for c in group]
    lines.append(f"Requested by {first.requester}" + (f" — “{first.reason}”" if first.reason else ""))
    if first.reverts:
        lines.append(f"This reverts change {first.reverts}.")
    lines += [f"KB: {c.kb_summary}" for c in group[:3]]
    warnings = [c.outside_guidance if c.outside_guidance.startswith(f"{c.host} ") else  # "fe03 runs …": once
                f"{c.host}: {c.outside_guidance}" for c in group if c.outside_guidance]
    if warnings:
        lines.append("⚠ Outside the article's guidance (the approver must acknowledge): " + "; ".join(warnings))
    approve = f"approve {first.group_id}" + (" acknowledge" if warnings else "")
    lines.append(f"Expires {first.expires_at:%Y-%m-%d %H:%M} UTC. An approver can say `{approve}` "
                 f"or `deny {first.group_id} REASON`.")
    return "\n".join(lines)


_FR = {"succeeded": "réussie", "failed": "échouée", "stale": "périmée", "unknown": "inconnue", "approved": "approuvée",
       "executing": "en cours", "denied": "refusée", "expired": "expirée", "cancelled": "annulée",
       "pending": "en attente", "scheduled": "planifiée", "halted": "interrompue"}


def outcome_text(group: Sequence[Change], lang: str = "en") -> str:
    first = group[0]
    fr = lang == "fr"
    lines = [f"{'Modification' if fr else 'Change'} {first.group_id}:"]
    for c in group:
        status = _FR.get(c.status, c.status) if fr else c.status
        if c.status == "succeeded":
            now = describe(c, "after")
            lines.append(f"• {c.host}: réussie — {first.value_name} vaut maintenant {now} (relu)" if fr else
                         f"• {c.host}: succeeded — {first.value_name} now {now} (read back)")
        elif c.status in ("failed", "stale", "unknown", "halted"):
            lines.append(f"• {c.host}: {status} — {c.error}")
        else:
            lines.append(f"• {c.host}: {status}")
    return "\n".join(lines)


def decision_text(group: Sequence[Change], lang: str = "en") -> str:
    """Who decided and how, in words that match what happened (an expiry is Oakley's doing)."""
    first = group[0]
    gid = first.group_id
    who = first.decided_by or first.approver or first.requester  # approver: approvals only (issue 11)
    if lang == "fr":
        when = f" à {first.decided_at:%H:%M} UTC" if first.decided_at else ""
        if first.status == "expired":
            return f"Modification {gid} expirée{when} : aucun approbateur n'a décidé à temps."
        if first.status == "cancelled":
            return f"Modification {gid} annulée par {who}{when}."
        if first.status == "denied":
            extra = f" : {first.decision_reason}" if first.decision_reason else " (sans raison donnée)"
            return f"Modification {gid} refusée par {who}{when}{extra}"
        if first.status == "scheduled" and first.scheduled_for:
            at = f"{first.scheduled_for:%Y-%m-%d à %H:%M}"
            return (f"Modification {gid} approuvée par {who}{when}, planifiée pour le {at} UTC (prochaine fenêtre "
                    f"de modification) ; `annuler {gid}` la retire d'ici là")
        return f"Modification {gid} {_FR.get(first.status, first.status)} par {who}{when}"
    when = f" at {first.decided_at:%H:%M} UTC" if first.decided_at else ""
    if first.status == "expired":
        return f"Change {gid} expired{when}: no approver decided in time. Request it again if it is still needed."
    if first.status == "cancelled":
        return f"Change {gid} cancelled by {who}{when}."
    if first.status == "denied":
        extra = f": {first.decision_reason}" if first.decision_reason else " (no reason given)"
        return f"Change {gid} denied by {who}{when}{extra}"
    if first.status == "scheduled" and first.scheduled_for:
        return (f"Change {gid} approved by {who}{when}, scheduled for {first.scheduled_for:%Y-%m-%d %H:%M} UTC "
                f"(the next change window); `cancel {gid}` withdraws it until then, and an admin can say "
                f"`approve {gid} now`")
    if first.approver and first.status != "approved":  # executed since: say who approved, then what became of it
        return f"Change {gid} approved by {first.approver}{when}; {'/'.join(sorted({c.status for c in group}))}"
    return f"Change {gid} {first.status} by {who}{when}".rstrip()


def change_details(group: Sequence[Change]) -> str:
    if group[0].status == "observed":
        c = group[0]
        return (f"Change {c.id}: {c.value_name} on {c.host} {observed_text(c)} at {c.executed_at:%Y-%m-%d %H:%M} UTC"
                + (f"\nKB: {c.kb_summary}" if c.kb_summary else ""))
    lines = [request_text(group) if group[0].status == "pending" else decision_text(group)]
    if group[0].status not in ("pending", "denied", "cancelled", "expired", "scheduled"):
        lines.append(outcome_text(group))
    return "\n".join(lines)
