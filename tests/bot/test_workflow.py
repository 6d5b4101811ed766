"""The change workflow on SQLite and PostgreSQL, against the lab."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot import audit
from bot.db.engine import make_engine, session_factory, upgrade
from bot.db.models import AuditEvent
from bot.roles import Roles
from bot.workflow import Workflow, WorkflowError
from kb.store import default_kb
from remote.inventory import load_inventory
from remote.lab import Lab
from remote.winrm_client import Credentials, Timeouts

ROOT = Path(__file__).resolve().parents[2]
ROLES = Roles.parse("alice,erin", "bob,dave," + ",".join(f"ap{i}" for i in range(20)), "root")


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


class Env:
    def __init__(self, url: str, lab: Lab, tmp: Path, key: bytes | None = None) -> None:
        self.url, self.lab, self.key = url, lab, key
        self.engine = make_engine(url)
        upgrade(self.engine)
        self.sessions = session_factory(self.engine)
        self.inventory_path = lab.write_inventory(tmp / "inventory.yaml")
        self.inventory = load_inventory(self.inventory_path)
        self.clock = Clock()
        creds = Credentials(lab.username, lab.password)
        self.workflow = Workflow(self.sessions, default_kb(), self.inventory, lambda h: creds, ROLES,
                                 ttl=timedelta(minutes=30), audit_key=key, clock=self.clock,
                                 timeouts=Timeouts(operation=5, read=10, deadline=30))

    def events(self) -> list[tuple[str, str, int | None]]:
        with self.sessions() as s:
            rows = s.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars()
            return [(e.action, e.actor, e.change_id) for e in rows]

    def verify(self) -> tuple[int, audit.Problem | None]:
        with self.sessions() as s:
            return audit.verify(s, self.key)


@pytest.fixture
def env(database_url: str, tmp_path: Path) -> Iterator[Env]:
    with Lab(state_dir=tmp_path / "lab") as lab:
        e = Env(database_url, lab, tmp_path)
        yield e
        e.engine.dispose()


def test_approve_to_read_back_is_one_logon_and_one_shell(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1, "faster IPSec recovery")
    served = env.lab.host("fe02")
    requests, connections = served.requests, served.connections
    env.workflow.approve("bob", change.id)
    [done] = env.workflow.execute(change.id)
    assert done.status == "succeeded" and served.nlbsflags() == 1
    # re-read, write, read-back: 2 to log on, Create, 3 x (Command, Receive), 2 Signals, Delete
    assert (served.requests - requests, served.connections - connections) == (12, 1)
    assert served.shells.open_shells == 0


def test_stale_change_costs_one_read(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1, "faster IPSec recovery")
    served = env.lab.host("fe02")
    served.set_nlbsflags(7)
    requests = served.requests
    env.workflow.approve("bob", change.id)
    [done] = env.workflow.execute(change.id)
    assert done.status == "stale" and served.nlbsflags() == 7
    assert served.requests - requests == 6


def test_request_approve_execute_records_everything(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1, "faster IPSec recovery")
    assert (change.status, change.before_present, change.before_value) == ("pending", False, None)
    assert "about 6 minutes now" in change.kb_summary and "about 2 minutes after" in change.kb_summary
    assert change.outside_guidance is None
    env.clock.now += timedelta(minutes=5)
    [approved] = env.workflow.approve("bob", change.id)
    assert approved.status == "approved" and approved.approver == "bob"
    [done] = env.workflow.execute(change.id)
    assert done.status == "succeeded"
    assert (done.after_present, done.after_value, done.after_type) == (True, 1, "REG_DWORD")
    assert env.lab.host("fe02").nlbsflags() == 1
    assert [a for a, _, _ in env.events()] == ["requested", "approved", "executing", "remote_write", "succeeded"]
    assert env.verify() == (5, None)


def test_self_approval_is_refused(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1)
    roles = Roles.parse("alice", "alice", "")
    env.workflow.roles = roles
    with pytest.raises(WorkflowError) as err:
        env.workflow.approve("alice", change.id)
    assert err.value.kind == "permission" and "two-person rule" in err.value.message
    assert env.workflow.group(change.id)[0].status == "pending"


@pytest.mark.parametrize(("user", "action", "role"), [
    ("carol", "request", "requester"), ("carol", "approve", "approver"), ("alice", "approve", "approver"),
    ("erin", "deny", "approver"),
])
def test_missing_roles_are_named(env: Env, user: str, action: str, role: str) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1)
    with pytest.raises(WorkflowError) as err:
        if action == "request":
            env.workflow.request(user, ["fe02"], 1)
        elif action == "approve":
            env.workflow.approve(user, change.id)
        else:
            env.workflow.deny(user, change.id)
    assert err.value.kind == "permission" and f"the {role} role" in err.value.message


def test_expired_request_cannot_be_approved(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1)
    env.clock.now += timedelta(minutes=31)
    with pytest.raises(WorkflowError) as err:
        env.workflow.approve("bob", change.id)
    assert err.value.kind == "expired"
    assert env.workflow.group(change.id)[0].status == "expired"
    with pytest.raises(WorkflowError):  # and stays refused
        env.workflow.approve("bob", change.id)
    assert env.lab.host("fe02").nlbsflags() is None
    assert [a for a, _, _ in env.events()] == ["requested", "expired"]


def test_expiry_sweep(env: Env) -> None:
    [a] = env.workflow.request("alice", ["fe02"], 1)
    env.clock.now += timedelta(minutes=20)
    [b] = env.workflow.request("alice", ["fe03"], 1)
    env.clock.now += timedelta(minutes=15)
    assert env.workflow.expire_due() == [a.id]
    assert env.workflow.group(b.id)[0].status == "pending"


def test_drift_makes_the_change_stale_and_writes_nothing(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1)
    env.workflow.approve("bob", change.id)
    env.lab.host("fe02").set_nlbsflags(7)  # someone changed it by hand meanwhile
    [done] = env.workflow.execute(change.id)
    assert done.status == "stale" and "was absent, now 7" in (done.error or "")
    assert env.lab.host("fe02").nlbsflags() == 7
    assert "remote_write" not in [a for a, _, _ in env.events()]


def test_revert_of_an_absent_value_deletes_it(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1)
    env.workflow.approve("bob", change.id)
    env.workflow.execute(change.id)
    [revert] = env.workflow.revert("alice", change.id)
    assert revert.action == "delete" and revert.reverts == change.id and revert.before_value == 1
    assert "undoes the article's recommendation" in (revert.outside_guidance or "")
    with pytest.raises(WorkflowError) as err:
        env.workflow.approve("bob", revert.id)
    assert err.value.kind == "needs_ack"
    env.workflow.approve("bob", revert.id, acknowledge=True)
    [done] = env.workflow.execute(revert.id)
    assert done.status == "succeeded" and done.after_present is False
    assert env.lab.host("fe02").nlbsflags() is None


def test_only_succeeded_changes_revert(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1)
    with pytest.raises(WorkflowError, match="only a succeeded change"):
        env.workflow.revert("alice", change.id)


def test_deny_and_cancel(env: Env) -> None:
    [a] = env.workflow.request("alice", ["fe02"], 1)
    [denied] = env.workflow.deny("bob", a.id, "not during business hours")
    assert denied.status == "denied" and denied.decision_reason == "not during business hours"
    [b] = env.workflow.request("alice", ["fe02"], 1)
    with pytest.raises(WorkflowError, match="only alice"):
        env.workflow.cancel("erin", b.id)
    assert env.workflow.cancel("alice", b.id)[0].status == "cancelled"
    [c] = env.workflow.request("alice", ["fe02"], 1)
    assert env.workflow.cancel("root", c.id)[0].status == "cancelled"
    with pytest.raises(WorkflowError) as err:
        env.workflow.approve("bob", c.id)
    assert err.value.kind == "conflict"


def test_outside_guidance_needs_acknowledgement(env: Env) -> None:
    [change] = env.workflow.request("alice", ["be01"], 1)
    assert "back-end" in (change.outside_guidance or "")
    with pytest.raises(WorkflowError) as err:
        env.workflow.approve("bob", change.id)
    assert err.value.kind == "needs_ack" and f"approve {change.id} acknowledge" in err.value.message
    [approved] = env.workflow.approve("bob", change.id, acknowledge=True)
    assert approved.acknowledged


def test_values_the_article_does_not_describe_are_flagged(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 2)
    assert "only describes NLBSFlags = 1, not 2" in (change.outside_guidance or "")
    with pytest.raises(WorkflowError) as err:
        env.workflow.request("alice", ["fe02"], 2**32)
    assert err.value.kind == "invalid"


def test_group_request_is_one_approval_per_host_records(env: Env) -> None:
    group = env.workflow.request("alice", ["frontends"], 1, "all front-ends")
    assert [c.host for c in group] == ["fe02", "fe03"]  # fe01 already has 1
    assert {c.group_id for c in group} == {group[0].id}
    assert "Windows Server 2003 behaviour" in (group[1].outside_guidance or "")
    env.workflow.approve("bob", group[1].id, acknowledge=True)  # any member id names the group
    env.lab.host("fe03").faults.deny_writes = True
    done = env.workflow.execute(group[0].id)
    assert [(c.host, c.status) for c in done] == [("fe02", "succeeded"), ("fe03", "failed")]
    assert "access_denied" in (done[1].error or "")


def test_unreadable_host_means_nothing_is_requested(env: Env) -> None:
    env.lab.host("fe03").set_refusing(True)
    with pytest.raises(WorkflowError) as err:
        env.workflow.request("alice", ["fe02", "fe03"], 1)
    assert err.value.kind == "remote" and "fe03" in err.value.message
    assert env.events() == []


def test_unknown_target_and_no_op(env: Env) -> None:
    with pytest.raises(WorkflowError, match="no host or group named 'fe99'"):
        env.workflow.request("alice", ["fe99"], 1)
    with pytest.raises(WorkflowError, match="already 1 on fe01"):
        env.workflow.request("alice", ["fe01"], 1)


def test_double_click_executes_once(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1)
    env.workflow.approve("bob", change.id)
    with pytest.raises(WorkflowError) as err:
        env.workflow.approve("dave", change.id)
    assert err.value.kind == "conflict"
    env.workflow.execute(change.id)
    env.workflow.execute(change.id)
    assert [a for a, _, _ in env.events()].count("remote_write") == 1


def test_twenty_approvers_at_once_execute_once(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1)
    barrier = threading.Barrier(20)
    outcomes: list[str] = []
    lock = threading.Lock()

    def click(i: int) -> None:
        barrier.wait()
        try:
            env.workflow.approve(f"ap{i}", change.id)
            env.workflow.execute(change.id)
            result = "approved"
        except WorkflowError as exc:
            result = exc.kind
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=click, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["approved"] + ["conflict"] * 19
    actions = [a for a, _, _ in env.events()]
    assert actions.count("approved") == 1 and actions.count("remote_write") == 1
    assert actions.count("succeeded") == 1
    assert env.verify()[1] is None  # the chain did not fork under contention


WORKER = (
    "import sys, time; from datetime import timedelta\n"
    "from bot.db.engine import make_engine, session_factory\n"
    "from bot.roles import Roles\nfrom bot.workflow import Workflow\nfrom kb.store import default_kb\n"
    "from remote.inventory import load_inventory\nfrom remote.winrm_client import Credentials, Timeouts\n"
    "url, inv, user, pw, job, lease = sys.argv[1:]\n"
    "c = Credentials(user, pw)\n"
    "w = Workflow(session_factory(make_engine(url)), default_kb(), load_inventory(inv), lambda h: c,\n"
    "             Roles.parse('', '', ''), timeouts=Timeouts(operation=10, read=20, deadline=60),\n"
    "             lease=timedelta(seconds=float(lease)))\n"
    "if job == 'recover':  # a second instance starting up, again and again\n"
    "    found = []\n"
    "    for _ in range(40):\n"
    "        found += [c.id for c in w.recover_interrupted()]\n"
    "        time.sleep(0.1)\n"
    "    print('recovered', found)\n"
    "else:\n"
    "    w.execute(int(job))\n"
)


def _worker(env: Env, job: str, lease: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, env.url, str(env.inventory_path), env.lab.username, env.lab.password, job,
         str(lease)], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True)


def test_crash_between_write_and_record_becomes_unknown_once_the_lease_runs_out(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1)
    env.workflow.approve("bob", change.id)
    env.lab.host("fe02").faults.command_seconds = 3  # each command takes 3 s to complete
    proc = _worker(env, str(change.id), lease=60)
    deadline = time.monotonic() + 30
    while env.lab.host("fe02").nlbsflags() != 1 and time.monotonic() < deadline:
        time.sleep(0.05)  # wait until the write has reached the host…
    proc.kill()  # …and kill the process before it can record the result
    proc.wait()
    [row] = env.workflow.group(change.id)
    assert row.status == "executing" and row.owner and row.lease_until is not None
    assert env.workflow.recover_interrupted() == []  # its lease still vouches for it
    env.workflow.lease_clock = lambda: datetime.now(UTC) + timedelta(seconds=61)  # the lease runs out
    recovered = env.workflow.recover_interrupted()
    assert [c.id for c in recovered] == [change.id] and recovered[0].status == "unknown"
    assert f"reconcile {change.id}" in (recovered[0].error or "")
    env.lab.host("fe02").faults.command_seconds = 0
    env.workflow.execute(change.id)  # never re-run by itself
    assert env.workflow.group(change.id)[0].status == "unknown"
    assert env.events()[-1][0] == "unknown"
    with pytest.raises(WorkflowError, match="reconcile"):
        env.workflow.revert("alice", change.id)
    [settled] = env.workflow.reconcile("bob", change.id)  # the host has 1: the write happened
    assert settled.status == "succeeded" and (settled.after_present, settled.after_value) == (True, 1)
    assert env.events()[-2:] == [("remote_write", "bob", change.id), ("succeeded", "bob", change.id)]
    [revert] = env.workflow.revert("alice", change.id)  # and now it can be reverted
    assert revert.action == "delete"
    assert env.verify()[1] is None


def test_a_second_instance_leaves_a_running_change_alone(env: Env) -> None:
    """Two processes on one database: one executes a slow change (short lease, renewed by its
    heartbeat) while the other starts up and recovers again and again."""
    [change] = env.workflow.request("alice", ["fe02"], 1)
    env.workflow.approve("bob", change.id)
    env.lab.host("fe02").faults.command_seconds = 1.5  # read, write, read back: about 4.5 s
    runner = _worker(env, str(change.id), lease=1)
    deadline = time.monotonic() + 20
    while env.workflow.group(change.id)[0].status != "executing" and time.monotonic() < deadline:
        time.sleep(0.02)
    second = _worker(env, "recover", lease=1)
    out, _ = second.communicate(timeout=60)
    runner.wait(60)
    assert out.strip() == "recovered []"
    [done] = env.workflow.group(change.id)
    assert done.status == "succeeded" and env.lab.host("fe02").nlbsflags() == 1
    assert [a for a, _, _ in env.events()][-2:] == ["remote_write", "succeeded"]


def test_a_write_whose_reply_is_lost_is_confirmed_by_a_fresh_read(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1)
    env.workflow.approve("bob", change.id)
    env.lab.host("fe02").faults.drop_after_write = True  # applied, then the connection closes
    [done] = env.workflow.execute(change.id)
    assert done.status == "succeeded" and (done.after_present, done.after_value) == (True, 1)
    assert "confirmed on a fresh connection" in (done.error or "")
    actions = [a for a, _, _ in env.events()]
    assert actions[-2:] == ["remote_write", "succeeded"] and "failed" not in actions
    env.lab.host("fe02").faults.drop_after_write = False
    [revert] = env.workflow.revert("alice", change.id)
    assert revert.action == "delete"


def test_a_write_whose_host_then_goes_down_is_unknown_until_reconciled(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1)
    env.workflow.approve("bob", change.id)
    host = env.lab.host("fe02")
    host.faults.drop_after_write = host.faults.down_after_write = True
    [done] = env.workflow.execute(change.id)
    assert done.status == "unknown" and "fresh read failed too" in (done.error or "")
    assert f"reconcile {change.id}" in (done.error or "")
    assert "remote_write" not in [a for a, _, _ in env.events()]
    with pytest.raises(WorkflowError) as err:  # still down: it stays unknown
        env.workflow.reconcile("bob", change.id)
    assert err.value.kind == "remote" and env.workflow.group(change.id)[0].status == "unknown"
    host.faults.drop_after_write = host.faults.down_after_write = False
    host.set_refusing(False)
    with pytest.raises(WorkflowError) as err:
        env.workflow.reconcile("erin", change.id)  # a requester, not an approver
    assert err.value.kind == "permission"
    [settled] = env.workflow.reconcile("dave", change.id)
    assert settled.status == "succeeded"
    with pytest.raises(WorkflowError) as err:  # settled once
        env.workflow.reconcile("bob", change.id)
    assert err.value.kind == "conflict"
    assert env.verify()[1] is None


def test_reconcile_to_failed_when_the_host_has_the_old_value(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1)
    env.workflow.approve("bob", change.id)
    host = env.lab.host("fe02")
    host.faults.drop_after_write = host.faults.down_after_write = True
    env.workflow.execute(change.id)
    host.faults.drop_after_write = host.faults.down_after_write = False
    host.set_refusing(False)
    host.set_nlbsflags(None)  # out of band: someone put it back by hand
    [settled] = env.workflow.reconcile("bob", change.id)
    assert settled.status == "failed" and "nothing was written" in (settled.error or "")
    host.set_nlbsflags(5)
    [other] = env.workflow.request("alice", ["fe03"], 1)
    with pytest.raises(WorkflowError, match="only a change whose outcome is unknown"):
        env.workflow.reconcile("bob", other.id)


def test_a_refused_write_is_failed_after_a_fresh_read(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1)
    env.workflow.approve("bob", change.id)
    env.lab.host("fe02").faults.deny_writes = True
    [done] = env.workflow.execute(change.id)
    assert done.status == "failed" and "access_denied" in (done.error or "") and "unchanged" in (done.error or "")


def test_hmac_chain_needs_the_key(database_url: str, tmp_path: Path) -> None:
    with Lab(state_dir=tmp_path / "lab") as lab:
        env = Env(database_url, lab, tmp_path, key=b"k" * 32)
        env.workflow.request("alice", ["fe02"], 1)
        assert env.verify() == (1, None)
        with env.sessions() as s:
            _, problem = audit.verify(s, None)
        assert problem is not None and "different OAKLEY_AUDIT_KEY" in problem.reason
        env.engine.dispose()


@pytest.mark.parametrize(("type_", "data", "shown"), [
    ("REG_SZ", "1", 'text "1" (REG_SZ)'),
    ("REG_BINARY", "01000000", "binary 01000000 (REG_BINARY)"),
    ("REG_EXPAND_SZ", "one", 'text "one" (REG_EXPAND_SZ)'),
    ("REG_QWORD", 1, "1 (REG_QWORD)"),
])
@pytest.mark.parametrize("os_name", ["windows-2003", "windows-2008"])  # reg.exe 3.0 and Vista+ output
def test_a_value_of_another_type_is_corrected_and_reverted_to_its_type(database_url: str, tmp_path: Path,
                                                                       type_: str, data: object, shown: str,
                                                                       os_name: str) -> None:
    from handlers import format as fmt
    from remote.lab import HostSpec

    with Lab([HostSpec("fe02", os_name, "front-end")], state_dir=tmp_path / "lab") as lab:
        env = Env(database_url, lab, tmp_path)
        lab.host("fe02").set_value(type_, data)  # out of band
        [change] = env.workflow.request("alice", ["fe02"], 1, "fix the type")
        assert (change.before_present, change.before_type, change.before_value) == (True, type_, None)
        assert fmt.value_change(change) == f"{shown} → 1 (REG_DWORD)"
        env.workflow.approve("bob", change.id, acknowledge=True)
        [done] = env.workflow.execute(change.id)  # not stale: the type is part of the comparison
        assert done.status == "succeeded", done.error
        assert (done.after_type, done.after_value) == ("REG_DWORD", 1)
        assert lab.host("fe02").value() == ("NLBSFlags", "REG_DWORD", 1)
        assert fmt.recorded_change(done) == f"{shown} → 1"
        [revert] = env.workflow.revert("alice", change.id)
        assert (revert.action, revert.target_type) == ("set", type_)
        assert fmt.value_change(revert) == f"1 → {shown}"
        env.workflow.approve("bob", revert.id, acknowledge=True)
        [back] = env.workflow.execute(revert.id)
        assert back.status == "succeeded", back.error
        restored = lab.host("fe02").value()
        assert restored is not None and (restored.type, str(restored.data)) == (type_, str(data))
        with pytest.raises(WorkflowError, match="already"):  # the same type and data is a no-op
            env.workflow.request("alice", ["fe02"], None, restore=(type_, str(data)))
        env.engine.dispose()


def test_a_changed_type_makes_the_change_stale(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1)
    env.workflow.approve("bob", change.id)
    env.lab.host("fe02").set_value("REG_SZ", "")
    [done] = env.workflow.execute(change.id)
    assert done.status == "stale" and 'now text "" (REG_SZ)' in (done.error or "")


def test_data_that_cannot_be_written_back_safely_is_refused(env: Env) -> None:
    for data in ['1" /f & calc', "%PATH%", "a/b", "x" * 300]:
        with pytest.raises(WorkflowError) as err:
            env.workflow.request("alice", ["fe02"], None, restore=("REG_SZ", data))
        assert err.value.kind == "invalid"
    with pytest.raises(WorkflowError):
        env.workflow.request("alice", ["fe02"], None, restore=("REG_MULTI_SZ", "a"))


def test_check_shows_the_type_and_data_as_found(env: Env) -> None:
    from bot.checks import check_hosts

    env.lab.host("fe02").set_value("REG_SZ", "1")
    [result] = check_hosts(default_kb(), [env.inventory.hosts["fe02"]],
                           lambda h: Credentials(env.lab.username, env.lab.password))
    assert result.verdict is not None and result.verdict.compliant is False
    assert 'text "1" (REG_SZ); the article\'s value is the number 1 (REG_DWORD)' in result.verdict.note
    assert result.to_json()["type"] == "REG_SZ"


def test_request_rate_is_per_user_and_shared_across_instances(env: Env) -> None:
    env.workflow.request_rate = 3
    other = Workflow(env.sessions, default_kb(), env.inventory, env.workflow.credentials, ROLES, clock=env.clock,
                     request_rate=3)
    for i, wf in enumerate([env.workflow, other, env.workflow]):
        with pytest.raises(WorkflowError, match="already"):
            wf.request("alice", ["fe01"], 1, f"try {i}")  # refused by the host's value, but counted
    with pytest.raises(WorkflowError) as err:
        other.request("alice", ["fe02"], 1)
    assert err.value.kind == "rate" and "OAKLEY_REQUEST_RATE=3" in err.value.message
    [mine] = env.workflow.request("erin", ["fe02"], 1)  # another user is not affected
    env.clock.now += timedelta(seconds=61)
    with pytest.raises(WorkflowError) as err:
        env.workflow.request("alice", ["fe02"], 1)
    assert err.value.kind == "duplicate" and f"change {mine.id}" in err.value.message
    assert env.workflow.request("alice", ["fe02"], 5)  # another value is another request


def test_over_long_user_ids_are_refused_clearly(env: Env) -> None:
    env.workflow.roles = Roles.parse("*", "bob", "")
    with pytest.raises(WorkflowError) as err:
        env.workflow.request("U" * 65, ["fe02"], 1)
    assert err.value.kind == "invalid" and "64 characters" in err.value.message
    assert env.events() == []


def test_an_owner_presumed_dead_does_not_overwrite_the_unknown(env: Env) -> None:
    """If another instance marked the change unknown (the lease ran out, say the process was
    paused), the late owner records nothing: no success without its settlement by reconcile."""
    [change] = env.workflow.request("alice", ["fe02"], 1)
    env.workflow.approve("bob", change.id)
    env.lab.host("fe02").faults.command_seconds = 1
    runner = threading.Thread(target=env.workflow.execute, args=(change.id,))
    runner.start()
    deadline = time.monotonic() + 10
    while env.workflow.group(change.id)[0].status != "executing" and time.monotonic() < deadline:
        time.sleep(0.02)
    other = Workflow(env.sessions, default_kb(), env.inventory, env.workflow.credentials, ROLES, clock=env.clock,
                     lease_clock=lambda: datetime.now(UTC) + timedelta(minutes=5))
    assert [c.id for c in other.recover_interrupted()] == [change.id]
    runner.join(30)
    [row] = env.workflow.group(change.id)
    assert row.status == "unknown" and env.lab.host("fe02").nlbsflags() == 1
    actions = [a for a, _, _ in env.events()]
    assert actions[-1] == "unknown" and "remote_write" not in actions and "succeeded" not in actions
    assert env.workflow.reconcile("bob", change.id)[0].status == "succeeded"
