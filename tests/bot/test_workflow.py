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


def test_crash_between_write_and_record_becomes_unknown(env: Env, tmp_path: Path) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1)
    env.workflow.approve("bob", change.id)
    env.lab.host("fe02").faults.command_seconds = 3  # each command takes 3 s to complete
    script = (
        "import sys; from datetime import timedelta\n"
        "from bot.db.engine import make_engine, session_factory\n"
        "from bot.roles import Roles\nfrom bot.workflow import Workflow\nfrom kb.store import default_kb\n"
        "from remote.inventory import load_inventory\nfrom remote.winrm_client import Credentials, Timeouts\n"
        "url, inv, user, pw, cid = sys.argv[1:]\n"
        "c = Credentials(user, pw)\n"
        "w = Workflow(session_factory(make_engine(url)), default_kb(), load_inventory(inv), lambda h: c,\n"
        "             Roles.parse('', '', ''), timeouts=Timeouts(operation=10, read=20, deadline=60))\n"
        "w.execute(int(cid))\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, env.url, str(env.inventory_path), env.lab.username, env.lab.password,
         str(change.id)], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 30
    while env.lab.host("fe02").nlbsflags() != 1 and time.monotonic() < deadline:
        time.sleep(0.05)  # wait until the write has reached the host…
    proc.kill()  # …and kill the process before it can record the result
    proc.wait()
    assert env.workflow.group(change.id)[0].status == "executing"
    recovered = env.workflow.recover_interrupted()
    assert [c.id for c in recovered] == [change.id] and recovered[0].status == "unknown"
    env.lab.host("fe02").faults.command_seconds = 0
    env.workflow.execute(change.id)  # never re-run by itself
    assert env.workflow.group(change.id)[0].status == "unknown"
    assert env.events()[-1][0] == "unknown"


def test_hmac_chain_needs_the_key(database_url: str, tmp_path: Path) -> None:
    with Lab(state_dir=tmp_path / "lab") as lab:
        env = Env(database_url, lab, tmp_path, key=b"k" * 32)
        env.workflow.request("alice", ["fe02"], 1)
        assert env.verify() == (1, None)
        with env.sessions() as s:
            _, problem = audit.verify(s, None)
        assert problem is not None and "different OAKLEY_AUDIT_KEY" in problem.reason
        env.engine.dispose()
