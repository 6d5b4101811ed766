"""`oakley watch` as a process: out-of-band changes recorded once, with the history and audit CLIs agreeing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from remote.lab import Lab
from tests.bot.test_workflow import Env

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(database_url: str, tmp_path: Path) -> Iterator[Env]:
    with Lab(state_dir=tmp_path / "lab") as lab:
        e = Env(database_url, lab, tmp_path)
        yield e
        e.engine.dispose()


def environ(env: Env) -> dict[str, str]:
    extra = {"PYTHONPATH": str(ROOT), "OAKLEY_DATABASE_URL": env.url, "OAKLEY_INVENTORY": str(env.inventory_path),
             "OAKLEY_WINRM_USERNAME": env.lab.username, "OAKLEY_WINRM_PASSWORD": env.lab.password}
    base = {k: v for k, v in os.environ.items() if not k.startswith(("OAKLEY_WATCH", "SLACK_"))}
    return {**base, **extra}


def oakley(env: Env, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=180, env={**environ(env), **extra})


def observed_rows(env: Env) -> list[dict[str, object]]:
    out = oakley(env, "history", "--json")
    assert out.returncode == 0, out.stderr
    return [r for r in json.loads(out.stdout) if r["status"] == "observed"]


def test_watch_once_records_a_hand_made_change_once(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1, "faster IPSec recovery")
    env.workflow.approve("bob", change.id)
    assert env.workflow.execute(change.id)[0].status == "succeeded"
    env.lab.host("fe02").set_nlbsflags(0)  # out of band, on the WinRM peer itself
    first = oakley(env, "watch", "--once")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("read 6 hosts: 1 changed outside Oakley (fe02 1 → 0), 5 seen for the first time")
    [row] = observed_rows(env)
    assert (row["host"], row["status"], row["requester"], row["requested"]) == ("fe02", "observed", "oakley-watch",
                                                                                None)
    assert row["before"] == {"present": True, "value": 1, "type": "REG_DWORD"}
    assert row["after"] == {"present": True, "value": 0, "type": "REG_DWORD"}
    assert row["requested_at"] == row["executed_at"] and row["reason"] == "changed outside Oakley"
    table = oakley(env, "history", "--host", "fe02")
    assert "observed" in table.stdout and "oakley-watch" in table.stdout
    verify = oakley(env, "audit", "verify")
    assert verify.returncode == 0 and "audit chain intact" in verify.stdout, verify.stdout
    second = oakley(env, "watch", "--once")
    assert (second.returncode, second.stdout.strip()) == (0, "read 6 hosts: 6 unchanged"), second.stderr
    assert len(observed_rows(env)) == 1


def test_an_unreachable_host_exits_1_and_is_not_recorded(env: Env) -> None:
    assert oakley(env, "watch", "--once").returncode == 0
    env.lab.host("fe03").set_refusing(True)
    env.lab.host("fe03").set_nlbsflags(1)
    out = oakley(env, "watch", "--once")
    assert out.returncode == 1 and out.stdout.strip() == "read 6 hosts: 1 unreachable (fe03), 5 unchanged"
    assert observed_rows(env) == []


def test_two_processes_at_once_record_exactly_one_row(env: Env) -> None:
    assert oakley(env, "watch", "--once").returncode == 0
    env.lab.host("fe01").set_nlbsflags(0)
    env.lab.host("fe03").faults.latency = 0.3  # each round takes a couple of seconds: they overlap
    procs = [subprocess.Popen([sys.executable, "-m", "bot", "watch", "--once"], cwd=ROOT, env=environ(env),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    summaries = sorted(out.strip() for out, _ in outs)
    assert summaries == ["read 6 hosts: 1 changed outside Oakley (fe01 1 → 0), 5 unchanged",
                         "read 6 hosts: 6 unchanged"]
    assert len(observed_rows(env)) == 1
    assert oakley(env, "audit", "verify").returncode == 0


def test_bad_usage_exits_2(env: Env) -> None:
    bad = oakley(env, "watch", "--every", "0m")
    assert bad.returncode == 2 and "--every:" in bad.stderr
    both = oakley(env, "watch", "--once", "--every", "1h")
    assert both.returncode == 2 and "not allowed with" in both.stderr
    setting = oakley(env, "watch", OAKLEY_WATCH_INTERVAL="soon")
    assert setting.returncode == 2 and "OAKLEY_WATCH_INTERVAL" in setting.stderr and "'soon'" in setting.stderr


def test_the_loop_runs_rounds_until_ctrl_c(env: Env) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "bot", "watch", "--every", "1s"], cwd=ROOT, env=environ(env),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(2)]
        assert "6 seen for the first time" in lines[0] and lines[1].rstrip().endswith("6 unchanged")
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and "oakley watch: stopped" in err and "Traceback" not in err
    assert observed_rows(env) == []
