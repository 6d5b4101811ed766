"""The host's own OS in every check: mismatch, fallback, the shared cache and the request budget.

Real parts: the lab over HTTP (pywinrm, NTLM, message encryption), the
database on SQLite and PostgreSQL, the chat handlers and the CLI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from bot.checks import check_hosts
from bot.db.engine import make_engine, session_factory, upgrade
from bot.db.models import HostFact
from bot.hostfacts import HostFacts, parse_max_age
from bot.services import ConfigError, Services, build_services
from bot.settings import Settings
from handlers.context import ChatContext
from handlers.router import handle_text
from kb.store import default_kb
from remote.hostos import HostOS
from remote.inventory import Host, load_inventory
from remote.lab import HostSpec, Lab
from remote.winrm_client import Credentials, Timeouts

ROOT = Path(__file__).resolve().parents[2]
KB = default_kb()
FAST = Timeouts(operation=5, read=10, deadline=30)
BUDGET = 6  # HTTP requests per check per host (issue 13)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


class Setup:
    def __init__(self, url: str, lab: Lab, tmp: Path) -> None:
        self.url, self.lab = url, lab
        self.engine = make_engine(url)
        upgrade(self.engine)
        self.sessions = session_factory(self.engine)
        self.inventory_path = lab.write_inventory(tmp / "inventory.yaml")
        self.inventory = load_inventory(self.inventory_path)
        creds = Credentials(lab.username, lab.password)
        self.credentials = lambda host: creds
        self.clock = Clock()

    def facts(self, max_age: timedelta = timedelta(hours=24)) -> HostFacts:
        return HostFacts(self.sessions, max_age, clock=self.clock)

    def hosts(self, *names: str) -> list[Host]:
        return [self.inventory.hosts[n] for n in names]

    def check(self, facts: HostFacts | None, *names: str):
        return check_hosts(KB, self.hosts(*names), self.credentials, timeouts=FAST, facts=facts)

    def spent(self, action, *names: str) -> tuple[object, dict[str, int]]:
        before = {n: self.lab.host(n).requests for n in names}
        result = action()
        return result, {n: self.lab.host(n).requests - before[n] for n in names}


def topology() -> list[HostSpec]:
    return [
        HostSpec("fe01", "windows-2003", "front-end", nlbsflags=1),
        # inventoried as Windows Server 2003, but the host says 5.0: Windows 2000
        HostSpec("fe02", "windows-2000", "front-end", nlbsflags=1, inventory_os="windows-2003"),
        HostSpec("fe03", "windows-2008-r2", "front-end", nlbsflags=1, inventory_os="windows-2003"),
        HostSpec("be01", "windows-2003", "back-end"),
    ]


@pytest.fixture
def setup(database_url: str, tmp_path: Path) -> Iterator[Setup]:
    with Lab(topology(), state_dir=tmp_path / "lab") as lab:
        s = Setup(database_url, lab, tmp_path)
        yield s
        s.engine.dispose()


def test_mismatch_is_flagged_and_the_estimate_uses_the_hosts_os(setup: Setup) -> None:
    fe01, fe02, fe03 = setup.check(setup.facts(), "fe01", "fe02", "fe03")
    assert fe01.to_json()["expected_unplanned_failover_s"] == 120 and fe01.verdict and fe01.verdict.compliant
    # fe02: the inventory's 2003 would say compliant, 2 minutes; the host runs Windows 2000: 6 minutes, no timer
    row = fe02.to_json()
    assert (row["compliant"], row["expected_unplanned_failover_s"]) == (None, 360)
    assert {k: row["os"][k] for k in ("reported", "version", "product", "inventory", "source", "mismatch")} == {
        "reported": "windows-2000", "version": "5.0", "product": "Microsoft Windows 2000",
        "inventory": "windows-2003", "source": "host", "mismatch": True}
    assert fe02.verdict is not None and "on windows-2000 the article gives about 6 minutes" in fe02.verdict.note
    # fe03 reports 6.1 with a Vista-style reg.exe: Windows Server 2008 R2, which the article does not cover
    assert fe03.to_json()["os"]["reported"] == "windows-2008-r2" and fe03.to_json()["compliant"] is None
    assert fe01.to_json()["os"]["mismatch"] is False
    # the existing fields keep their shape
    assert set(row) == {"host", "ok", "present", "value", "type", "error", "compliant",
                        "expected_unplanned_failover_s", "os"}


def test_steady_state_checks_stay_within_the_request_budget(setup: Setup) -> None:
    names = ("fe01", "fe02", "be01")
    facts = setup.facts()
    _, first = setup.spent(lambda: setup.check(facts, *names), *names)
    assert first == {n: BUDGET + 6 for n in names}  # the first check of a host pays for the OS read
    _, second = setup.spent(lambda: setup.check(facts, *names), *names)
    assert second == {n: BUDGET for n in names}
    setup.clock.now += timedelta(hours=23)
    _, later = setup.spent(lambda: setup.check(facts, *names), *names)
    assert later == {n: BUDGET for n in names}
    setup.clock.now += timedelta(hours=2)  # now older than OAKLEY_OS_MAX_AGE: read again, once
    _, stale = setup.spent(lambda: setup.check(facts, *names), *names)
    assert stale == {n: BUDGET + 6 for n in names}
    _, again = setup.spent(lambda: setup.check(facts, *names), *names)
    assert again == {n: BUDGET for n in names}
    every = setup.facts(parse_max_age("0"))
    _, always = setup.spent(lambda: setup.check(every, "fe01"), "fe01")
    assert always == {"fe01": BUDGET + 6}
    # without facts (doctor, bench) the check is the plain read
    _, plain = setup.spent(lambda: setup.check(None, "fe01"), "fe01")
    assert plain == {"fe01": BUDGET}


def test_a_host_that_starts_answering_differently_is_seen_after_the_max_age(setup: Setup) -> None:
    facts = setup.facts()
    [before] = setup.check(facts, "fe01")
    assert before.os is not None and before.os.reported == "windows-2003"
    setup.lab.host("fe01").set_os("windows-2000")  # e.g. the inventory entry was right, the host was rebuilt
    [cached] = setup.check(facts, "fe01")
    assert cached.os is not None and cached.os.reported == "windows-2003"  # trusted until the max age
    setup.clock.now += timedelta(hours=25)
    [after] = setup.check(facts, "fe01")
    assert after.os is not None and after.os.reported == "windows-2000" and after.os.mismatch


@pytest.mark.parametrize(("fault", "why"), [("denied", "access denied"),
                                            ("malformed", "reg.exe output Oakley could not read"),
                                            ("absent", "no CurrentVersion value")])
def test_an_unreadable_os_falls_back_to_the_inventory_and_says_so(setup: Setup, fault: str, why: str) -> None:
    served = setup.lab.host("fe02")
    if fault == "absent":
        served.registry.delete(r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion", "CurrentVersion")
    else:
        served.faults.os_read = fault
    facts = setup.facts()
    [fe02] = setup.check(facts, "fe02")
    row = fe02.to_json()
    assert row["ok"] and row["value"] == 1
    # the inventory's windows-2003 is used: the 2003 estimate
    assert (row["compliant"], row["expected_unplanned_failover_s"]) == (True, 120)
    assert row["os"]["source"] == "inventory" and row["os"]["reported"] is None and not row["os"]["mismatch"]
    assert why in row["os"]["reason"]
    assert fe02.os is not None and fe02.os.note() == f"OS from the inventory (windows-2003): the host's could not be " \
                                                     f"read ({why})"
    # remembered: the next check does not pay for it again, and still says so
    [again], spent = setup.spent(lambda: setup.check(facts, "fe02"), "fe02")
    assert spent == {"fe02": BUDGET} and again.os == fe02.os


def test_a_lost_connection_is_not_remembered(setup: Setup) -> None:
    facts = setup.facts()
    facts.record({"fe01": HostOS(None, error_kind="timeout", error="timed out"),
                  "fe02": HostOS("windows-2000", "5.0", "Microsoft Windows 2000")})
    assert set(facts.known(["fe01", "fe02"])) == {"fe02"}
    assert facts.due(setup.hosts("fe01", "fe02")) == {"fe01"}


def test_an_unreachable_host_shows_what_is_remembered(setup: Setup) -> None:
    facts = setup.facts()
    setup.check(facts, "fe02")
    setup.lab.host("fe02").set_refusing(True)
    [fe02] = setup.check(facts, "fe02")
    assert fe02.error is not None and fe02.error.kind == "unreachable" and fe02.verdict is None
    assert fe02.os is not None and fe02.os.reported == "windows-2000" and fe02.os.mismatch


def test_the_database_away_does_not_fail_a_check(setup: Setup, tmp_path: Path) -> None:
    gone = HostFacts(session_factory(make_engine(f"sqlite:///{tmp_path}/no/such/dir/x.db")), timedelta(hours=24))
    [fe02], spent = setup.spent(lambda: setup.check(gone, "fe02"), "fe02")
    assert fe02.ok and fe02.os is not None and fe02.os.reported == "windows-2000"  # read, not remembered
    assert spent == {"fe02": BUDGET + 6}


def services(setup: Setup) -> Services:
    settings = Settings(database_url=setup.url, inventory=str(setup.inventory_path),
                        winrm_username=setup.lab.username, winrm_password=SecretStr(setup.lab.password),
                        requesters="alice", approvers="bob")
    return build_services(settings)


def chat(svc: Services, text: str, user: str = "alice") -> str:
    reply = handle_text(text, ChatContext(user, svc, channel="C1"))
    while reply.followup is not None:
        reply = reply.followup(lambda note: None)
    return reply.text


def test_two_instances_share_what_hosts_said(setup: Setup) -> None:
    one, two = services(setup), services(setup)
    try:
        text, spent = setup.spent(lambda: chat(one, "check fe02"), "fe02")
        assert spent == {"fe02": BUDGET + 6}
        assert ("the host reports windows-2000 (5.0, Microsoft Windows 2000) but the inventory says windows-2003: "
                "the estimate uses the host's") in str(text)
        assert "1 running another OS than the inventory says" in str(text)
        text2, spent2 = setup.spent(lambda: chat(two, "check fe02"), "fe02")  # the other instance: no OS read
        assert spent2 == {"fe02": BUDGET} and "the host reports windows-2000" in str(text2)
        with setup.sessions() as s:
            [row] = s.execute(select(HostFact)).scalars()
            assert (row.host, row.os_name, row.os_version) == ("fe02", "windows-2000", "5.0")
    finally:
        one.close()
        two.close()


def test_a_requests_guidance_uses_the_hosts_os(setup: Setup) -> None:
    svc = services(setup)
    try:
        setup.lab.host("fe02").set_nlbsflags(None)
        chat(svc, "check fe02")
        [change] = svc.workflow.request("alice", ["fe02"], 1, "CHG-1 faster IPSec recovery")
        assert "on fe02: about 6 minutes now (NLBSFlags absent) → about 6 minutes after" in change.kb_summary
        assert "the host reports windows-2000" in change.kb_summary
        assert change.outside_guidance and "fe02 runs windows-2000" in change.outside_guidance
        # never read: the inventory's OS, as before
        setup.lab.host("fe01").set_nlbsflags(None)
        [other] = svc.workflow.request("alice", ["fe01"], 1, "CHG-2 faster IPSec recovery")
        assert "about 6 minutes now (NLBSFlags absent) → about 2 minutes after" in other.kb_summary
    finally:
        svc.close()


def test_os_max_age_is_validated(setup: Setup) -> None:
    assert parse_max_age("0") == timedelta(0) and parse_max_age("12h") == timedelta(hours=12)
    settings = Settings(database_url=setup.url, inventory=str(setup.inventory_path), os_max_age="soon")
    with pytest.raises(ConfigError, match="OAKLEY_OS_MAX_AGE"):
        build_services(settings)


def _oakley(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **env}, timeout=120)


def test_cli_check_uses_the_configured_database(setup: Setup) -> None:
    env = {"OAKLEY_INVENTORY": str(setup.inventory_path), "OAKLEY_WINRM_USERNAME": setup.lab.username,
           "OAKLEY_WINRM_PASSWORD": setup.lab.password, "OAKLEY_DATABASE_URL": setup.url}
    done, spent = setup.spent(lambda: _oakley(["check", "fe02", "fe01", "--json"], env), "fe02", "fe01")
    assert done.returncode == 0, done.stderr
    assert spent == {"fe02": BUDGET + 6, "fe01": BUDGET + 6}
    fe02 = {row["host"]: row for row in json.loads(done.stdout)}["fe02"]
    assert fe02["os"]["mismatch"] is True and fe02["expected_unplanned_failover_s"] == 360
    table, spent = setup.spent(lambda: _oakley(["check", "fe02", "fe01"], env), "fe02", "fe01")
    assert table.returncode == 0, table.stderr
    assert spent == {"fe02": BUDGET, "fe01": BUDGET}  # remembered in the database by the first run
    fe02_line = next(line for line in table.stdout.splitlines() if line.startswith("fe02"))
    assert "windows-2000 (inventory: windows-2003)!" in fe02_line and "the estimate uses the host's" in fe02_line


def test_cli_check_without_a_usable_database_still_checks(setup: Setup, tmp_path: Path) -> None:
    env = {"OAKLEY_INVENTORY": str(setup.inventory_path), "OAKLEY_WINRM_USERNAME": setup.lab.username,
           "OAKLEY_WINRM_PASSWORD": setup.lab.password, "OAKLEY_DATABASE_URL": "mysql://nowhere/db"}
    done = _oakley(["check", "fe02", "--json"], env)
    assert done.returncode == 0, done.stderr
    assert "OAKLEY_DATABASE_URL" in done.stderr and "not remembered" in done.stderr
    assert json.loads(done.stdout)[0]["os"]["reported"] == "windows-2000"
    bad = _oakley(["check", "fe02"], {**env, "OAKLEY_OS_MAX_AGE": "often"})
    assert bad.returncode == 2 and "OAKLEY_OS_MAX_AGE" in bad.stderr


def test_two_instances_recording_at_once(setup: Setup) -> None:
    from concurrent.futures import ThreadPoolExecutor

    instances = [setup.facts() for _ in range(4)]
    seen = HostOS("windows-2000", "5.0", "Microsoft Windows 2000")
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda f: [f.record({"fe02": seen, "fe01": seen}) for _ in range(5)], instances))
    assert {n: k.os for n, k in setup.facts().known(["fe01", "fe02"]).items()} == {"fe01": seen, "fe02": seen}


def test_console_lab_set_changes_its_own_lab(tmp_path: Path) -> None:
    script = "check fe01\n/lab set fe01 0\ncheck fe01\n/lab set fe01 absent\n/lab set fe01 -1\n/lab set zz 1\n/lab\n"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "console"], input=script, capture_output=True, text=True, cwd=ROOT,
        timeout=180, env={**os.environ, "PYTHONPATH": str(ROOT), "OAKLEY_DATABASE_URL": f"sqlite:///{tmp_path}/o.db",
                          "XDG_STATE_HOME": str(tmp_path / "state"), "OAKLEY_INVENTORY": ""})
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "✓ fe01: NLBSFlags = 1" in out
    assert "lab: NLBSFlags on fe01 1 → 0 (out of band: Oakley did not make this change)" in out
    assert "✗ fe01: NLBSFlags = 0" in out  # read through WinRM after the out-of-band change
    assert "lab: NLBSFlags on fe01 0 → absent" in out
    assert "neither `absent` nor a REG_DWORD" in out and "the lab has no such host" in out
    assert "usage: /lab set HOST VALUE|absent" in out
