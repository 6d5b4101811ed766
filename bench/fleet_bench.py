"""How much faster a fleet check is with concurrency, and what it costs in memory.

Starts `oakley lab --hosts N --latency L` in its own process (so the lab's
work does not share this process's GIL), then checks NLBSFlags on every host
with concurrency 1 and with the default, and prints the wall times, their
ratio, the HTTP requests per check (the lab counts them), and the client's
peak Python memory for several fleet sizes.

Reproduce:  .venv/bin/python bench/fleet_bench.py            (200 hosts, 100 ms)
            .venv/bin/python bench/fleet_bench.py --hosts 50 --latency 0.05 --skip-serial
Target:     at least 10x faster than one-at-a-time; memory flat in the number of hosts.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.checks import check_hosts  # noqa: E402
from kb.store import default_kb  # noqa: E402
from remote.fleet import DEFAULT_CONCURRENCY  # noqa: E402
from remote.inventory import load_inventory  # noqa: E402
from remote.winrm_client import Credentials, Timeouts  # noqa: E402


def start_lab(hosts: int, latency: float, state: Path) -> tuple[subprocess.Popen[str], dict[str, str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "lab", "--hosts", str(hosts), "--latency", str(latency),
         "--state-dir", str(state)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    env: dict[str, str] = {}
    while "OAKLEY_WINRM_PASSWORD" not in env:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        if not line:
            raise SystemExit("the lab did not start")
        if line.startswith("OAKLEY_") and "=" in line:
            key, _, value = line.strip().partition("=")
            env[key] = value
    return proc, env


def timed_check(env: dict[str, str], names: list[str] | None, concurrency: int) -> tuple[float, int, int]:
    """Wall seconds, hosts read, and peak traced bytes for one check."""
    inventory = load_inventory(env["OAKLEY_INVENTORY"])
    hosts = inventory.resolve(names or ["all"])
    credentials = Credentials(env["OAKLEY_WINRM_USERNAME"], env["OAKLEY_WINRM_PASSWORD"])
    tracemalloc.start()
    start = time.perf_counter()
    results = check_hosts(default_kb(), hosts, lambda h: credentials, concurrency=concurrency,
                          timeouts=Timeouts(operation=20, read=30, deadline=120))
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    failed = [r for r in results if not r.ok]
    if failed:
        raise SystemExit(f"{len(failed)} hosts failed, e.g. {failed[0].error}")
    return elapsed, len(results), peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.1, help="seconds added to each request")
    parser.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY)
    parser.add_argument("--skip-serial", action="store_true", help="estimate concurrency 1 from 20 hosts")
    args = parser.parse_args()
    default_kb()
    with tempfile.TemporaryDirectory() as state:
        lab, env = start_lab(args.hosts, args.latency, Path(state))
        try:
            names = list(load_inventory(env["OAKLEY_INVENTORY"]).hosts)
            checks = 0
            _, k, _ = timed_check(env, names[:2], 2)  # warm-up
            checks += k
            fast, n, _ = timed_check(env, None, args.concurrency)
            checks += n
            if args.skip_serial:
                sample, k, _ = timed_check(env, names[:20], 1)
                serial, label = sample * n / k, f"{sample:.1f} s for {k} hosts, scaled"
            else:
                serial, k, _ = timed_check(env, None, 1)
                label = "measured"
            checks += k
            print(f"fleet: {n} hosts, {args.latency * 1000:.0f} ms added to every request")
            print(f"concurrency 1:  {serial:7.1f} s ({label})")
            print(f"concurrency {args.concurrency}: {fast:7.1f} s")
            print(f"speed-up: {serial / fast:.1f}x (target >= 10x)")
            for size in sorted({max(1, n // 4), max(1, n // 2), n}):
                _, k, peak = timed_check(env, names[:size], args.concurrency)
                checks += k
                print(f"peak client memory, {k:4d} hosts: {peak / 1024:8.0f} KiB ({peak / k / 1024:.1f} KiB per host)")
        finally:
            lab.terminate()
            _, err = lab.communicate(timeout=60)
    served = next((line for line in err.splitlines() if line.startswith("served ")), "")
    if served:
        requests = int(served.split()[1])
        print(f"HTTP requests per check: {requests / checks:.1f} ({requests} requests for {checks} checks, "
              "NTLM handshake included)")
    print(f"reproduce: python bench/fleet_bench.py --hosts {args.hosts} --latency {args.latency}")


if __name__ == "__main__":
    main()
