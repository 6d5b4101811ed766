"""Requesting changes: `set nlbsflags N on TARGET because …`, `revert N`, `cancel N`, `change N`."""

from __future__ import annotations

from bot.workflow import WorkflowError
from handlers import format as fmt
from handlers.context import ChatContext
from handlers.grammar import Cancel, Revert, SetValue, ShowChange
from handlers.reply import Progress, Reply


def refused(exc: WorkflowError) -> Reply:
    return Reply(f"Refused: {exc.message}", ephemeral=exc.kind in ("permission", "invalid", "not_found"))


def handle_set(cmd: SetValue, ctx: ChatContext) -> Reply:
    workflow = ctx.services.workflow
    if not ctx.services.roles.can_request(ctx.user):
        return refused(WorkflowError(f"requesting a change needs the requester role, which {ctx.user} does "
                                     "not have", "permission"))

    def run(progress: Progress) -> Reply:
        try:
            group = workflow.request(ctx.user, cmd.targets, cmd.value, cmd.reason, channel=ctx.channel)
        except WorkflowError as exc:
            return refused(exc)
        return Reply(fmt.request_text(group), change_id=group[0].group_id, kind="approval")

    shown = "removal of NLBSFlags" if cmd.value is None else f"NLBSFlags = {cmd.value}"
    return Reply(f"Reading the current value before requesting {shown} on {', '.join(cmd.targets)}…", followup=run)


def handle_revert(cmd: Revert, ctx: ChatContext) -> Reply:
    workflow = ctx.services.workflow

    def run(progress: Progress) -> Reply:
        try:
            group = workflow.revert(ctx.user, cmd.change_id, cmd.reason, channel=ctx.channel)
        except WorkflowError as exc:
            return refused(exc)
        return Reply(fmt.request_text(group), change_id=group[0].group_id, kind="approval")

    if not ctx.services.roles.can_request(ctx.user):
        return refused(WorkflowError(f"requesting a change needs the requester role, which {ctx.user} does "
                                     "not have", "permission"))
    return Reply(f"Preparing the revert of change {cmd.change_id}…", followup=run)


def handle_cancel(cmd: Cancel, ctx: ChatContext) -> Reply:
    try:
        group = ctx.services.workflow.cancel(ctx.user, cmd.change_id)
    except WorkflowError as exc:
        return refused(exc)
    return Reply(fmt.decision_text(group), change_id=group[0].group_id, kind="decision")


def handle_show(cmd: ShowChange, ctx: ChatContext) -> Reply:
    try:
        group = ctx.services.workflow.group(cmd.change_id)
    except WorkflowError as exc:
        return refused(exc)
    return Reply(fmt.change_details(group))
