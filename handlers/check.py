"""`check TARGET…`: read NLBSFlags on hosts and say what the article makes of it."""

from __future__ import annotations

from bot.checks import CheckResult, check_hosts
from handlers.context import ChatContext
from handlers.grammar import Check
from handlers.progress import fleet_progress
from handlers.reply import Progress, Reply
from remote.errors import InventoryError


def summary(results: list[CheckResult]) -> str:
    lines = []
    for r in results:
        if r.error is not None:
            lines.append(f"• {r.host.name}: error ({r.error.kind}) — {r.error.message}")
        elif r.verdict is not None:
            mark = {True: "✓", False: "✗", None: "·"}[r.verdict.compliant]
            lines.append(f"• {mark} {r.host.name}: {r.verdict.note}")
    compliant = sum(1 for r in results if r.verdict and r.verdict.compliant)
    judged = sum(1 for r in results if r.verdict and r.verdict.compliant is not None)
    failed = sum(1 for r in results if r.error)
    head = f"Checked {len(results)} host(s): {compliant}/{judged} front-ends as KB 821839 recommends"
    return head + (f", {failed} unreachable or failed" if failed else "") + "\n" + "\n".join(lines)


def handle(cmd: Check, ctx: ChatContext) -> Reply:
    try:
        hosts = ctx.services.inventory.resolve(cmd.targets)
    except InventoryError as exc:
        return Reply(str(exc).split(": ", 1)[-1], ephemeral=True)
    services = ctx.services

    def run(progress: Progress) -> Reply:
        results = check_hosts(services.kb, hosts, services.credentials,
                              concurrency=services.settings.fleet_concurrency,
                              progress=fleet_progress(progress, "check"))
        return Reply(summary(results), data={"results": [r.to_json() for r in results]})

    return Reply(f"Checking NLBSFlags on {len(hosts)} host(s)…", followup=run)
