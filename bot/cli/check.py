"""Read NLBSFlags on hosts of the inventory and say what KB 821839 makes of it.

TARGET is a host, a group, or `all`. Credentials come from the environment:
OAKLEY_WINRM_USERNAME / OAKLEY_WINRM_PASSWORD, or the variable a host names
in `oakley_password_env`. Exit status 1 when any host could not be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from bot.cli.errors import UsageError

if TYPE_CHECKING:
    from bot.checks import CheckResult


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("targets", nargs="+", metavar="TARGET", help="host, group or 'all'")
    parser.add_argument("--json", action="store_true", help="print a JSON list (inventory order)")
    parser.add_argument("--inventory", metavar="PATH", help="Ansible YAML inventory (default: $OAKLEY_INVENTORY)")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                        help="give up on a host after this long (default: 60)")


def run(args: argparse.Namespace) -> int:
    from bot.checks import check_hosts, credentials_from_env
    from bot.cli.common import fleet_progress, inventory_from, resolve, settings
    from kb.store import default_kb
    from remote.winrm_client import Timeouts

    conf = settings()
    inventory = inventory_from(args.inventory, conf)
    hosts = resolve(inventory, args.targets)
    if args.timeout <= 0:
        raise UsageError("--timeout must be positive")
    password = conf.winrm_password.get_secret_value() if conf.winrm_password else None
    results = check_hosts(
        default_kb(), hosts, credentials_from_env(conf.winrm_username, password),
        concurrency=conf.fleet_concurrency,
        timeouts=Timeouts(operation=20, read=30, deadline=args.timeout),
        progress=fleet_progress("checked", len(hosts)),
    )
    if args.json:
        json.dump([r.to_json() for r in results], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        _table(results)
    return 0 if all(r.ok for r in results) else 1


def _table(results: list[CheckResult]) -> None:
    rows = [("HOST", "ROLE", "OS", "NLBSFLAGS", "COMPLIANT", "NOTE")]
    for r in results:
        value = "-" if r.read is None else ("absent" if not r.read.present else str(r.read.value))
        if r.error is not None:
            compliant, note = f"error: {r.error.kind}", r.error.message
        else:
            judged = r.verdict.compliant if r.verdict else None
            compliant = "-" if judged is None else ("yes" if judged else "NO")
            note = r.verdict.note if r.verdict else ""
        rows.append((r.host.name, r.host.role or "?", r.host.os or "?", value, compliant, note))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:5])) + "  " + row[5])
