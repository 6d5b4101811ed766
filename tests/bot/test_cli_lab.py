"""`oakley lab` as a process: prints where it listens and what to export."""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_lab_prints_credentials_writes_inventory_and_stops(tmp_path: Path) -> None:
    inventory = tmp_path / "inv.yaml"
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "lab", "--state-dir", str(tmp_path / "state"),
         "--inventory-out", str(inventory), "--latency", "0.01"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        lines: dict[str, str] = {}
        deadline = time.monotonic() + 30
        while "OAKLEY_WINRM_PASSWORD" not in lines and time.monotonic() < deadline:
            line = proc.stdout.readline()  # type: ignore[union-attr]
            if line.startswith("OAKLEY_") and "; export " in line:  # NAME=value; export NAME
                key, _, value = line.partition("; export ")[0].partition("=")
                lines[key] = shlex.split(value)[0]
        assert lines["OAKLEY_WINRM_USERNAME"] and lines["OAKLEY_WINRM_PASSWORD"]
        assert Path(lines["OAKLEY_INVENTORY"]) == inventory
        data = yaml.safe_load(inventory.read_text())
        assert set(data["all"]["children"]) == {"frontends", "backends", "domain_controllers"}
        assert lines["OAKLEY_WINRM_PASSWORD"] not in inventory.read_text()
        check = subprocess.run(
            [sys.executable, "-m", "bot", "check", "fe01", "--json"], capture_output=True, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), **lines}, timeout=60,
        )
        assert check.returncode == 0, check.stderr
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0


def _shell(script: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "XDG_STATE_HOME": str(tmp_path),
                               "OAKLEY_DATABASE_URL": f"sqlite:///{tmp_path}/o.db", **env})


def test_eval_of_a_detached_lab_then_check_then_restart_keeps_the_password(tmp_path: Path) -> None:
    oakley = f"{sys.executable} -m bot"
    script = f"""
set -e
eval "$({oakley} lab --detach --password-env LAB_PW)"
trap 'kill $OAKLEY_LAB_PID' EXIT
test "$OAKLEY_WINRM_PASSWORD" = "$LAB_PW"
{oakley} check fe01 --json > {tmp_path}/first.json
kill $OAKLEY_LAB_PID; trap - EXIT; sleep 1
eval "$({oakley} lab --detach --password-env LAB_PW --reset)"
trap 'kill $OAKLEY_LAB_PID' EXIT
{oakley} check fe02 --json
"""
    done = _shell(script, tmp_path, LAB_PW="it's a \"pass\" $word")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["host"] == "fe02" and json.loads(done.stdout)[0]["ok"]


def test_a_second_lab_on_the_same_state_is_refused_and_the_first_keeps_working(tmp_path: Path) -> None:
    oakley = f"{sys.executable} -m bot"
    script = f"""
eval "$({oakley} lab --detach)"
trap 'kill $OAKLEY_LAB_PID' EXIT
{oakley} lab --detach > {tmp_path}/second.out 2> {tmp_path}/second.err
echo "second=$?"
{oakley} lab > /dev/null 2>> {tmp_path}/second.err
echo "foreground=$?"
echo "pid=$OAKLEY_LAB_PID"
{oakley} check fe01 --json > /dev/null && echo first-ok
"""
    done = _shell(script, tmp_path)
    pid = done.stdout.split("pid=")[1].split()[0]
    assert "second=2" in done.stdout and "foreground=2" in done.stdout and "first-ok" in done.stdout, done.stderr
    err = (tmp_path / "second.err").read_text()
    assert err.count(f"a lab is already running on {tmp_path / 'oakley' / 'lab'} (pid {pid})") == 2, err
    assert (tmp_path / "second.out").read_text() == ""


def test_lab_set_follows_the_inventory_of_the_shell(tmp_path: Path) -> None:
    oakley = f"{sys.executable} -m bot"
    script = f"""
eval "$({oakley} lab --detach --state-dir {tmp_path}/mine)"
trap 'kill $OAKLEY_LAB_PID' EXIT
{oakley} lab set fe01 0
{oakley} check fe01 --json
"""
    done = _shell(script, tmp_path)
    assert f"fe01: NLBSFlags 1 → 0 (the lab in {tmp_path}/mine)" in done.stdout, done.stderr
    assert '"value": 0' in done.stdout


def test_export_lines_are_quoted_for_the_shell(tmp_path: Path) -> None:
    from bot.cli.lab import export_lines

    text = export_lines({"A": "x y", "B": "it's $(rm -rf /)", "C": 3})
    assert all(line.split("=")[0] in ("A", "B", "C") for line in text.splitlines())
    done = _shell(text + 'sh -c \'printf "%s|%s|%s" "$A" "$B" "$C"\'', tmp_path)  # exported to a child
    assert done.stdout == "x y|it's $(rm -rf /)|3"


def test_password_env_must_be_set(tmp_path: Path) -> None:
    done = _shell(f"{sys.executable} -m bot lab --password-env NOPE_UNSET", tmp_path)
    assert done.returncode == 2 and "--password-env: NOPE_UNSET is not set" in done.stderr
