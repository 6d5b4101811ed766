"""What reading the host's own OS costs a check: requests and client time, first check and steady state.

A check with the OS remembered in `host_facts` (bot/hostfacts.py) against an
in-process lab over HTTP with NTLM message encryption:

* "no OS"        — `check_hosts` without facts (doctor, fleet_bench): NLBSFlags only;
* "first"        — the first check of each host: NLBSFlags + CurrentVersion + ProductName in one shell;
* "steady"       — the next checks (OS younger than OAKLEY_OS_MAX_AGE): NLBSFlags only, plus the
                   database lookups (one SELECT for `due`, one for the views).

Printed: HTTP requests per host (counted by the lab) and wall/CPU ms per fleet
check (this process; the lab shares the process and the cores, so compare
rows of one run, not absolute times).

Reproduce:  .venv/bin/python bench/hostos_bench.py [--hosts 50] [--rounds 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.checks import check_hosts  # noqa: E402
from bot.db.engine import make_engine, session_factory, upgrade  # noqa: E402
from bot.hostfacts import HostFacts  # noqa: E402
from kb.store import default_kb  # noqa: E402
from remote.inventory import load_inventory  # noqa: E402
from remote.lab import Lab, fleet_topology  # noqa: E402
from remote.winrm_client import Credentials  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    kb = default_kb()
    with tempfile.TemporaryDirectory() as tmp, Lab(fleet_topology(args.hosts), state_dir=Path(tmp) / "lab") as lab:
        hosts = list(load_inventory(lab.write_inventory(Path(tmp) / "inventory.yaml")).hosts.values())
        engine = make_engine(f"sqlite:///{tmp}/oakley.db")
        upgrade(engine)
        creds = Credentials(lab.username, lab.password)

        def run(facts: HostFacts | None) -> tuple[float, float, float]:
            requests = sum(h.requests for h in lab.hosts.values())
            wall, cpu = time.perf_counter(), time.process_time()
            results = check_hosts(kb, hosts, lambda h: creds, facts=facts, processes=1)
            assert all(r.ok for r in results)
            spent = sum(h.requests for h in lab.hosts.values()) - requests
            return spent / len(hosts), (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000

        rows: dict[str, list[tuple[float, float, float]]] = {"no OS": [], "first": [], "steady": []}
        for _ in range(args.rounds):
            rows["no OS"].append(run(None))
            facts = HostFacts(session_factory(engine), timedelta(hours=24))
            with engine.begin() as conn:
                conn.exec_driver_sql("DELETE FROM host_facts")
            rows["first"].append(run(facts))
            rows["steady"].append(run(facts))
        engine.dispose()
    print(f"{args.hosts} hosts, {args.rounds} rounds, median of each (HTTP + NTLM sealing, in-process lab)")
    print(f"{'check':8} {'requests/host':>14} {'wall ms':>9} {'client CPU ms':>14}")
    for name, values in rows.items():
        values.sort(key=lambda v: v[1])
        req, wall, cpu = values[len(values) // 2]
        print(f"{name:8} {req:14.1f} {wall:9.0f} {cpu:14.0f}")


if __name__ == "__main__":
    main()
