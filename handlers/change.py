"""Requesting changes: `set nlbsflags N on TARGET because …`, `revert N`, `cancel N`, `change N`."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.db.models import Change
from bot.workflow import WorkflowError
from handlers import format as fmt
from handlers import names
from handlers import reason as reasons
from handlers.context import ChatContext
from handlers.grammar import Cancel, Revert, SetValue, ShowChange
from handlers.reply import Progress, Reply

#: The workflow's role refusals ("denying needs the approver role, which alice does not have"), said in French.
_ROLE_REFUSAL = re.compile(r"^(.{1,120}?) needs the (\w{1,20}) role, which (.{1,200}) does not have$", re.S)
_ACTS_FR = {"approving": "approuver", "denying": "refuser", "reconciling": "réconcilier",
            "requesting a change": "demander un changement",
            "running a scheduled change now": "exécuter maintenant un changement planifié",
            "running a change now, outside the change windows": "exécuter un changement maintenant, hors des "
                                                                  "fenêtres de changement"}
_ROLES_FR = {"approver": "approbateur", "requester": "demandeur", "admin": "administrateur"}


def refused(exc: WorkflowError, lang: str = "en") -> Reply:
    prefix = "Refusé :" if lang == "fr" else "Refused:"
    message = exc.message
    if lang == "fr" and (m := _ROLE_REFUSAL.match(message)) and m.group(1) in _ACTS_FR:
        message = f"il faut le rôle {_ROLES_FR.get(m.group(2), m.group(2))} pour {_ACTS_FR[m.group(1)]}, et " \
                  f"{m.group(3)} ne l'a pas"
    return Reply(f"{prefix} {message}", ephemeral=exc.kind in ("permission", "invalid", "not_found", "rate",
                                                                "duplicate"))


def unknown_targets(resolved: names.Resolved, lang: str = "en") -> str:
    parts = []
    for name in resolved.unknown[:5]:
        guess = resolved.suggestions.get(name) or []
        if lang == "fr":
            parts.append(f"Aucun hôte ni groupe nommé `{name}`" + (f". Vouliez-vous dire {_or(guess, 'ou')} ?"
                                                                    if guess else "."))
        else:
            parts.append(f"No host or group named `{name}`" + (f". Did you mean {_or(guess, 'or')}?"
                                                                 if guess else "."))
    return " ".join(parts)


def _or(words: Sequence[str], joiner: str) -> str:
    shown = [f"`{w}`" for w in words]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + f" {joiner} {shown[-1]}"


def _request(ctx: ChatContext, announce: str, make: Callable[[], list[Change]]) -> Reply:
    """Refuse at once without the role; otherwise read the hosts after the acknowledgement."""
    try:
        ctx.services.workflow.require_requester(ctx.user)
    except WorkflowError as exc:
        return refused(exc, ctx.lang)
    lang = ctx.lang

    def run(progress: Progress) -> Reply:
        try:
            group = make()
        except WorkflowError as exc:
            return refused(exc, lang)
        return Reply(fmt.request_text(group), change_id=group[0].group_id, kind="approval")

    return Reply(announce, followup=run)


def _reason_problem(reason: str, ctx: ChatContext) -> Reply | None:
    problem = reasons.problem(reason, ctx.services.settings.reason_pattern, ctx.lang)
    return Reply(problem, ephemeral=True) if problem else None


def _role_problem(ctx: ChatContext) -> Reply | None:
    try:
        ctx.services.workflow.require_requester(ctx.user)
    except WorkflowError as exc:
        return refused(exc, ctx.lang)
    return None


def handle_set(cmd: SetValue, ctx: ChatContext) -> Reply:
    no_role = _role_problem(ctx)
    if no_role:
        return no_role
    resolved = names.resolve(ctx.services.inventory, cmd.targets)
    if resolved.unknown:
        return Reply(unknown_targets(resolved, ctx.lang), ephemeral=True)
    missing = _reason_problem(cmd.reason, ctx)
    if missing:
        return missing
    targets = resolved.names
    if ctx.lang == "fr":
        shown = "la suppression de NLBSFlags" if cmd.value is None else f"NLBSFlags = {cmd.value}"
        announce = f"Lecture de la valeur actuelle avant de demander {shown} sur {', '.join(targets)}…"
    else:
        shown = "removal of NLBSFlags" if cmd.value is None else f"NLBSFlags = {cmd.value}"
        announce = f"Reading the current value before requesting {shown} on {', '.join(targets)}…"
    return _request(ctx, announce, lambda: ctx.services.workflow.request(ctx.user, targets, cmd.value, cmd.reason,
                                                                         channel=ctx.channel))


def handle_revert(cmd: Revert, ctx: ChatContext) -> Reply:
    missing = _role_problem(ctx)
    if missing:
        return missing
    missing = _reason_problem(cmd.reason, ctx)
    if missing:
        return missing
    try:
        ctx.services.workflow.revertible(cmd.change_id)  # refused at once, not after "Preparing…"
    except WorkflowError as exc:
        return refused(exc, ctx.lang)
    announce = (f"Préparation du rétablissement de la modification {cmd.change_id}…" if ctx.lang == "fr"
                else f"Preparing the revert of change {cmd.change_id}…")
    return _request(ctx, announce,
                    lambda: ctx.services.workflow.revert(ctx.user, cmd.change_id, cmd.reason, channel=ctx.channel))


def handle_cancel(cmd: Cancel, ctx: ChatContext) -> Reply:
    try:
        group = ctx.services.workflow.cancel(ctx.user, cmd.change_id)
    except WorkflowError as exc:
        return refused(exc, ctx.lang)
    return Reply(fmt.decision_text(group, ctx.lang), change_id=group[0].group_id, kind="decision")


def handle_show(cmd: ShowChange, ctx: ChatContext) -> Reply:
    try:
        group = ctx.services.workflow.group(cmd.change_id)
    except WorkflowError as exc:
        return refused(exc, ctx.lang)
    return Reply(fmt.change_details(group))
