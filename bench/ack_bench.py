"""Does Slack always get its acknowledgement in time, however slow the hosts are?

Runs `oakley serve` against a local Slack Web API and a lab of 200 hosts
where every command takes 5 seconds, sends 200 signed `/oakley check HOST`
requests from 20 concurrent clients, and prints the p50/p99 time to the HTTP
acknowledgement; then waits until every check has posted its result.

Reproduce:  .venv/bin/python bench/ack_bench.py [--requests 200 --clients 20 --seconds 5]
Target:     p99 under 300 ms, and every action completed.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from remote.lab import Lab, fleet_topology  # noqa: E402
from tests.bot.fake_slack import FakeSlack, signed  # noqa: E402

SECRET = "bench-signing-secret"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=5.0, help="how long every remote command takes")
    args = parser.parse_args()
    fake = FakeSlack()
    with tempfile.TemporaryDirectory() as tmp, Lab(fleet_topology(args.requests), state_dir=f"{tmp}/lab") as lab:
        for host in lab.hosts.values():
            host.faults.command_seconds = args.seconds
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = {**os.environ, "PYTHONPATH": str(ROOT), "SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_SIGNING_SECRET": SECRET,
               "OAKLEY_SLACK_API_URL": fake.url, "OAKLEY_INVENTORY": str(lab.write_inventory(f"{tmp}/inv.yaml")),
               "OAKLEY_WINRM_USERNAME": lab.username, "OAKLEY_WINRM_PASSWORD": lab.password,
               "OAKLEY_DATABASE_URL": f"sqlite:///{tmp}/oakley.db", "PORT": str(port)}
        proc = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1"], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    urllib.request.urlopen(url + "/healthz", timeout=1).read()
                    break
                except OSError:
                    time.sleep(0.1)
            names = list(lab.hosts)

            def one(i: int) -> float:
                body = urllib.parse.urlencode({"command": "/oakley", "text": f"check {names[i % len(names)]}",
                                               "user_id": f"U{i % 7}", "channel_id": "C1", "team_id": "T1",
                                               "trigger_id": "t", "response_url": fake.url + "r", "token": "x"})
                req = urllib.request.Request(url + "/slack/events", data=body.encode(), method="POST",
                                             headers={"Content-Type": "application/x-www-form-urlencoded",
                                                      **signed(SECRET, body)})
                start = time.perf_counter()
                with urllib.request.urlopen(req, timeout=30) as resp:
                    resp.read()
                    assert resp.status == 200
                return time.perf_counter() - start

            started = time.perf_counter()
            with ThreadPoolExecutor(args.clients) as pool:
                latencies = sorted(pool.map(one, range(args.requests)))
            deadline = time.monotonic() + 600
            while time.monotonic() < deadline:
                done = [a for a in fake.of("chat.postMessage") if a.get("text", "").startswith("Checked 1 host")]
                if len(done) >= args.requests:
                    break
                time.sleep(0.2)
            finished = time.perf_counter() - started
            p50 = statistics.median(latencies) * 1000
            p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
            print(f"{args.requests} signed requests from {args.clients} clients, every remote command taking "
                  f"{args.seconds:g} s")
            print(f"acknowledgement: p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {latencies[-1] * 1000:.1f} ms "
                  "(target p99 < 300 ms)")
            print(f"completed: {len(done)}/{args.requests} checks posted their result, "
                  f"all within {finished:.1f} s")
            print(json.dumps({"p50_ms": round(p50, 1), "p99_ms": round(p99, 1), "completed": len(done)}))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            fake.close()
    print(f"reproduce: python bench/ack_bench.py --requests {args.requests} --clients {args.clients} "
          f"--seconds {args.seconds:g}")


if __name__ == "__main__":
    main()
