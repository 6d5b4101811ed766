"""`help` and `whoami`."""

from __future__ import annotations

from handlers.context import ChatContext
from handlers.reply import Reply

HELP = """Ask me about KB 821839 in English or French, e.g.
“how long does failover take on a 2003 front-end with NLBSFlags=1?”
Commands:
• check TARGET… — read NLBSFlags (TARGET: host, group or all)
• set nlbsflags 1 on TARGET because REASON — request a change (also: enable fast failover on fe01)
• delete nlbsflags on TARGET because REASON — request removing the value
• approve N [acknowledge] / deny N [REASON] / cancel N — decide on a request
• revert N — request restoring the value change N replaced
• reconcile N — read the host of a change whose outcome is unknown and settle it (approvers)
• change N — show a change;  history [HOST] [by USER] [since 7d] [change N]
• whoami — your user ID and roles"""


def handle_help(ctx: ChatContext) -> Reply:
    return Reply(HELP, ephemeral=True)


def handle_whoami(ctx: ChatContext) -> Reply:
    return Reply(f"You are {ctx.user}: {ctx.services.roles.describe(ctx.user)}.", ephemeral=True)
