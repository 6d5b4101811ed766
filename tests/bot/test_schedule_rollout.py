"""Change windows (scheduled changes) and staged rollouts, on SQLite and PostgreSQL, against the lab."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.change_windows import parse_windows
from bot.roles import Roles
from bot.workflow import Workflow, WorkflowError
from kb.store import default_kb
from remote.lab import Lab
from remote.winrm_client import Credentials, Timeouts
from tests.bot.test_workflow import Env

ROLES = Roles.parse("alice", "bob,dave", "root")
WINDOW = "sat 22:00-02:00"  # the clock starts Friday 2026-11-27 09:00 UTC, outside it
SATURDAY_22 = datetime(2026, 11, 28, 22, 0, tzinfo=UTC)


def workflow_for(env: Env, *, windows: str | None = WINDOW, canary: int = 1) -> Workflow:
    creds = Credentials(env.lab.username, env.lab.password)
    return Workflow(env.sessions, default_kb(), env.inventory, lambda h: creds, ROLES, audit_key=env.key,
                    clock=env.clock, timeouts=Timeouts(operation=5, read=10, deadline=30),
                    windows=parse_windows(windows), canary=canary)


@pytest.fixture
def env(database_url: str, tmp_path: Path) -> Iterator[Env]:
    with Lab(state_dir=tmp_path / "lab") as lab:
        e = Env(database_url, lab, tmp_path, key=b"k")
        e.workflow = workflow_for(e)
        yield e
        e.engine.dispose()


def test_approved_outside_the_windows_is_scheduled_and_the_host_untouched(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1, "CHG-1 faster IPSec recovery")
    served = env.lab.host("fe02")
    requests = served.requests
    [approved] = env.workflow.approve("bob", change.id)
    assert (approved.status, approved.scheduled_for) == ("scheduled", SATURDAY_22)
    assert env.workflow.execute(change.id)[0].status == "scheduled"  # nothing approved to run
    assert env.workflow.start_due() == []  # the window has not opened
    assert served.requests == requests and served.nlbsflags() is None
    # expiry is for pending requests: a day later it is still scheduled
    env.clock.now += timedelta(hours=30)
    assert env.workflow.expire_due() == []
    assert env.workflow.group(change.id)[0].status == "scheduled"
    assert [a for a, _, _ in env.events()] == ["requested", "approved", "scheduled"]
    assert env.verify()[1] is None


def test_it_runs_once_when_the_window_opens_with_the_drift_check(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1, "CHG-1 faster IPSec recovery")
    env.workflow.approve("bob", change.id)
    env.clock.now = SATURDAY_22 + timedelta(seconds=20)
    other = workflow_for(env)  # a second instance sweeping the same database at the same moment
    taken: list[list[int]] = []
    barrier = threading.Barrier(2)

    def sweep(wf: Workflow) -> None:
        barrier.wait()
        taken.append(wf.start_due())

    threads = [threading.Thread(target=sweep, args=(wf,)) for wf in (env.workflow, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(taken) == [[], [change.id]]
    [done] = env.workflow.execute(change.id)
    assert done.status == "succeeded" and env.lab.host("fe02").nlbsflags() == 1
    assert done.scheduled_for is None
    assert [a for a, _, _ in env.events()][-5:] == ["scheduled", "window_opened", "executing", "remote_write",
                                                     "succeeded"]
    assert env.verify()[1] is None


def test_a_value_moved_before_the_window_makes_it_stale(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1, "CHG-1 faster IPSec recovery")
    env.workflow.approve("bob", change.id)
    env.lab.host("fe02").set_nlbsflags(0)  # changed by hand while it waited
    env.clock.now = SATURDAY_22
    assert env.workflow.start_due() == [change.id]
    [done] = env.workflow.execute(change.id)
    assert done.status == "stale" and env.lab.host("fe02").nlbsflags() == 0


def test_a_missed_window_moves_to_the_next_one_not_run_late(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1, "CHG-1 faster IPSec recovery")
    env.workflow.approve("bob", change.id)
    env.clock.now = SATURDAY_22 + timedelta(hours=5)  # Sunday 03:00: nobody ran during the window
    assert env.workflow.start_due() == []
    [row] = env.workflow.group(change.id)
    assert (row.status, row.scheduled_for) == ("scheduled", SATURDAY_22 + timedelta(days=7))
    assert env.events()[-1][0] == "rescheduled" and env.verify()[1] is None
    assert env.lab.host("fe02").nlbsflags() is None


def test_cancel_while_scheduled(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1, "CHG-1 faster IPSec recovery")
    env.workflow.approve("bob", change.id)
    with pytest.raises(WorkflowError) as err:
        env.workflow.cancel("dave", change.id)  # an approver, but not the one who approved it
    assert err.value.kind == "permission"
    [cancelled] = env.workflow.cancel("bob", change.id)
    from handlers.format import decision_text

    assert decision_text([cancelled]).startswith("Change 1 cancelled by bob at ")
    assert (cancelled.status, cancelled.decided_by) == ("cancelled", "bob")
    env.clock.now = SATURDAY_22
    assert env.workflow.start_due() == []
    assert env.lab.host("fe02").nlbsflags() is None and env.verify()[1] is None


def test_approve_now_is_an_admins_and_on_the_record(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1, "CHG-1 faster IPSec recovery")
    with pytest.raises(WorkflowError) as err:
        env.workflow.approve("bob", change.id, now=True)
    assert err.value.kind == "permission" and "admin" in err.value.message
    assert env.workflow.group(change.id)[0].status == "pending"
    env.workflow.approve("bob", change.id)  # scheduled
    [running] = env.workflow.approve("root", change.id, now=True)
    assert (running.status, running.scheduled_for) == ("approved", None)
    [done] = env.workflow.execute(change.id)
    assert done.status == "succeeded" and env.lab.host("fe02").nlbsflags() == 1
    assert ("run_now", "root", change.id) in env.events()
    with pytest.raises(WorkflowError) as again:
        env.workflow.approve("root", change.id, now=True)  # a second click
    assert again.value.kind == "conflict"
    assert env.verify()[1] is None


def test_an_admin_approving_a_pending_request_now_skips_the_window(env: Env) -> None:
    [change] = env.workflow.request("alice", ["fe02"], 1, "CHG-1 faster IPSec recovery")
    [approved] = env.workflow.approve("root", change.id, now=True)
    assert approved.status == "approved"
    assert env.workflow.execute(change.id)[0].status == "succeeded"


def test_inside_a_window_an_approval_runs_at_once(env: Env) -> None:
    env.clock.now = SATURDAY_22 + timedelta(hours=3)  # Sunday 01:00, inside Saturday's window
    [change] = env.workflow.request("alice", ["fe02"], 1, "CHG-1 faster IPSec recovery")
    assert env.workflow.approve("bob", change.id)[0].status == "approved"


# --- staged rollouts ----------------------------------------------------------------------------


def test_a_failed_canary_halts_the_rest(env: Env) -> None:
    env.workflow = workflow_for(env, windows=None)
    group = env.workflow.request("alice", ["fe02", "be01", "be02"], 1, "CHG-2 fleet rollout")
    env.lab.host(group[0].host).faults.deny_writes = True
    env.workflow.approve("bob", group[0].id, acknowledge=True)
    done = env.workflow.execute(group[0].id)
    assert [c.status for c in done] == ["failed", "halted", "halted"]
    assert all((c.error or "").startswith(f"not run: the canary {group[0].host} failed — ") for c in done[1:])
    assert all(env.lab.host(c.host).nlbsflags() is None for c in done)
    assert [a for a, _, _ in env.events()].count("halted") == 2
    assert env.verify()[1] is None


def test_the_rest_run_after_the_canaries_succeeded(env: Env) -> None:
    env.workflow = workflow_for(env, windows=None, canary=2)
    group = env.workflow.request("alice", ["fe02", "be01", "be02"], 1, "CHG-2 fleet rollout")
    order: list[str] = []
    env.workflow.approve("bob", group[0].id, acknowledge=True)
    done = env.workflow.execute(group[0].id, progress=lambda n, total, o: order.append(f"{o.host.name} {n}/{total}"))
    assert [c.status for c in done] == ["succeeded"] * 3
    assert [line.split()[0] for line in order][2:] == [group[2].host]  # the canaries, then the rest
    assert order[-1].endswith("3/3")


def test_a_stale_canary_halts_too(env: Env) -> None:
    env.workflow = workflow_for(env, windows=None)
    group = env.workflow.request("alice", ["fe02", "be01"], 1, "CHG-2 fleet rollout")
    env.lab.host(group[0].host).set_nlbsflags(5)
    env.workflow.approve("bob", group[0].id, acknowledge=True)
    done = env.workflow.execute(group[0].id)
    assert [c.status for c in done] == ["stale", "halted"]
    assert (done[1].error or "").startswith(f"not run: the canary {group[0].host} found the value changed since "
                                            "the request (stale) — ")
    assert env.lab.host(group[1].host).nlbsflags() is None


def test_approving_a_row_the_watch_recorded_says_what_it_is(env: Env) -> None:
    from bot.db.models import Change

    with env.sessions.begin() as s:
        row = Change(host="fe02", value_name="NLBSFlags", action="set", before_present=True, before_value=1,
                     status="observed", requester="oakley-watch", requested_at=env.clock(), expires_at=env.clock())
        s.add(row)
        s.flush()
        row.group_id = row.id
    with pytest.raises(WorkflowError) as err:
        env.workflow.approve("bob", 1)
    assert "is not a request: it records a value the drift watch found changed outside Oakley" in err.value.message
