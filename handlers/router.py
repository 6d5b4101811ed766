"""One entry point for every chat surface: text from a user in, a reply out."""

from __future__ import annotations

from handlers import approve, ask, change, check, help, history
from handlers import grammar as g
from handlers.context import ChatContext
from handlers.reply import Reply

MAX_USER_ID = 64  # the width of the user columns (changes.requester, approver; audit actor)


def handle_text(text: str, ctx: ChatContext) -> Reply:
    if len(ctx.user) > MAX_USER_ID:
        return Reply(f"your user id is {len(ctx.user):,} characters long; Oakley records user ids of up to "
                     f"{MAX_USER_ID} characters, so it cannot act for you", ephemeral=True)
    cmd = g.parse(text)
    match cmd:
        case g.Ask():
            return ask.handle(cmd, ctx)
        case g.Check():
            return check.handle(cmd, ctx)
        case g.SetValue():
            return change.handle_set(cmd, ctx)
        case g.Revert():
            return change.handle_revert(cmd, ctx)
        case g.Cancel():
            return change.handle_cancel(cmd, ctx)
        case g.ShowChange():
            return change.handle_show(cmd, ctx)
        case g.Approve():
            return approve.handle_approve(cmd, ctx)
        case g.Deny():
            return approve.handle_deny(cmd, ctx)
        case g.Reconcile():
            return approve.handle_reconcile(cmd, ctx)
        case g.History():
            return history.handle(cmd, ctx)
        case g.WhoAmI():
            return help.handle_whoami(ctx)
        case g.Invalid():
            return Reply(cmd.message, ephemeral=True)
        case _:
            return help.handle_help(ctx)
