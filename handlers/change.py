"""Requesting changes: `set nlbsflags N on TARGET because …`, `revert N`, `cancel N`, `change N`."""

from __future__ import annotations

from collections.abc import Callable

from bot.db.models import Change
from bot.workflow import WorkflowError
from handlers import format as fmt
from handlers.context import ChatContext
from handlers.grammar import Cancel, Revert, SetValue, ShowChange
from handlers.reply import Progress, Reply


def refused(exc: WorkflowError) -> Reply:
    return Reply(f"Refused: {exc.message}", ephemeral=exc.kind in ("permission", "invalid", "not_found", "rate",
                                                                          "duplicate"))


def _request(ctx: ChatContext, announce: str, make: Callable[[], list[Change]]) -> Reply:
    """Refuse at once without the role; otherwise read the hosts after the acknowledgement."""
    try:
        ctx.services.workflow.require_requester(ctx.user)
    except WorkflowError as exc:
        return refused(exc)

    def run(progress: Progress) -> Reply:
        try:
            group = make()
        except WorkflowError as exc:
            return refused(exc)
        return Reply(fmt.request_text(group), change_id=group[0].group_id, kind="approval")

    return Reply(announce, followup=run)


def handle_set(cmd: SetValue, ctx: ChatContext) -> Reply:
    shown = "removal of NLBSFlags" if cmd.value is None else f"NLBSFlags = {cmd.value}"
    return _request(ctx, f"Reading the current value before requesting {shown} on {', '.join(cmd.targets)}…",
                    lambda: ctx.services.workflow.request(ctx.user, cmd.targets, cmd.value, cmd.reason,
                                                          channel=ctx.channel))


def handle_revert(cmd: Revert, ctx: ChatContext) -> Reply:
    return _request(ctx, f"Preparing the revert of change {cmd.change_id}…",
                    lambda: ctx.services.workflow.revert(ctx.user, cmd.change_id, cmd.reason, channel=ctx.channel))


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
