"""One entry point for every chat surface: text from a user in, a reply out.

The person's language is detected as `ask` does it (French or English) and
carried in the context, so help, refusals and change messages answer in it.
French command words are mapped to the grammar's before parsing.
"""

from __future__ import annotations

from dataclasses import replace

from handlers import approve, ask, change, check, french, help, history, names
from handlers import grammar as g
from handlers.context import ChatContext
from handlers.reply import Reply
from kb.lang import detect
from kb.text import tokenize


def language(text: str, ctx: ChatContext) -> str:
    if french.is_french_command(text):
        return "fr"
    return detect(text, tokenize(text), ctx.services.kb.questions.markers)


MAX_USER_ID = 64  # the width of the user columns (changes.requester, approver; audit actor)


def handle_text(text: str, ctx: ChatContext) -> Reply:
    if len(ctx.user) > MAX_USER_ID:
        return Reply(f"your user id is {len(ctx.user):,} characters long; Oakley records user ids of up to "
                     f"{MAX_USER_ID} characters, so it cannot act for you", ephemeral=True)
    text = text or ""
    if len(text) > g.MAX_TEXT:  # refused whole with a clear reply, never cut and read as something else
        too_long = g.parse(text)
        assert isinstance(too_long, g.Invalid)
        return Reply(too_long.message, ephemeral=True)
    ctx = replace(ctx, lang=language(text, ctx))
    cmd = g.parse(french.to_grammar(text.strip()))
    match cmd:
        case g.Ask():
            reply = ask.handle(cmd, ctx)
            guess = names.command_suggestion(cmd.question.split()[0]) if cmd.question.split() else None
            if guess and reply.data and not reply.data["answer"].get("answered", True):
                rest = cmd.question.split(None, 1)[1:] or [""]
                fr = ctx.lang == "fr"
                return Reply((f"Je ne connais pas la commande `{cmd.question.split()[0]}`. Vouliez-vous dire "
                              if fr else f"I don't know the command `{cmd.question.split()[0]}`. Did you mean ")
                             + f"`{(guess + ' ' + rest[0]).strip()}`?" + (" (`aide` liste les commandes)" if fr
                                                                          else " (`help` lists the commands)"),
                             ephemeral=True)
            return reply
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
