"""Run simulated Windows hosts that speak WinRM, until stopped (Ctrl-C).

The default lab mirrors KB 821839: two Windows Server 2003 front-ends, a
Windows 2000 front-end, two back-end cluster nodes and a domain controller.
It writes an Ansible inventory for them and prints the credentials as
`OAKLEY_WINRM_USERNAME=…` and `OAKLEY_WINRM_PASSWORD=…` lines to export.
Registry values are kept in the state directory across restarts.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from pathlib import Path

from bot.cli.errors import UsageError


def _default_state_dir() -> Path:
    from bot.paths import state_dir

    return state_dir("lab")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--hosts", type=int, metavar="N", help="a fleet of N Windows Server 2003 front-ends "
                        "instead of the article's six hosts")
    parser.add_argument("--latency", type=float, default=0.0, metavar="SECONDS",
                        help="delay added to every request of every host")
    parser.add_argument("--inventory-out", metavar="PATH",
                        help="where to write the inventory (default: STATE_DIR/inventory.yaml)")
    parser.add_argument("--tls", action="store_true", help="listen with HTTPS (self-signed, trusted via "
                        "ansible_winrm_ca_trust_path) instead of HTTP with message encryption")
    parser.add_argument("--state-dir", metavar="DIR",
                        help=f"where registries persist (default: {_default_state_dir()})")


def run(args: argparse.Namespace) -> int:
    from remote.lab import Lab, default_topology, fleet_topology

    if args.hosts is not None and not 1 <= args.hosts <= 2000:
        raise UsageError("--hosts must be between 1 and 2000")
    if args.latency < 0:
        raise UsageError("--latency must not be negative")
    state_dir = Path(args.state_dir) if args.state_dir else _default_state_dir()
    specs = fleet_topology(args.hosts) if args.hosts else default_topology()
    lab = Lab(specs, latency=args.latency, tls=args.tls, state_dir=state_dir,
              username=os.environ.get("OAKLEY_LAB_USERNAME") or "oakley-lab")
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    try:
        lab.start()
    except OSError as exc:
        raise UsageError(f"the lab could not start: {exc}") from None
    try:
        inventory = lab.write_inventory(args.inventory_out or state_dir / "inventory.yaml")
        shown = list(lab.hosts.values())[:20]
        for h in shown:
            print(f"{h.name:8} {h.os:13} {h.role:18} {h.endpoint}")
        if len(lab.hosts) > len(shown):
            print(f"… and {len(lab.hosts) - len(shown)} more")
        print(f"inventory: {inventory}")
        print(f"OAKLEY_INVENTORY={inventory}")
        print(f"OAKLEY_WINRM_USERNAME={lab.username}")
        print(f"OAKLEY_WINRM_PASSWORD={lab.password}")
        print("lab running; Ctrl-C stops it", file=sys.stderr)
        sys.stdout.flush()
        stop.wait()
    finally:
        lab.stop()
        requests = sum(h.requests for h in lab.hosts.values())
        sealed = sum(h.sealed_messages for h in lab.hosts.values())
        print(f"served {requests} HTTP requests ({sealed} sealed SOAP messages) on {len(lab.hosts)} hosts",
              file=sys.stderr)
    return 0
