"""What a check and a change cost, before and after issue 13, measured in one run.

"before" is the way Oakley used pywinrm until issue 13, reproduced here: a
new `winrm.Protocol` (new connection, new NTLM logon, new shell) for every
reg.exe command, an anonymous request to collect the 401, a Signal before
every Delete. "after" is the code as it is (`bot.checks.check_hosts` and one
`WinRMClient` session per host for a change).

Printed, before → after:
* HTTP requests per check and per change (drift re-read, write, read-back),
  counted by an in-process lab host (HTTP + NTLM with message encryption);
* client CPU ms per check: this process's CPU time over a fleet check of
  `--cpu-hosts` hosts, against `oakley lab` running in its own process (the
  lab's CPU is measured from /proc and shown apart, since it shares the cores);
* for each fleet size (200 and 1000 by default) at `--latency`: the wall
  time of a fleet check and its ratio to two floors:
  - the latency floor, the time the requests alone need at that
    concurrency: ceil(hosts / concurrency) x requests per check x latency
    (each variant's own request count; "vs after" uses the "after" floor);
  - the machine floor, max(latency floor, (client CPU + lab CPU) / cores).
    On this machine the lab is not a remote Windows host: it runs on the same
    cores as the client, so every check costs the lab's CPU too. When client
    and lab CPU per core exceed the latency floor, the latency floor cannot be
    reached by any client, and the machine floor is the fair yardstick.
    Client CPU counts this process and its worker processes (not the lab);
  "after+p" is the same check read by `--processes` worker processes (2 by
  default; OAKLEY_FLEET_PROCESSES=auto uses cores - 1 from 500 hosts);
  "cores busy" is how busy all the machine's cores were during the run
  (client, lab, workers and anything else running, other users included):
  near 100 %, the run was bound by CPU, not by the protocol; "others s" is
  the CPU the rest of the machine used meanwhile (busy time of all cores
  less client and lab): other work on a shared machine takes from the cores
  the machine floor assumes, so "share floor" is the machine floor on the
  cores left to client and lab: max(latency floor, (client CPU + lab CPU) /
  (cores - others s / wall s)), and its ratio what the client could still gain;
* peak traced client memory per host for the smallest and largest fleet.

The machine's cores are shared (the lab runs on them too, and other work may:
the load average is printed at the start and the end), so compare the ratios
of one run rather than absolute times across runs.

Reproduce:  .venv/bin/python bench/fleet_bench.py
            .venv/bin/python bench/fleet_bench.py --sizes 200 --latency 0.05 --cpu-hosts 50
"""

from __future__ import annotations

import argparse
import math
import os
import shlex
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import winrm  # noqa: E402
import winrm.exceptions  # noqa: E402

from bot.checks import allowlist, check_hosts, nlbsflags_value, verdict  # noqa: E402
from kb.store import default_kb  # noqa: E402
from remote import regexe, registry  # noqa: E402
from remote.fleet import DEFAULT_CONCURRENCY, run_fleet  # noqa: E402
from remote.fleet_processes import process_count  # noqa: E402
from remote.inventory import Host, load_inventory  # noqa: E402
from remote.lab import Lab, fleet_topology  # noqa: E402
from remote.regexe import RegCommand, RegRead  # noqa: E402
from remote.winrm_client import Credentials, Timeouts, WinRMClient  # noqa: E402

TIMEOUTS = Timeouts(operation=20, read=30, deadline=120)
PROCESSES = 2  # --processes
KB = default_kb()
VALUE, ALLOW = nlbsflags_value(KB), allowlist(KB)


# --- before: one Protocol (connection, logon, shell) per command -------------------

def legacy_run(host: Host, credentials: Credentials, command: RegCommand) -> tuple[int, bytes, bytes]:
    protocol = winrm.Protocol(
        endpoint=host.endpoint, transport=host.transport, username=credentials.username,
        password=credentials.password, server_cert_validation=host.cert_validation,
        ca_trust_path=host.ca_trust_path, read_timeout_sec=TIMEOUTS.read,  # type: ignore[arg-type]
        operation_timeout_sec=TIMEOUTS.operation, message_encryption="auto", proxy=None,
    )
    shell_id = protocol.open_shell()
    try:
        command_id = protocol.run_command(shell_id, command.command, command.arguments)
        out, err = [], []
        while True:
            try:
                stdout, stderr, code, done = protocol.get_command_output_raw(shell_id, command_id)
            except winrm.exceptions.WinRMOperationTimeoutError:
                continue
            out.append(stdout)
            err.append(stderr)
            if done:
                break
        protocol.cleanup_command(shell_id, command_id)
        return code, b"".join(out), b"".join(err)
    finally:
        protocol.close_shell(shell_id)


def legacy_read(host: Host, credentials: Credentials) -> RegRead:
    code, out, err = legacy_run(host, credentials, regexe.query(ALLOW, VALUE))
    return regexe.parse_query(VALUE, code, out, err, host.name)


def legacy_change(host: Host, credentials: Credentials, data: int) -> RegRead:
    legacy_read(host, credentials)
    code, out, err = legacy_run(host, credentials, regexe.add_dword(ALLOW, VALUE, data))
    regexe.parse_change(code, out, err, host.name)
    return legacy_read(host, credentials)


def legacy_check(hosts: Sequence[Host], credentials: Credentials, concurrency: int) -> int:
    outcomes = run_fleet(hosts, lambda h: legacy_read(h, credentials), concurrency=concurrency)
    for o in outcomes:
        if o.value is not None:
            verdict(KB, o.host, o.value)
    return sum(1 for o in outcomes if not o.ok)


# --- after ------------------------------------------------------------------------------

def current_change(host: Host, credentials: Credentials, data: int) -> RegRead:
    with WinRMClient(host, credentials, TIMEOUTS) as client:
        registry.read(client, ALLOW, VALUE)
        return registry.write_dword(client, ALLOW, VALUE, data)


def current_check(hosts: Sequence[Host], credentials: Credentials, concurrency: int,
                  processes: int | None = 1) -> int:
    results = check_hosts(KB, hosts, lambda h: credentials, concurrency=concurrency, timeouts=TIMEOUTS,
                          processes=processes)
    return sum(1 for r in results if not r.ok)


VARIANTS: dict[str, Callable[[Sequence[Host], Credentials, int], int]] = {
    "before": legacy_check,
    "after": current_check,  # one process
    "after+p": lambda hosts, credentials, concurrency: current_check(hosts, credentials, concurrency, PROCESSES),
}


# --- measuring --------------------------------------------------------------------------

def count_requests() -> dict[str, tuple[int, int]]:
    """(requests per check, per change) for each variant, counted by the lab."""
    with tempfile.TemporaryDirectory() as state, Lab(fleet_topology(2), state_dir=state) as lab:
        inventory = load_inventory(lab.write_inventory(Path(state) / "inventory.yaml"))
        host, served = inventory.hosts["fe001"], lab.host("fe001")
        credentials = Credentials(lab.username, lab.password)
        out: dict[str, tuple[int, int]] = {}
        for name, read, change in (("before", legacy_read, legacy_change),
                                   ("after", lambda h, c: registry.read(WinRMClient(h, c, TIMEOUTS), ALLOW, VALUE),
                                    current_change)):
            start = served.requests
            read(host, credentials)
            per_check = served.requests - start
            start = served.requests
            target = 0 if served.nlbsflags() == 1 else 1
            if change(host, credentials, target).value != target:
                raise SystemExit(f"{name}: the change did not read back {target}")
            out[name] = (per_check, served.requests - start)
        return out


class LabProcess:
    """`oakley lab --hosts N` in its own process, and its CPU time."""

    def __init__(self, hosts: int, latency: float) -> None:
        self.state = tempfile.TemporaryDirectory()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "lab", "--hosts", str(hosts), "--latency", str(latency),
             "--state-dir", self.state.name],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        env: dict[str, str] = {}
        while "OAKLEY_WINRM_PASSWORD" not in env:
            line = self.proc.stdout.readline()  # type: ignore[union-attr]
            if not line:
                raise SystemExit("the lab did not start: " + (self.proc.stderr.read() if self.proc.stderr else ""))
            if line.startswith("OAKLEY_") and "=" in line:  # NAME=value; export NAME (shell-quoted)
                key, _, value = line.strip().partition("=")
                env[key] = shlex.split(value.split("; export ")[0])[0]
        self.hosts = list(load_inventory(env["OAKLEY_INVENTORY"]).hosts.values())
        self.credentials = Credentials(env["OAKLEY_WINRM_USERNAME"], env["OAKLEY_WINRM_PASSWORD"])

    def cpu(self) -> float:
        """User + system seconds the lab has used so far."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.communicate(timeout=120)
        self.state.cleanup()


def tree_cpu(exclude: int) -> float:
    """CPU seconds of this process and its descendants (worker processes, reaped ones included), less `exclude`'s.

    Workers are children of multiprocessing's fork server; once they exit, their
    time shows in its cutime/cstime, so it is counted whether or not they are alive.
    """
    tick, me, stats = os.sysconf("SC_CLK_TCK"), os.getpid(), {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # gone meanwhile
            stats[int(entry.name)] = (int(fields[1]), sum(int(f) for f in fields[11:15]))
    total, frontier = time.process_time(), [me]
    while frontier:
        parent = frontier.pop()
        for pid, (ppid, jiffies) in stats.items():
            if ppid == parent and pid != exclude:
                total += jiffies / tick
                frontier.append(pid)
    return total


def machine_busy() -> tuple[int, int]:
    """Busy and total jiffies of all cores so far (/proc/stat), to see whether a run was CPU-bound."""
    fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def run(variant: str, lab: LabProcess, hosts: Sequence[Host],
        concurrency: int) -> tuple[float, float, float, float, float]:
    """Wall s, client CPU s (workers too), lab CPU s of one fleet check, how busy the machine was, others' CPU s."""
    lab_pid = lab.proc.pid
    busy, lab_cpu, cpu, wall = machine_busy(), lab.cpu(), tree_cpu(lab_pid), time.perf_counter()
    failed = VARIANTS[variant](hosts, lab.credentials, concurrency)
    wall, cpu, lab_cpu = time.perf_counter() - wall, tree_cpu(lab_pid) - cpu, lab.cpu() - lab_cpu
    now = machine_busy()
    if failed:  # a host that failed under load is reported, not hidden; the wall time still counts it
        print(f"  ({variant}: {failed} of {len(hosts)} hosts failed in this run)")
    busy_s = (now[0] - busy[0]) / os.sysconf("SC_CLK_TCK")
    return wall, cpu, lab_cpu, (now[0] - busy[0]) / max(1, now[1] - busy[1]), max(0.0, busy_s - cpu - lab_cpu)


def peak_memory(lab: LabProcess, concurrency: int) -> int:
    tracemalloc.start()
    current_check(lab.hosts, lab.credentials, concurrency)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,1000", help="fleet sizes to time (comma-separated)")
    parser.add_argument("--latency", type=float, default=0.02, help="seconds added to each request")
    parser.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY)
    parser.add_argument("--cpu-hosts", type=int, default=100, help="hosts per CPU measurement")
    parser.add_argument("--rounds", type=int, default=3, help="CPU measurements per variant (median kept)")
    parser.add_argument("--processes", type=int, default=2, help="worker processes for the after+p runs")
    args = parser.parse_args()
    global PROCESSES
    PROCESSES = args.processes
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"({len(os.sched_getaffinity(0))} cores; other work on them shows in 'cores busy')")
    counts = count_requests()
    print("requests (HTTP + NTLM with message encryption, counted by the lab):")
    print(f"  per check:   before {counts['before'][0]:3d}   after {counts['after'][0]:3d}   (target <= 6)")
    print(f"  per change:  before {counts['before'][1]:3d}   after {counts['after'][1]:3d}   (target <= 12; "
          "drift re-read, write, read-back)")

    lab = LabProcess(args.cpu_hosts, 0.0)
    try:
        samples: dict[str, list[tuple[float, float]]] = {"before": [], "after": []}
        run("after", lab, lab.hosts[:4], 4)  # warm-up: imports, KB
        for _ in range(args.rounds):  # interleaved, so load from elsewhere hits all alike
            for variant in samples:
                _, cpu, lab_cpu, _, _ = run(variant, lab, lab.hosts, args.concurrency)
                samples[variant].append((cpu, lab_cpu))
    finally:
        lab.stop()
    med = {v: sorted(s)[len(s) // 2] for v, s in samples.items()}
    b, a = med["before"][0] / args.cpu_hosts * 1000, med["after"][0] / args.cpu_hosts * 1000
    print(f"client CPU per check ({args.cpu_hosts} hosts, median of {args.rounds}):  before {b:5.2f} ms   "
          f"after {a:5.2f} ms   ({(a - b) / b * 100:+.0f} %, target -30 %)")
    lab_b, lab_a = (med[v][1] / args.cpu_hosts * 1000 for v in ("before", "after"))
    print(f"  lab CPU per check (not the client's, same cores): before {lab_b:5.2f} ms   after {lab_a:5.2f} ms")

    cores = len(os.sched_getaffinity(0))
    print(f"fleet check at {args.latency * 1000:.0f} ms per request, concurrency {args.concurrency}, {cores} cores:")
    print("  latency floor = ceil(hosts / concurrency) x requests per check x latency; machine floor = max(latency")
    print("  floor, (client CPU + lab CPU) / cores): the lab shares this machine's cores, so when the two together")
    print("  need more CPU per core than the latency floor lasts, no client can reach that floor")
    print(f"  after+p: {args.processes} worker processes (OAKLEY_FLEET_PROCESSES=auto here would use "
          f"{', '.join(f'{process_count(n)} for {n} hosts' for n in sizes)}); client CPU includes the workers'")
    print(f"  {'hosts':>5}  {'variant':7} {'wall s':>7} {'lat.floor':>9} {'ratio':>6} {'vs after':>8} "
          f"{'mach.floor':>10} {'ratio':>6} {'client CPU s':>12} {'lab CPU s':>9} {'lab ms/chk':>10} "
          f"{'cores busy':>10} {'others s':>8} {'share fl.':>9} {'ratio':>6}")
    memory: dict[int, int] = {}
    for size in sizes:
        lab = LabProcess(size, args.latency)
        try:
            run("after", lab, lab.hosts[:4], 4)
            batches = math.ceil(size / args.concurrency)
            after_floor = batches * counts["after"][0] * args.latency
            for variant in ("before", "after", "after+p"):
                wall, cpu, lab_cpu, busy, others = run(variant, lab, lab.hosts, args.concurrency)
                floor = batches * counts["before" if variant == "before" else "after"][0] * args.latency
                machine = max(floor, (cpu + lab_cpu) / cores)
                share = max(floor, (cpu + lab_cpu) / max(0.1, cores - others / wall))
                print(f"  {size:5d}  {variant:7} {wall:7.2f} {floor:9.2f} {wall / floor:6.2f} "
                      f"{wall / after_floor:8.2f} {machine:10.2f} {wall / machine:6.2f} {cpu:12.2f} {lab_cpu:9.2f} "
                      f"{lab_cpu / size * 1000:10.2f} {busy * 100:9.0f}% {others:8.2f} {share:9.2f} "
                      f"{wall / share:6.2f}")
            if size in (min(sizes), max(sizes)):
                memory[size] = peak_memory(lab, args.concurrency)
        finally:
            lab.stop()
    for size, peak in sorted(memory.items()):
        print(f"peak client memory (after), {size:5d} hosts: {peak / 1024:8.0f} KiB ({peak / size / 1024:.1f} KiB "
              "per host)")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"reproduce: .venv/bin/python bench/fleet_bench.py --sizes {args.sizes} --latency {args.latency} "
          f"--concurrency {args.concurrency} --cpu-hosts {args.cpu_hosts} --rounds {args.rounds} "
          f"--processes {args.processes}")


if __name__ == "__main__":
    main()
