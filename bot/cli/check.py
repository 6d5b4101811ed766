"""Read NLBSFlags on hosts of the inventory and say what KB 821839 makes of it.

TARGET is a host, a group, or `all`. Credentials come from the environment:
OAKLEY_WINRM_USERNAME / OAKLEY_WINRM_PASSWORD, or the variable a host names
in `oakley_password_env`. Ends with "read N of M hosts" on stderr. Exit
status 1 when any host could not be read, 2 when a host has no credentials
configured (that is the configuration to fix, not the host).

The OS each host reports is remembered in the configured database
(OAKLEY_DATABASE_URL, host_facts) and read again when older than
OAKLEY_OS_MAX_AGE; when the database cannot be used the check still runs,
reading the OS every time, and says so on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from bot.cli.errors import UsageError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bot.checks import CheckResult, CredentialSource
    from bot.hostfacts import HostFacts
    from bot.settings import Settings
    from remote.inventory import Host


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("targets", nargs="+", metavar="TARGET", help="host, group or 'all'")
    parser.add_argument("--json", action="store_true", help="print a JSON list (inventory order)")
    parser.add_argument("--inventory", metavar="PATH",
                        help="Ansible inventory, YAML or INI (default: $OAKLEY_INVENTORY)")
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
    credentials = credentials_from_env(conf.winrm_username, password)
    _require_credentials(hosts, credentials)
    facts, engine = host_facts(conf)
    try:
        results = check_hosts(
            default_kb(), hosts, credentials,
            concurrency=conf.fleet_concurrency,
            timeouts=Timeouts(operation=20, read=30, deadline=args.timeout),
            progress=fleet_progress("done with", len(hosts)),
            facts=facts,
        )
    finally:
        if engine is not None:
            engine.dispose()
    if args.json:
        json.dump([r.to_json() for r in results], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        _table(results)
    sys.stdout.flush()
    print(summary(results), file=sys.stderr)
    return 0 if all(r.ok for r in results) else 1


def host_facts(conf: Settings) -> tuple[HostFacts, Engine | None]:
    """The OS cache on the configured database; in memory (with a warning) when that cannot be used."""
    from bot.db.engine import session_factory
    from bot.hostfacts import HostFacts
    from bot.services import ConfigError, host_facts_max_age, prepare_database

    try:
        max_age = host_facts_max_age(conf)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    try:
        engine = prepare_database(conf.database_url)
    except ConfigError as exc:
        print(f"oakley check: {exc} — the hosts' OS is read at this check and not remembered", file=sys.stderr)
        return HostFacts(None, max_age), None
    return HostFacts(session_factory(engine), max_age), engine


def _require_credentials(hosts: list[Host], credentials: CredentialSource) -> None:
    """A host without a user or password is a configuration error (exit 2), found before any connection."""
    from remote.errors import MissingCredentials

    missing: list[str] = []
    for host in hosts:
        try:
            credentials(host)
        except MissingCredentials as exc:
            missing.append(exc.message)
    if missing:
        more = f" (and {len(missing) - 1} more host{'s' if len(missing) > 2 else ''})" if len(missing) > 1 else ""
        raise UsageError(missing[0] + more)


def summary(results: list[CheckResult]) -> str:
    """`read 5 of 6 hosts; 1 unreachable` — what was actually read, not what was attempted."""
    read = sum(r.ok for r in results)
    kinds: dict[str, int] = {}
    for r in results:
        if r.error is not None:
            kinds[r.error.kind] = kinds.get(r.error.kind, 0) + 1
    failed = "".join(f"; {n} {kind.replace('_', ' ')}" for kind, n in kinds.items())
    return f"read {read} of {len(results)} host{'s' if len(results) != 1 else ''}{failed}"


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
            extra = r.os.note() if r.os is not None else None
            note = f"{note} ({extra})" if extra else note
        os_cell = r.os.cell() if r.os is not None else (r.host.os or "?")
        rows.append((r.host.name, r.host.role or "?", os_cell, value, compliant, note))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:5])) + "  " + row[5])
