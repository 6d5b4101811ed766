"""The host's own Windows version, read over WinRM from the lab, and the lab's out-of-band control."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest

from remote import registry
from remote.hostos import CURRENT_VERSION, OS_VALUES, PRODUCT_NAME, HostOS, os_name, read_host, read_os, safe_product
from remote.lab import HostSpec, Lab
from remote.lab.control import ControlError, parse_value, send
from remote.lab.lab import WINDOWS_KEY
from remote.regexe import Allowlist, RegRead
from remote.winrm_client import WinRMClient
from tests.remote.conftest import FAST, NLBSFLAGS, creds, inventory_of

ROOT = Path(__file__).resolve().parents[2]
READ = Allowlist([NLBSFLAGS, *OS_VALUES])


@pytest.mark.parametrize(("version", "product", "name"), [
    ("5.0", "Microsoft Windows 2000", "windows-2000"),
    ("5.2", "Microsoft Windows Server 2003", "windows-2003"),
    ("5.2", "Microsoft Windows Server 2003 R2", "windows-2003"),
    ("5.2", "Microsoft Windows XP", "windows-xp"),
    ("6.0", "Windows Server (R) 2008 Standard", "windows-2008"),
    ("6.1", "Windows Server 2008 R2 Standard", "windows-2008-r2"),
    ("6.3", "Windows Server 2016 Standard", "windows-2016"),
    ("6.3", "Windows Server 2012 R2 Datacenter", "windows-2012-r2"),
    ("5.2", None, "windows-2003"),
    ("9.9", "Windows Server 2003", None),
    ("5.2; del", "x", None),
    (None, "Microsoft Windows 2000", None),
])
def test_version_to_inventory_name(version: str | None, product: str | None, name: str | None) -> None:
    assert os_name(version, product) == name


def test_host_text_is_made_safe() -> None:
    assert safe_product("Windows <b>&</b> `rm` *2003*" + "x" * 200) == ("Windows bb rm 2003" + "x" * 200)[:80]
    assert safe_product("<>") is None


def test_the_version_key_is_a_plain_quoted_allowlisted_query() -> None:
    from remote.regexe import query

    line = query(READ, PRODUCT_NAME).line()
    assert line == r'reg query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion" /v ProductName'
    with pytest.raises(ValueError):
        Allowlist([CURRENT_VERSION._replace(key='HKLM\\SOFTWARE\\a"b')])
    with pytest.raises(ValueError):
        Allowlist([CURRENT_VERSION._replace(key="HKLM\\SOFTWARE\\a  b")])


@pytest.fixture
def os_lab(tmp_path: Path):
    specs = [HostSpec("old", "windows-2000", nlbsflags=1), HostSpec("w2k3", "windows-2003"),
             HostSpec("new", "windows-2008-r2", nlbsflags=1),
             HostSpec("liar", "windows-2000", inventory_os="windows-2003")]
    with Lab(specs, state_dir=tmp_path / "lab") as lab:
        yield lab, inventory_of(lab, tmp_path)


def test_both_reg_exe_styles_answer_the_version(os_lab) -> None:
    lab, inventory = os_lab
    legacy = lab.host("old")._execute("reg", f'query "{WINDOWS_KEY}" /v ProductName')
    assert legacy.stdout.startswith(b"\r\n! REG.EXE VERSION 3.0\r\n")
    assert b"    ProductName\tREG_SZ\tMicrosoft Windows 2000\r\n" in legacy.stdout
    modern = lab.host("new")._execute("reg", f'query "{WINDOWS_KEY}" /v ProductName')
    assert b"! REG.EXE" not in modern.stdout
    assert b"    ProductName    REG_SZ    Windows Server 2008 R2 Standard\r\n" in modern.stdout
    seen = {}
    for name in ("old", "w2k3", "new"):
        with WinRMClient(inventory.hosts[name], creds(lab), FAST) as client:
            seen[name] = read_os(client, READ)
    assert seen["old"] == HostOS("windows-2000", "5.0", "Microsoft Windows 2000")
    assert seen["w2k3"] == HostOS("windows-2003", "5.2", "Microsoft Windows Server 2003")
    assert seen["new"] == HostOS("windows-2008-r2", "6.1", "Windows Server 2008 R2 Standard")


def test_a_host_can_run_another_os_than_its_inventory_entry(os_lab) -> None:
    lab, inventory = os_lab
    assert inventory.hosts["liar"].os == "windows-2003"
    got = read_host(WinRMClient(inventory.hosts["liar"], creds(lab), FAST), READ, NLBSFLAGS, with_os=True)
    assert got.value == RegRead(False) and got.os is not None and got.os.name == "windows-2000"


@pytest.mark.parametrize(("fault", "kind"), [("denied", "access_denied"), ("malformed", "parse_error"),
                                             ("absent", "absent")])
def test_an_unreadable_version_is_an_answer_not_a_failure(os_lab, fault: str, kind: str) -> None:
    lab, inventory = os_lab
    served = lab.host("w2k3")
    if fault == "absent":
        served.registry.delete(WINDOWS_KEY, "CurrentVersion")
    else:
        served.faults.os_read = fault
    got = read_host(WinRMClient(inventory.hosts["w2k3"], creds(lab), FAST), READ, NLBSFLAGS, with_os=True)
    assert got.value == RegRead(False)  # NLBSFlags still read
    assert got.os is not None and got.os.name is None and got.os.error_kind == kind and got.os.definitive


def test_the_version_costs_requests_only_when_asked_for(os_lab) -> None:
    lab, inventory = os_lab
    served = lab.host("old")
    start = served.requests
    read_host(WinRMClient(inventory.hosts["old"], creds(lab), FAST), READ, NLBSFLAGS)
    assert served.requests - start == 6  # the requests-per-check budget (issue 13)
    start = served.requests
    read_host(WinRMClient(inventory.hosts["old"], creds(lab), FAST), READ, NLBSFLAGS, with_os=True)
    assert served.requests - start == 12  # + (Signal, Command, Receive) per value, same connection and shell
    assert served.shells.open_shells == 0


def test_parse_value() -> None:
    assert (parse_value("absent"), parse_value("0"), parse_value("0x10"), parse_value("4294967295")) == (
        None, 0, 16, 4294967295)
    for bad in ("-1", "4294967296", "1e3", "", "0x1ffffffff", "9" * 40, "1; reg delete"):
        with pytest.raises(ControlError):
            parse_value(bad)


def test_control_changes_a_running_lab_seen_through_winrm(tmp_path: Path) -> None:
    with Lab(state_dir=tmp_path / "lab", control=True) as lab:
        fe01 = inventory_of(lab, tmp_path).hosts["fe01"]
        assert registry.read(WinRMClient(fe01, creds(lab), FAST), READ, NLBSFLAGS).value == 1
        assert send(lab.state_dir, {"op": "set", "host": "fe01", "value": 0}) == {
            "ok": True, "host": "fe01", "before": 1, "after": 0}
        assert registry.read(WinRMClient(fe01, creds(lab), FAST), READ, NLBSFLAGS) == RegRead(True, "REG_DWORD", 0)
        send(lab.state_dir, {"op": "set", "host": "fe01", "value": None})
        assert registry.read(WinRMClient(fe01, creds(lab), FAST), READ, NLBSFLAGS) == RegRead(False)
        send(lab.state_dir, {"op": "os", "host": "fe01", "os": "windows-2000"})
        with WinRMClient(fe01, creds(lab), FAST) as client:
            assert read_os(client, READ).name == "windows-2000"
        for bad, says in (({"op": "set", "host": "zz", "value": 1}, "no host"),
                          ({"op": "set", "host": "fe01", "value": 2**32}, "REG_DWORD"),
                          ({"op": "set", "host": "fe01", "value": "1"}, "REG_DWORD"),
                          ({"op": "os", "host": "fe01", "os": "windows-95"}, "knows no"),
                          ({"op": "rm", "host": "fe01"}, "unknown control operation")):
            with pytest.raises(ControlError, match=says):
                send(lab.state_dir, bad)
        assert lab.host("fe01").nlbsflags() is None  # nothing refused was applied
        assert not list((lab.state_dir / "control").glob("re[qs]-*"))  # every exchange cleaned up
        assert oct((lab.state_dir / "control").stat().st_mode & 0o777) == "0o700"
    with pytest.raises(ControlError, match="no lab is running"):
        send(tmp_path / "lab", {"op": "set", "host": "fe01", "value": 1}, timeout=1)


def _oakley(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=ROOT, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **env})


def test_oakley_lab_set_reaches_a_lab_process(tmp_path: Path) -> None:
    state = tmp_path / "state"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LAB_PW": "a-lab-password-1"}
    lab = subprocess.Popen([sys.executable, "-m", "bot", "lab", "--state-dir", str(state), "--password-env", "LAB_PW",
                            "--runs", "fe02=windows-2000"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    try:
        assert lab.stdout is not None
        exports: dict[str, str] = {}
        while len(exports) < 3:  # OAKLEY_INVENTORY, _USERNAME, _PASSWORD as `NAME=value; export NAME`
            line = lab.stdout.readline()
            assert line, lab.stderr.read() if lab.stderr else ""
            name, _, value = line.partition(";")[0].partition("=")
            exports[name] = shlex.split(value)[0]
        from remote.inventory import load_inventory
        from remote.winrm_client import Credentials

        inventory = load_inventory(exports["OAKLEY_INVENTORY"])
        user = exports["OAKLEY_WINRM_USERNAME"]
        client = lambda: WinRMClient(inventory.hosts["fe01"], Credentials(user, "a-lab-password-1"), FAST)  # noqa: E731
        assert registry.read(client(), READ, NLBSFLAGS).value == 1
        done = _oakley(["lab", "set", "fe01", "0", "--state-dir", str(state)])
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"fe01: NLBSFlags 1 → 0 (the lab in {state})"
        assert registry.read(client(), READ, NLBSFLAGS) == RegRead(True, "REG_DWORD", 0)
        refused = _oakley(["lab", "set", "fe01", "lots", "--state-dir", str(state)])
        assert refused.returncode == 1 and "REG_DWORD" in refused.stderr
        assert inventory.hosts["fe02"].os == "windows-2003"  # --runs: the inventory keeps its entry
        with WinRMClient(inventory.hosts["fe02"], Credentials(user, "a-lab-password-1"), FAST) as c:
            assert read_os(c, READ).name == "windows-2000"
    finally:
        lab.terminate()
        lab.wait(timeout=30)
    deadline = time.monotonic() + 5
    while (state / "control" / "lab.pid").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    gone = _oakley(["lab", "set", "fe01", "1", "--state-dir", str(state)])
    assert gone.returncode == 1 and "no lab is running" in gone.stderr
