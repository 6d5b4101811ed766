"""Chat with Oakley in the terminal, through the same handlers as Slack.

Reads stdin, so `oakley console < script.txt` runs a script; `/as USER`
switches user. With no OAKLEY_INVENTORY it starts the lab itself, and with
no roles configured alice may request and bob may approve. The lab's
registries are kept per database: a database with no changes yet (a fresh
clone, or after `rm oakley.db`) starts the lab afresh.
"""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="user", default="alice", metavar="USER", help="who is speaking (default: alice)")
    parser.add_argument("--inventory", metavar="PATH", help="Ansible inventory (default: $OAKLEY_INVENTORY, "
                        "else the lab)")


def run(args: argparse.Namespace) -> int:
    from bot.cli.common import open_services
    from bot.console import Console
    from bot.services import CONSOLE_ROLES, settle_heap

    services = open_services(getattr(args, "inventory", None), use_lab=True, default_roles=CONSOLE_ROLES)
    settle_heap()
    try:
        if services.lab is not None:
            print(f"(console on the lab: {len(services.lab.hosts)} simulated hosts, registries in "
                  f"{services.lab.state_dir}; database {services.engine.url.render_as_string(hide_password=True)}"
                  " — a new database starts a fresh lab)", file=sys.stderr)
        for cid in services.recovered:
            print(f"(change {cid} was interrupted by a crash and is now `unknown`: check its host)", file=sys.stderr)
        return Console(services, getattr(args, "user", "alice")).run()
    except KeyboardInterrupt:
        return 130
    finally:
        services.close()

