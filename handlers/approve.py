"""`approve N [acknowledge] [now]`, `deny N [REASON]` (from text or buttons) and `reconcile N`."""

from __future__ import annotations

from bot.workflow import WorkflowError
from handlers import format as fmt
from handlers.change import refused
from handlers.context import ChatContext
from handlers.grammar import Approve, Deny, Reconcile
from handlers.progress import fleet_progress
from handlers.reply import Progress, Reply


def handle_approve(cmd: Approve, ctx: ChatContext) -> Reply:
    workflow = ctx.services.workflow
    try:
        group = workflow.approve(ctx.user, cmd.change_id, acknowledge=cmd.acknowledge, now=cmd.now)
    except WorkflowError as exc:
        return refused(exc, ctx.lang)
    gid = group[0].group_id
    lang = ctx.lang
    if group[0].status == "scheduled":  # outside the change windows: the sweep runs it when one opens
        return Reply(fmt.decision_text(group, lang), change_id=gid, kind="decision")

    def run(progress: Progress) -> Reply:
        finished = workflow.execute(gid or cmd.change_id, progress=fleet_progress(progress, f"change {gid}"))
        return Reply(fmt.outcome_text(finished, lang), change_id=gid, kind="outcome")

    going = " — exécution en cours…" if lang == "fr" else " — executing now…"
    overrode = cmd.now and not workflow.windows.open_at(workflow.clock())
    if overrode:  # say who overrode the windows
        going = run_now_note(ctx.user, lang)
    return Reply(fmt.decision_text(group, lang) + going, change_id=gid, kind="decision", followup=run,
                 data={"run_now_by": ctx.user} if overrode else None)


def run_now_note(who: str, lang: str = "en") -> str:
    """How a reply says an admin ran a change outside the change windows (`who` as the surface shows people)."""
    return (f" — lancée maintenant par {who}, hors des fenêtres de modification…" if lang == "fr" else
            f" — run now by {who}, outside the change windows; executing…")


def handle_deny(cmd: Deny, ctx: ChatContext) -> Reply:
    try:
        group = ctx.services.workflow.deny(ctx.user, cmd.change_id, cmd.reason)
    except WorkflowError as exc:
        return refused(exc, ctx.lang)
    return Reply(fmt.decision_text(group, ctx.lang), change_id=group[0].group_id, kind="decision")


def handle_reconcile(cmd: Reconcile, ctx: ChatContext) -> Reply:
    """Read the host of a change whose outcome is unknown and settle it (approvers; audited)."""
    workflow = ctx.services.workflow
    try:
        workflow.reconcilable(ctx.user, cmd.change_id)  # refused at once, not after "Reading the host…"
    except WorkflowError as exc:
        return refused(exc, ctx.lang)

    def run(progress: Progress) -> Reply:
        try:
            group = workflow.reconcile(ctx.user, cmd.change_id)
        except WorkflowError as exc:
            return refused(exc, ctx.lang)
        return Reply(fmt.outcome_text(group, ctx.lang), change_id=group[0].group_id, kind="outcome")

    return Reply(f"Reading the host of change {cmd.change_id} to settle it…", followup=run)
