"""`check TARGET…`: read NLBSFlags on hosts and say what the article makes of it.

The reply is a summary first (counts per state, then the hosts that need
attention); the per-host list follows for up to `FULL_LIST` hosts. Above
that the chat surface attaches the full table as a CSV file. A host whose
reported Windows differs from the inventory's, or whose OS could not be read
(the inventory's is used then), says so on its line.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

from bot.checks import CheckResult, check_hosts
from handlers import names
from handlers.change import unknown_targets
from handlers.context import ChatContext
from handlers.grammar import Check
from handlers.progress import fleet_progress
from handlers.reply import Progress, Reply

FULL_LIST = 50
ATTENTION = 20
CSV_FIELDS = ("host", "ok", "compliant", "present", "value", "type", "expected_unplanned_failover_s",
              "error_kind", "error_message", "os_reported", "os_inventory", "os_source", "os_mismatch")


def _os_note(r: CheckResult) -> str:
    note = r.os.note() if r.os is not None else None
    return f" ({note})" if note else ""


def _line(r: CheckResult) -> str:
    if r.error is not None:
        return f"• ✗ {r.host.name}: error ({r.error.kind}) — {r.error.message}"
    assert r.verdict is not None
    mark = {True: "✓", False: "✗", None: "·"}[r.verdict.compliant]
    return f"• {mark} {r.host.name}: {r.verdict.note}{_os_note(r)}"


def summary(results: list[CheckResult], lang: str = "en") -> str:
    fr = lang == "fr"
    compliant = sum(1 for r in results if r.verdict and r.verdict.compliant)
    wrong = [r for r in results if r.verdict and r.verdict.compliant is False]
    unjudged = sum(1 for r in results if r.error is None and (r.verdict is None or r.verdict.compliant is None))
    errors = Counter(r.error.kind for r in results if r.error is not None)
    if fr:
        head = (f"{len(results)} hôte(s) vérifié(s) : {compliant} conforme(s) au KB 821839, {len(wrong)} non "
                f"conforme(s), {unjudged} sans recommandation (pas des serveurs frontaux 2003)")
    else:
        head = (f"Checked {len(results)} host(s): {compliant} as KB 821839 recommends, {len(wrong)} not, "
                f"{unjudged} without a recommendation (not 2003 front-ends)")
    if errors:
        head += (", erreurs : " if fr else ", errors: ") + ", ".join(f"{n} {k}" for k, n in errors.most_common())
    mismatched = [r for r in results if r.os is not None and r.os.mismatch]
    if mismatched:
        head += (f", {len(mismatched)} OS différent(s) de l'inventaire" if fr
                 else f", {len(mismatched)} running another OS than the inventory says")
    lines = [head]
    attention = wrong + [r for r in results if r.error is not None] + [r for r in mismatched if r not in wrong]
    if len(results) > FULL_LIST:
        if attention:
            lines.append("*À examiner :*" if fr else "*Needs attention:*")
            lines += [_line(r) for r in attention[:ATTENTION]]
            if len(attention) > ATTENTION:
                lines.append(f"…et {len(attention) - ATTENTION} de plus" if fr
                             else f"…and {len(attention) - ATTENTION} more")
        lines.append("Le tableau complet est joint (CSV)." if fr else "The full table is attached as a CSV file.")
    else:
        lines += [_line(r) for r in results]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text  # no formulas in a spreadsheet


def results_csv(rows: list[dict[str, Any]]) -> str:
    """The `check --json` rows as CSV, one line per host."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for row in rows:
        error = row.get("error") or {}
        os = row.get("os") or {}
        writer.writerow([_cell(row.get(k)) for k in CSV_FIELDS[:7]]
                        + [_cell(error.get("kind")), _cell(error.get("message"))]
                        + [_cell(os.get(k)) for k in ("reported", "inventory", "source", "mismatch")])
    return out.getvalue()


def handle(cmd: Check, ctx: ChatContext) -> Reply:
    resolved = names.resolve(ctx.services.inventory, cmd.targets)
    if resolved.unknown:
        return Reply(unknown_targets(resolved, ctx.lang), ephemeral=True)
    hosts = ctx.services.inventory.resolve(resolved.names)
    services = ctx.services
    lang = ctx.lang

    def run(progress: Progress) -> Reply:
        results = check_hosts(services.kb, hosts, services.credentials,
                              concurrency=services.settings.fleet_concurrency, facts=services.host_facts,
                              progress=fleet_progress(progress, "vérification" if lang == "fr" else "check"))
        return Reply(summary(results, lang), data={"results": [r.to_json() for r in results]})

    return Reply((f"Lecture de NLBSFlags sur {len(hosts)} hôte(s)…" if lang == "fr"
                  else f"Checking NLBSFlags on {len(hosts)} host(s)…"), followup=run)
