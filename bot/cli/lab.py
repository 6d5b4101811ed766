"""Run simulated Windows hosts that speak WinRM, until stopped (Ctrl-C).

The default lab mirrors KB 821839: two Windows Server 2003 front-ends, a
Windows 2000 front-end, two back-end cluster nodes and a domain controller.
It writes an Ansible inventory for them and prints, on stdout, `export …`
lines for the shell (OAKLEY_INVENTORY, OAKLEY_WINRM_USERNAME,
OAKLEY_WINRM_PASSWORD); the host table goes to stderr. So:

    eval "$(oakley lab --detach)"     # runs in the background; OAKLEY_LAB_PID stops it
    oakley check all

Registry values are kept in the state directory across restarts (`--reset`
forgets them); `--password-env VAR` takes the password from $VAR so a
restarted lab keeps the credentials already exported. `--runs HOST=OS`
makes a host run another Windows than its inventory entry says (its
CurrentVersion, ProductName and reg.exe output follow).

Out of band, on the running lab (remote/lab/control.py):

    oakley lab set fe01 0           # NLBSFlags = 0 on fe01, as an admin would by hand
    oakley lab set fe01 absent      # delete it
    oakley lab set-os fe02 windows-2000
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import sys
import threading
from pathlib import Path
from typing import IO, Any

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
    parser.add_argument("--password-env", metavar="VAR",
                        help="take the lab's password from the environment variable VAR (so restarts keep it)")
    parser.add_argument("--reset", action="store_true", help="forget the registries kept from earlier runs")
    parser.add_argument("--detach", action="store_true",
                        help="run in the background: print the export lines (with OAKLEY_LAB_PID) and return")
    parser.add_argument("--runs", action="append", default=[], metavar="HOST=OS",
                        help="HOST runs OS (e.g. fe02=windows-2000) whatever its inventory entry says; repeatable")
    parser.add_argument("control", nargs="*", metavar="set HOST VALUE|absent | set-os HOST OS",
                        help="change a running lab's NLBSFlags out of band (`set-os HOST OS`: its Windows)")


def export_lines(values: dict[str, Any]) -> str:
    """`NAME=value; export NAME` lines, quoted for a POSIX shell (so `eval "$(oakley lab …)"` is safe).

    Each line starts with `NAME=` (the DESIGN.md §2 contract: scripts read the credentials line by line)
    and exports it when evaluated.
    """
    return "".join(f"{name}={shlex.quote(str(value))}; export {name}\n" for name, value in values.items())


def control(args: argparse.Namespace) -> int:
    """`oakley lab set HOST VALUE|absent` / `set-os HOST OS`: ask the running lab to change a host."""
    from remote.lab.control import ControlError, parse_value, send

    words = list(args.control)
    if len(words) != 3 or words[0] not in ("set", "set-os"):
        raise UsageError("usage: oakley lab set HOST VALUE|absent [--state-dir DIR], or set-os HOST OS")
    action, host, raw = words
    state_dir = Path(args.state_dir) if args.state_dir else _lab_of_inventory() or _default_state_dir()
    try:
        if action == "set":
            answer = send(state_dir, {"op": "set", "host": host, "value": parse_value(raw)})
        else:
            answer = send(state_dir, {"op": "os", "host": host, "os": raw})
    except ControlError as exc:
        print(f"oakley lab: {exc}", file=sys.stderr)
        return 1
    shown = {None: "absent"}
    what = "NLBSFlags" if action == "set" else "OS"
    print(f"{answer['host']}: {what} {shown.get(answer['before'], answer['before'])} → "
          f"{shown.get(answer['after'], answer['after'])} (the lab in {state_dir})")
    return 0


def _lab_of_inventory() -> Path | None:
    """The lab whose inventory this shell uses (OAKLEY_INVENTORY beside a lab's lock), so `lab set`
    changes the lab the other commands talk to, not the default one."""
    inventory = os.environ.get("OAKLEY_INVENTORY")
    if not inventory:
        return None
    here = Path(inventory).expanduser().parent
    return here if (here / "lab.lock").is_file() else None


def _hold(state_dir: Path) -> IO[str]:
    """One lab per state directory: a second would rewrite the inventory and password the first's
    users hold and answer the first one's `lab set` requests. The lock goes with the process."""
    import fcntl

    state_dir.mkdir(parents=True, exist_ok=True)
    lock = open(state_dir / "lab.lock", "a+")  # noqa: SIM115 - held for the process's life
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        lock.seek(0)
        pid = lock.read().strip()[:12]
        lock.close()
        raise UsageError(f"a lab is already running on {state_dir}" + (f" (pid {pid})" if pid.isdigit() else "")
                         + "; stop it first (kill $OAKLEY_LAB_PID), or give this one another --state-dir") from None
    lock.seek(0)
    lock.truncate()
    lock.write(str(os.getpid()))
    lock.flush()
    return lock


def run(args: argparse.Namespace) -> int:
    from remote.lab import Lab, default_topology, fleet_topology
    from remote.lab.lab import WINDOWS_VERSIONS

    if args.control:
        return control(args)

    if args.hosts is not None and not 1 <= args.hosts <= 2000:
        raise UsageError("--hosts must be between 1 and 2000")
    if args.latency < 0:
        raise UsageError("--latency must not be negative")
    password = None
    if args.password_env:
        password = os.environ.get(args.password_env)
        if not password:
            raise UsageError(f"--password-env: {args.password_env} is not set (export it first, e.g. "
                             f"export {args.password_env}=\"$(openssl rand -base64 18)\")")
    state_dir = Path(args.state_dir) if args.state_dir else _default_state_dir()
    if args.reset:
        (state_dir / "lab-state.json").unlink(missing_ok=True)
    specs = fleet_topology(args.hosts) if args.hosts else default_topology()
    by_name = {spec.name: spec for spec in specs}
    for item in args.runs:
        name, _, os_name = item.partition("=")
        if name not in by_name or os_name not in WINDOWS_VERSIONS:
            raise UsageError(f"--runs {item[:60]}: expected HOST=OS with a lab host and one of "
                             f"{', '.join(WINDOWS_VERSIONS)}")
        spec = by_name[name]
        spec.inventory_os, spec.os = spec.inventory_os or spec.os, os_name
    held = _hold(state_dir)  # kept open (and inherited by a detached child) while the lab runs
    lab = Lab(specs, latency=args.latency, tls=args.tls, state_dir=state_dir, password=password,
              username=os.environ.get("OAKLEY_LAB_USERNAME") or "oakley-lab", control=True)
    report = sys.stdout
    if args.detach:
        read_end, write_end = os.pipe()
        child_pid = os.fork()
        if child_pid:  # the parent prints what the child reports, then returns to the shell
            os.close(write_end)
            with os.fdopen(read_end) as child:
                lines = child.read()
            if "OAKLEY_LAB_PID" not in lines:  # the child failed and said why on stderr
                return os.waitstatus_to_exitcode(os.waitpid(child_pid, 0)[1]) or 1
            sys.stdout.write(lines)
            return 0
        os.close(read_end)
        os.setsid()
        held.seek(0)
        held.truncate()
        held.write(str(os.getpid()))
        held.flush()
        report = os.fdopen(write_end, "w")
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1):  # the shell's $(…) ends when no one holds its pipe
            os.dup2(devnull, fd)
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
            runs = "" if h.os == h.inventory_os else f" (inventory says {h.inventory_os})"
            print(f"{h.name:8} {h.os:13} {h.role:18} {h.endpoint}{runs}", file=sys.stderr)
        if len(lab.hosts) > len(shown):
            print(f"… and {len(lab.hosts) - len(shown)} more", file=sys.stderr)
        values: dict[str, Any] = {"OAKLEY_INVENTORY": inventory, "OAKLEY_WINRM_USERNAME": lab.username,
                                  "OAKLEY_WINRM_PASSWORD": lab.password}
        if args.detach:
            values["OAKLEY_LAB_PID"] = os.getpid()
        report.write(export_lines(values))
        report.flush()
        if args.detach:
            report.close()
            os.dup2(os.open(os.devnull, os.O_RDWR), 2)
        else:
            print(f"lab running (state in {state_dir}); Ctrl-C stops it", file=sys.stderr)
        stop.wait()
    finally:
        lab.stop()
        requests = sum(h.requests for h in lab.hosts.values())
        sealed = sum(h.sealed_messages for h in lab.hosts.values())
        print(f"served {requests} HTTP requests ({sealed} sealed SOAP messages) on {len(lab.hosts)} hosts",
              file=sys.stderr)
    return 0
