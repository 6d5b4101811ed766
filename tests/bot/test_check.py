"""`oakley check`: the KB's verdict on what the registry holds, over the lab."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.checks import allowlist, nlbsflags_value, verdict
from kb.store import default_kb
from remote.inventory import Host
from remote.lab import Lab
from remote.regexe import RegRead

ROOT = Path(__file__).resolve().parents[2]
KB = default_kb()


def host(role: str = "front-end", os_: str = "windows-2003") -> Host:
    return Host(name="h", address="h", port=5986, role=role, os=os_)  # type: ignore[arg-type]


def test_the_allowlist_is_the_kbs_value() -> None:
    value = nlbsflags_value(KB)
    assert value.key == r"HKLM\SYSTEM\CurrentControlSet\Services\PolicyAgent\Oakley"
    assert value.name == "NLBSFlags" and value in allowlist(KB)


@pytest.mark.parametrize(
    ("role", "os_", "read", "compliant", "seconds", "says"),
    [
        ("front-end", "windows-2003", RegRead(True, "REG_DWORD", 1), True, 120, "about 2 minutes"),
        ("front-end", "windows-2003", RegRead(False), False, 360, "set it to 1 to bring that to about 2 minutes"),
        ("front-end", "windows-2003", RegRead(True, "REG_DWORD", 0), False, None, "only describes NLBSFlags = 1"),
        ("front-end", "windows-2000", RegRead(False), None, 360, "Windows Server 2003 behaviour"),
        ("front-end", "windows-2000", RegRead(True, "REG_DWORD", 1), None, 360, "about 6 minutes"),
        ("back-end", "windows-2003", RegRead(False), None, None, "front-end servers only"),
        ("front-end", "windows-2008", RegRead(True, "REG_DWORD", 1), None, None, "does not cover windows-2008"),
    ],
)
def test_verdicts(role: str, os_: str, read: RegRead, compliant: bool | None, seconds: int | None, says: str) -> None:
    v = verdict(KB, host(role, os_), read)
    assert (v.compliant, v.expected_unplanned_failover_s) == (compliant, seconds)
    assert says in v.note


def _oakley(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **env}, timeout=120)


@pytest.fixture
def lab_env(tmp_path: Path):
    with Lab(state_dir=tmp_path / "lab") as lab:
        inventory = lab.write_inventory(tmp_path / "inventory.yaml")
        yield lab, {"OAKLEY_INVENTORY": str(inventory), "OAKLEY_WINRM_USERNAME": lab.username,
                    "OAKLEY_WINRM_PASSWORD": lab.password, "OAKLEY_DATABASE_URL": f"sqlite:///{tmp_path}/oakley.db"}


def test_check_all_json(lab_env) -> None:
    lab, env = lab_env
    done = _oakley(["check", "all", "--json"], env)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [r["host"] for r in rows] == ["fe01", "fe02", "fe03", "be01", "be02", "dc01"]
    fe01, fe02 = rows[0], rows[1]
    os_seen = fe01.pop("os")
    assert fe01 == {"host": "fe01", "ok": True, "present": True, "value": 1, "type": "REG_DWORD", "error": None,
                    "compliant": True, "expected_unplanned_failover_s": 120}
    assert {k: os_seen[k] for k in ("reported", "version", "product", "inventory", "source", "mismatch")} == {
        "reported": "windows-2003", "version": "5.2", "product": "Microsoft Windows Server 2003",
        "inventory": "windows-2003", "source": "host", "mismatch": False}
    assert fe02["present"] is False and fe02["compliant"] is False and fe02["expected_unplanned_failover_s"] == 360
    assert rows[3]["compliant"] is None
    assert lab.password not in done.stdout + done.stderr


def test_check_table_and_a_failing_host(lab_env) -> None:
    lab, env = lab_env
    lab.host("be01").set_refusing(True)
    done = _oakley(["check", "frontends", "be01"], env)
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == "read 3 of 4 hosts; 1 unreachable"
    lines = done.stdout.splitlines()
    assert lines[0].split()[:5] == ["HOST", "ROLE", "OS", "NLBSFLAGS", "COMPLIANT"]
    assert "set it to 1 to bring that to about 2 minutes" in done.stdout
    assert "error: unreachable" in done.stdout and "firewall" in done.stdout


def test_check_usage_errors(lab_env, tmp_path: Path) -> None:
    _, env = lab_env
    unknown = _oakley(["check", "fe99"], env)
    assert unknown.returncode == 2 and "no host or group named 'fe99'" in unknown.stderr
    typo = _oakley(["check", "fe0l"], env)
    assert typo.returncode == 2 and typo.stderr.rstrip().endswith("; did you mean fe01, fe02, fe03?")
    missing = _oakley(["check", "all"], {**env, "OAKLEY_INVENTORY": ""})
    assert missing.returncode == 2 and "OAKLEY_INVENTORY" in missing.stderr
    bad = tmp_path / "bad.yml"
    bad.write_text("all:\n  hosts:\n    fe01: {ansible_password: x}\n")
    refused = _oakley(["check", "all", "--inventory", str(bad)], env)
    assert refused.returncode == 2 and "passwords do not go in the inventory" in refused.stderr


def test_wrong_password_exit_1_and_never_echoed(lab_env) -> None:
    _, env = lab_env
    done = _oakley(["check", "fe01", "--json"], {**env, "OAKLEY_WINRM_PASSWORD": "Wr0ng-P4ss"})
    assert done.returncode == 1
    assert json.loads(done.stdout)[0]["error"]["kind"] == "auth_failed"
    assert "Wr0ng-P4ss" not in done.stdout + done.stderr


def test_a_missing_password_is_a_configuration_error(lab_env) -> None:
    _, env = lab_env
    done = _oakley(["check", "all"], {**env, "OAKLEY_WINRM_PASSWORD": ""})
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "oakley: no password for fe01: set OAKLEY_WINRM_PASSWORD in the environment (and 5 more hosts)"]


def test_all_read_and_the_summary_line(lab_env) -> None:
    _, env = lab_env
    done = _oakley(["check", "fe01"], env)
    assert done.returncode == 0 and done.stderr.splitlines()[-1] == "read 1 of 1 host"


def test_a_closed_pipe_ends_quietly_with_0(lab_env) -> None:
    _, env = lab_env
    for args in (["check", "all", "--json"], ["check", "all"]):
        proc = subprocess.Popen([sys.executable, "-m", "bot", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **env})
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # the reader left before anything was written, as `| head -0` does
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=120) == 0, err
        assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err


def test_an_ini_inventory_checks_a_host(lab_env, tmp_path: Path) -> None:
    lab, env = lab_env
    fe01 = lab.host("fe01")
    ini = tmp_path / "hosts"
    ini.write_text(f"[frontends]\nFE01 ansible_host=127.0.0.1 ansible_port={fe01.port}\n\n[frontends:vars]\n"
                   f"oakley_role=front-end\noakley_os=windows-2003\nansible_winrm_scheme=http\n"
                   f"ansible_user={lab.username}\n")
    done = _oakley(["check", "fe01", "--json"], {**env, "OAKLEY_INVENTORY": str(ini)})
    assert done.returncode == 0, done.stderr
    row = json.loads(done.stdout)[0]
    assert row.pop("os")["reported"] == "windows-2003"
    assert row | {"host": "FE01"} == {
        "host": "FE01", "ok": True, "present": True, "value": 1, "type": "REG_DWORD", "error": None,
        "compliant": True, "expected_unplanned_failover_s": 120}
