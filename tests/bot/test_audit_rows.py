"""`audit verify` replays each change's events and names a `changes` row that disagrees (issue 11, item 1)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, insert, select, update

from bot import audit
from bot.db.models import AuditEvent, Change
from remote.lab import Lab
from tests.bot.test_workflow import Env

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(database_url: str, tmp_path: Path) -> Iterator[Env]:
    with Lab(state_dir=tmp_path / "lab") as lab:
        e = Env(database_url, lab, tmp_path)
        yield e
        e.engine.dispose()


def every_outcome(env: Env) -> dict[str, int]:
    """One change in each state the workflow can leave a row in; returns status -> change id."""
    w, clock = env.workflow, env.clock
    ids: dict[str, int] = {}
    [ok] = w.request("alice", ["fe02"], 1, "faster IPSec recovery")
    clock.now += timedelta(minutes=1)
    w.approve("bob", ok.id)
    w.execute(ok.id)
    ids["succeeded"] = ok.id
    [denied] = w.request("alice", ["fe03"], 1, "try it")
    w.deny("bob", denied.id, "not during the migration")
    ids["denied"] = denied.id
    [cancelled] = w.request("alice", ["fe03"], 1, "oops")
    w.cancel("alice", cancelled.id)
    ids["cancelled"] = cancelled.id
    [expired] = w.request("alice", ["fe03"], 1, "nobody looks")
    clock.now += timedelta(minutes=31)
    w.expire_due()
    ids["expired"] = expired.id
    [stale] = w.request("alice", ["fe03"], 1, "drifts")
    w.approve("bob", stale.id, acknowledge=True)
    env.lab.host("fe03").set_nlbsflags(7)
    w.execute(stale.id)
    ids["stale"] = stale.id
    [failed] = w.request("alice", ["fe01"], 0, "refused write")
    w.approve("bob", failed.id, acknowledge=True)
    env.lab.host("fe01").faults.deny_writes = True
    w.execute(failed.id)
    ids["failed"] = failed.id
    [odd] = w.request("alice", ["be01"], 5, "outside the article")
    w.approve("bob", odd.id, acknowledge=True)
    ids["approved"] = odd.id
    [rev] = w.revert("alice", ok.id, "back to the default")
    ids["pending-revert"] = rev.id
    return ids


def _other(value: Any, column: Any) -> Any:
    """A different value of the same column type."""
    python = column.type.python_type if not hasattr(column.type, "impl") else datetime
    if isinstance(value, bool) or (value is None and python is bool):
        return not value
    if isinstance(value, int) or (value is None and python is int):
        return (value or 0) + 3
    if isinstance(value, datetime):
        return value + timedelta(seconds=1)
    if value is None and python is datetime:
        return datetime(2026, 1, 1, tzinfo=datetime.now().astimezone().tzinfo)
    return (value or "") + "x" if value else "mallory"


def test_every_outcome_replays_cleanly(env: Env) -> None:
    ids = every_outcome(env)
    with env.sessions() as s:
        assert {c.status for c in s.execute(select(Change)).scalars()} >= {
            "succeeded", "pending", "denied", "cancelled", "expired", "stale", "failed", "approved"}
        denied = s.get(Change, ids["denied"])
        assert denied is not None and denied.approver is None and denied.decided_by == "bob"
        assert s.get(Change, ids["expired"]).decided_by == "oakley"  # type: ignore[union-attr]
    count, problem = env.verify()
    assert problem is None and count > 20


def test_every_field_edit_is_named(env: Env) -> None:
    ids = every_outcome(env)
    columns = Change.__table__.c
    for name in audit.ROW_FIELDS:
        for cid in (ids["succeeded"], ids["denied"]):
            with env.sessions() as s:
                original = s.execute(select(columns[name]).where(Change.id == cid)).scalar()
            forged = _other(original, columns[name])
            with env.sessions.begin() as s:
                s.execute(update(Change).where(Change.id == cid).values({name: forged}))
            _, problem = env.verify()
            assert problem is not None, f"editing {name} of change {cid} went unnoticed"
            assert (problem.kind, problem.id, problem.field) == ("change", cid, name), problem
            with env.sessions.begin() as s:
                s.execute(update(Change).where(Change.id == cid).values({name: original}))
    assert env.verify()[1] is None


def test_deleted_and_inserted_rows_are_named(env: Env) -> None:
    ids = every_outcome(env)
    with env.sessions.begin() as s:
        s.execute(delete(Change).where(Change.id == ids["denied"]))
    _, problem = env.verify()
    assert problem is not None and problem.id == ids["denied"] and "no row" in problem.reason
    with env.sessions.begin() as s:
        row = s.execute(select(Change.__table__).where(Change.id == ids["succeeded"])).mappings().one()
        s.execute(insert(Change).values({**row, "id": ids["denied"]}))
    _, problem = env.verify()
    assert problem is not None and problem.id == ids["denied"]  # events say "denied", the row says otherwise
    with env.sessions.begin() as s:
        s.execute(insert(Change).values({**row, "id": 999}))
        s.execute(delete(Change).where(Change.id == ids["denied"]))
        s.execute(delete(AuditEvent).where(AuditEvent.change_id == ids["denied"]))
    # the chain breaks first (events removed); a row with no events at all is named by verify_changes
    with env.sessions() as s:
        _, problem = audit.verify_changes(s)
    assert problem is not None and problem.id == 999 and "no audit events" in problem.reason


def test_cli_names_the_row_and_field(env: Env) -> None:
    ids = every_outcome(env)
    run = lambda: subprocess.run([sys.executable, "-m", "bot", "audit", "verify"], capture_output=True,  # noqa: E731
                                 text=True, cwd=ROOT, timeout=180,
                                 env={**os.environ, "PYTHONPATH": str(ROOT), "OAKLEY_DATABASE_URL": env.url})
    ok = run()
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "rows match" in ok.stdout and "unkeyed" in ok.stdout
    with env.sessions.begin() as s:
        s.execute(update(Change).where(Change.id == ids["succeeded"]).values(approver="mallory"))
    bad = run()
    assert bad.returncode == 1
    assert f"change {ids['succeeded']}" in bad.stdout and "approver" in bad.stdout and "mallory" in bad.stdout


def test_a_row_inserted_and_audited_without_row_data_is_bound(env: Env) -> None:
    # e.g. `watch` recording an observed change: the inserted row is bound to its event automatically
    now = env.clock()
    with env.sessions.begin() as s:
        change = Change(host="fe02", value_name="NLBSFlags", action="set", target_value=None, before_present=True,
                        before_value=1, before_type="REG_DWORD", after_present=True, after_value=0,
                        after_type="REG_DWORD", status="observed", requester="oakley-watch", reason="",
                        requested_at=now, expires_at=now)
        s.add(change)
        s.flush()
        audit.append(s, None, actor="oakley-watch", action="observed", change_id=change.id, host="fe02")
    assert env.verify() == (1, None)
    with env.sessions.begin() as s:
        s.execute(update(Change).where(Change.id == change.id).values(after_value=1))
    _, problem = env.verify()
    assert problem is not None and (problem.id, problem.field) == (change.id, "after_value")
