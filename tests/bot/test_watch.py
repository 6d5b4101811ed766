"""The drift watch (issue 14 item 1) against the lab over WinRM, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot import history
from bot.db.engine import make_engine, session_factory
from bot.db.models import AuditEvent, Change, FleetSnapshot, Lease, Observation
from bot.leases import NamedLease
from bot.watch import WATCHER, Watch, run_loop
from kb.store import default_kb
from remote.lab import Lab
from remote.winrm_client import Credentials, Timeouts
from tests.bot.test_workflow import Clock, Env

HOSTS = ["fe01", "fe02", "fe03", "be01", "be02", "dc01"]


@pytest.fixture
def env(database_url: str, tmp_path: Path) -> Iterator[Env]:
    with Lab(state_dir=tmp_path / "lab") as lab:
        e = Env(database_url, lab, tmp_path)
        yield e
        e.engine.dispose()


def make_watch(env: Env, sessions: object = None, clock: object = None, **kwargs: object) -> Watch:
    creds = Credentials(env.lab.username, env.lab.password)
    return Watch(sessions or env.sessions, default_kb(), env.inventory, lambda h: creds,  # type: ignore[arg-type]
                 audit_key=env.key, clock=clock or env.clock, timeouts=Timeouts(operation=5, read=10, deadline=30),
                 **kwargs)  # type: ignore[arg-type]


def observed(env: Env) -> list[Change]:
    with env.sessions() as s:
        return list(s.execute(select(Change).where(Change.status == "observed").order_by(Change.id)).scalars())


def count(env: Env, model: type) -> int:
    with env.sessions() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def approved_change(env: Env, host: str, value: int) -> int:
    [change] = env.workflow.request("alice", [host], value, "faster IPSec recovery")
    env.clock.now += timedelta(minutes=1)
    env.workflow.approve("bob", change.id)
    [done] = env.workflow.execute(change.id)
    assert done.status == "succeeded"
    return change.id


def test_a_value_changed_by_hand_after_an_approved_change_is_observed_once(env: Env) -> None:
    cid = approved_change(env, "fe02", 1)
    env.clock.now += timedelta(minutes=5)
    env.lab.host("fe02").set_nlbsflags(0)  # someone with regedit on the server
    watch = make_watch(env)
    result = watch.round()
    assert result.ran and [(d.host, d.before, d.after) for d in result.drifted] == [("fe02", "1", "0")]
    assert sorted(result.first_seen) == sorted(h for h in HOSTS if h != "fe02")  # baselines, not changes
    assert result.summary().startswith("read 6 hosts: 1 changed outside Oakley (fe02 1 → 0), 5 seen for the first")
    [row] = observed(env)
    assert (row.host, row.status, row.requester, row.reason) == ("fe02", "observed", WATCHER, "changed outside Oakley")
    assert (row.before_present, row.before_value, row.before_type) == (True, 1, "REG_DWORD")
    assert (row.after_present, row.after_value, row.after_type) == (True, 0, "REG_DWORD")
    assert row.requested_at == row.executed_at == env.clock.now and row.group_id == row.id
    assert row.approver is None and row.decided_by is None
    shown = history.to_json(row)
    assert shown["requested"] is None and shown["before"] == {"present": True, "value": 1, "type": "REG_DWORD"}
    assert shown["after"] == {"present": True, "value": 0, "type": "REG_DWORD"} and shown["status"] == "observed"
    last = env.events()[-1]
    assert last == ("observed", WATCHER, row.id)
    with env.sessions() as s:
        details = s.execute(select(AuditEvent.details).where(AuditEvent.change_id == row.id)).scalar_one()
    assert f'"known_from":"change {cid}"' in details
    events = len(env.events())
    assert env.verify() == (events, None)  # audit verify replays the observed row
    # Nothing changed since: nothing recorded, not even an audit event.
    env.clock.now += timedelta(minutes=5)
    again = watch.round()
    assert again.ran and not again.drifted and not again.first_seen and len(again.unchanged) == 6
    assert again.summary() == "read 6 hosts: 6 unchanged"
    assert len(observed(env)) == 1 and len(env.events()) == events
    assert count(env, FleetSnapshot) == 2 and count(env, Observation) == 6


def test_a_change_after_the_last_observation_is_found_from_the_observation(env: Env) -> None:
    watch = make_watch(env)
    first = watch.round()
    assert sorted(first.first_seen) == sorted(HOSTS) and not first.drifted
    assert count(env, Change) == 0 and env.events() == []  # a baseline is not a change
    env.clock.now += timedelta(minutes=1)
    env.lab.host("fe01").set_nlbsflags(0)
    env.lab.host("be01").set_value("REG_SZ", "1")  # typed values are recorded as such
    result = watch.round()
    assert sorted((d.host, d.before, d.after) for d in result.drifted) == [
        ("be01", "absent", 'text "1" (REG_SZ)'), ("fe01", "1", "0")]
    be01 = next(r for r in observed(env) if r.host == "be01")
    assert (be01.before_present, be01.after_present, be01.after_type, be01.after_data, be01.after_value) == (
        False, True, "REG_SZ", "1", None)
    assert be01.action == "set"
    env.clock.now += timedelta(minutes=1)
    env.lab.host("fe01").set_nlbsflags(None)
    [gone] = watch.round().drifted
    assert (gone.host, gone.before, gone.after) == ("fe01", "0", "absent")
    assert observed(env)[-1].action == "delete"
    assert env.verify()[1] is None


def test_an_unreachable_host_is_reported_never_recorded_and_keeps_its_state(env: Env) -> None:
    watch = make_watch(env)
    watch.round()
    env.clock.now += timedelta(minutes=1)
    fe01 = env.lab.host("fe01")
    fe01.set_refusing(True)
    fe01.set_nlbsflags(0)  # changed while nobody can read it
    result = watch.round()
    assert [h for h, _ in result.unreachable] == ["fe01"] and result.unreachable[0][1].kind == "unreachable"
    assert not result.drifted and result.noteworthy and "1 unreachable (fe01)" in result.summary()
    assert "fe01: not read (unreachable)" in result.report()
    assert observed(env) == [] and env.events() == []
    with env.sessions() as s:
        kept = s.get(Observation, "fe01")
        assert kept is not None and kept.value == 1  # the last known state stays
        snap = s.execute(select(FleetSnapshot).order_by(FleetSnapshot.id.desc())).scalars().first()
        assert snap is not None and (snap.unreachable, snap.read) == (1, 5)
    fe01.set_refusing(False)
    env.clock.now += timedelta(minutes=1)
    [drift] = watch.round().drifted
    assert (drift.host, drift.before, drift.after) == ("fe01", "1", "0")


def test_oakleys_own_change_in_flight_is_not_drift(env: Env) -> None:
    watch = make_watch(env)
    watch.round()
    env.clock.now += timedelta(minutes=1)
    [change] = env.workflow.request("alice", ["fe02"], 1, "faster IPSec recovery")
    env.workflow.approve("bob", change.id)
    fe02 = env.lab.host("fe02")
    fe02.faults.drop_after_write = fe02.faults.down_after_write = True  # written, unconfirmed, unreadable
    [done] = env.workflow.execute(change.id)
    assert done.status == "unknown" and fe02.nlbsflags() == 1
    fe02.faults.drop_after_write = fe02.faults.down_after_write = False
    fe02.set_refusing(False)
    env.clock.now += timedelta(minutes=1)
    result = watch.round()
    assert result.busy == [("fe02", change.id)] and not result.drifted  # Oakley's own write, not settled yet
    assert "1 skipped while Oakley changes them (fe02: change" in result.summary()
    env.workflow.reconcile("bob", change.id)
    env.clock.now += timedelta(minutes=1)
    after = watch.round()
    assert not after.drifted and "fe02" in after.unchanged and observed(env) == []


def test_a_change_stuck_unknown_does_not_hide_a_hand_made_value(env: Env) -> None:
    watch = make_watch(env)
    watch.round()
    env.clock.now += timedelta(minutes=1)
    [change] = env.workflow.request("alice", ["fe02"], 1, "faster IPSec recovery")
    env.workflow.approve("bob", change.id)
    fe02 = env.lab.host("fe02")
    fe02.faults.drop_after_write = fe02.faults.down_after_write = True
    assert env.workflow.execute(change.id)[0].status == "unknown"
    fe02.faults.drop_after_write = fe02.faults.down_after_write = False
    fe02.set_refusing(False)
    fe02.set_nlbsflags(7)  # neither the value before nor the one asked for: someone's hand
    env.clock.now += timedelta(minutes=1)
    [drift] = watch.round().drifted
    assert (drift.host, drift.before, drift.after) == ("fe02", "absent", "7")
    assert env.workflow.group(change.id)[0].status == "unknown"  # still for `reconcile` to settle


def test_a_change_that_runs_while_the_watch_reads_is_not_drift(env: Env) -> None:
    watch = make_watch(env, concurrency=1)  # hosts read in inventory order: fe01, fe02, …
    watch.round()
    env.clock.now += timedelta(minutes=1)
    [change] = env.workflow.request("alice", ["fe02"], 1, "faster IPSec recovery")
    env.workflow.approve("bob", change.id)

    def progress(done: int, total: int, outcome: object) -> None:
        if done == 2:  # fe02 was just read (absent); the approved change runs now
            env.clock.now += timedelta(seconds=1)
            env.workflow.execute(change.id)

    result = watch.round(progress)
    assert ("fe02", change.id) in result.busy and not result.drifted and observed(env) == []
    env.clock.now += timedelta(minutes=1)
    assert "fe02" in watch.round().unchanged  # the next round knows it from the change


def test_two_instances_at_once_record_exactly_one_row(env: Env) -> None:
    make_watch(env).round()  # the baseline
    env.clock.now += timedelta(minutes=1)
    env.lab.host("fe01").set_nlbsflags(0)
    env.lab.host("fe03").faults.latency = 0.3  # rounds long enough to overlap
    engines = [make_engine(env.url) for _ in range(2)]
    watches = [make_watch(env, session_factory(e)) for e in engines]
    barrier = threading.Barrier(2)
    results: list[object] = []

    def one(w: Watch) -> None:
        barrier.wait()
        results.append(w.round())

    threads = [threading.Thread(target=one, args=(w,)) for w in watches]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    finally:
        for e in engines:
            e.dispose()
    ran = [r for r in results if r.ran]  # type: ignore[attr-defined]
    assert len(results) == 2 and len(ran) == 1  # the other found the lease held (fe03 keeps a round ~2 s long)
    assert sum(len(r.drifted) for r in ran) == 1  # type: ignore[attr-defined]
    [row] = observed(env)
    assert (row.host, row.before_value, row.after_value) == ("fe01", 1, 0)
    assert [a for a, _, _ in env.events()] == ["observed"]
    assert env.verify()[1] is None
    skipped = next(r for r in results if not r.ran)  # type: ignore[attr-defined]
    assert "another instance is watching" in skipped.summary()  # type: ignore[attr-defined]


def test_two_rounds_recording_without_the_lease_still_record_once(env: Env) -> None:
    """The recording itself is serialised and leaves a host observed by a newer round alone."""
    a, b = make_watch(env), make_watch(env)
    a.round()
    env.clock.now += timedelta(minutes=1)
    env.lab.host("fe01").set_nlbsflags(0)
    late = env.clock.now
    env.clock.now += timedelta(seconds=10)
    first = a.round()  # started after b's reads (below) began, recorded first
    assert [d.host for d in first.drifted] == ["fe01"]
    env.clock.now = late  # b's reads began earlier; its recording comes second
    second = b.round()
    assert not second.drifted and "fe01" in second.unchanged
    assert len(observed(env)) == 1


def test_the_lease_is_taken_over_only_when_its_holder_stopped_renewing(env: Env) -> None:
    clock = Clock()
    a = NamedLease(env.sessions, "watch", "a", timedelta(seconds=60), clock)
    b = NamedLease(env.sessions, "watch", "b", timedelta(seconds=60), clock)
    assert a.try_acquire() and not b.try_acquire() and a.holder()[0] == "a"
    clock.now += timedelta(seconds=59)
    assert not b.try_acquire()
    clock.now += timedelta(seconds=2)  # a's lease ran out: a is presumed gone
    assert b.try_acquire() and b.holder()[0] == "b"
    assert not a.renew() and a.lost
    b.release()
    assert b.holder() == (None, None) and a.try_acquire()


def test_a_round_whose_lease_was_taken_over_records_nothing(env: Env) -> None:
    make_watch(env).round()
    env.clock.now += timedelta(minutes=1)
    env.lab.host("fe01").set_nlbsflags(0)
    watch = make_watch(env, owner="slow")

    def progress(done: int, total: int, outcome: object) -> None:
        if done == 1:  # another instance took the lease meanwhile (this one was presumed gone)
            with env.sessions.begin() as s:
                lease = s.get(Lease, "watch")
                assert lease is not None
                lease.owner = "other"

    result = watch.round(progress)
    assert not result.ran and observed(env) == []


def test_the_loop_reads_once_per_interval_across_two_instances(env: Env) -> None:
    from datetime import UTC, datetime

    wall = lambda: datetime.now(UTC)  # noqa: E731
    engines = [make_engine(env.url) for _ in range(2)]
    watches = [make_watch(env, session_factory(e), clock=wall) for e in engines]
    stop = threading.Event()
    rounds: list[object] = []
    threads = [threading.Thread(target=run_loop, args=(w, timedelta(seconds=1), stop, rounds.append),
                                kwargs={"tick": timedelta(seconds=0.05)}) for w in watches]
    try:
        for t in threads:
            t.start()
        stop.wait(3.5)
    finally:
        stop.set()
        for t in threads:
            t.join(30)
        for e in engines:
            e.dispose()
    with env.sessions() as s:
        taken = list(s.execute(select(FleetSnapshot.taken_at).order_by(FleetSnapshot.taken_at)).scalars())
    assert 2 <= len(taken) <= 5 and len(rounds) == len(taken)
    assert all(later - earlier >= timedelta(seconds=0.99) for earlier, later in pairwise(taken))
    assert observed(env) == []
