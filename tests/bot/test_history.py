"""History exports say what was asked, who decided and why (issue 11, item 3)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import history
from remote.lab import Lab
from tests.bot.test_audit_rows import every_outcome
from tests.bot.test_workflow import Env

ROOT = Path(__file__).resolve().parents[2]
KEYS = ["id", "host", "value_name", "action", "requested", "before", "after", "status", "requester", "approver",
        "decided_by", "decision_reason", "reason", "acknowledged", "outside_guidance", "reverts", "requested_at",
        "decided_at", "expires_at", "executed_at", "error"]


@pytest.fixture
def world(database_url: str, tmp_path: Path) -> Iterator[tuple[Env, dict[str, int]]]:
    with Lab(state_dir=tmp_path / "lab") as lab:
        e = Env(database_url, lab, tmp_path)
        ids = every_outcome(e)
        yield e, ids
        e.engine.dispose()


def cli(env: Env, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", "history", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=180,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "OAKLEY_DATABASE_URL": env.url})


def test_json_rows_carry_what_was_asked_and_decided(world: tuple[Env, dict[str, int]]) -> None:
    env, ids = world
    out = cli(env, "--json")
    assert out.returncode == 0, out.stderr
    rows = {r["id"]: r for r in json.loads(out.stdout)}
    assert all(list(r) == KEYS for r in rows.values())

    ok = rows[ids["succeeded"]]
    assert ok["action"] == "set" and ok["requested"] == {"present": True, "value": 1}
    assert ok["before"] == {"present": False, "value": None, "type": None}
    assert ok["after"] == {"present": True, "value": 1, "type": "REG_DWORD"}
    assert (ok["approver"], ok["decided_by"], ok["acknowledged"]) == ("bob", "bob", False)
    assert ok["expires_at"].endswith("Z") and ok["executed_at"] and ok["error"] is None

    denied = rows[ids["denied"]]
    assert denied["approver"] is None and denied["decided_by"] == "bob"
    assert denied["decision_reason"] == "not during the migration" and denied["after"] is None
    assert denied["requested"] == {"present": True, "value": 1}

    expired = rows[ids["expired"]]
    assert (expired["status"], expired["decided_by"], expired["approver"]) == ("expired", "oakley", None)

    revert = rows[ids["pending-revert"]]
    assert revert["status"] == "pending" and revert["reverts"] == ids["succeeded"]
    assert revert["action"] == "delete" and revert["requested"] == {"present": False, "value": None}
    assert revert["decided_by"] is None and revert["after"] is None

    failed = rows[ids["failed"]]
    assert failed["status"] == "failed" and failed["error"] and failed["requested"]["value"] == 0

    odd = rows[ids["approved"]]
    assert odd["acknowledged"] is True and odd["outside_guidance"]


def test_csv_has_the_same_fields_flat(world: tuple[Env, dict[str, int]]) -> None:
    env, ids = world
    out = cli(env, "--csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert tuple(rows[0]) == history.CSV_FIELDS
    denied = next(r for r in rows if r["id"] == str(ids["denied"]))
    assert (denied["approver"], denied["decided_by"], denied["decision_reason"]) == (
        "", "bob", "not during the migration")
    assert (denied["requested_present"], denied["requested_value"]) == ("true", "1")


def test_csv_cells_cannot_become_formulas(world: tuple[Env, dict[str, int]]) -> None:
    env, _ = world
    [c] = env.workflow.request("alice", ["fe03"], 1, "=HYPERLINK(\"http://evil\")")
    out = cli(env, "--csv", "--change", str(c.id))
    row = next(csv.DictReader(io.StringIO(out.stdout)))
    assert row["reason"].startswith("'=")


def test_events_list_a_changes_audit_trail(world: tuple[Env, dict[str, int]]) -> None:
    env, ids = world
    out = cli(env, "--events", "--change", str(ids["succeeded"]), "--json")
    assert out.returncode == 0, out.stderr
    found = json.loads(out.stdout)
    assert [e["action"] for e in found] == ["requested", "approved", "executing", "remote_write", "succeeded"]
    assert all(list(e) == list(history.EVENT_FIELDS) for e in found)
    assert found[1]["actor"] == "bob" and found[1]["data"]["row"]["approver"] == "bob"
    table = cli(env, "--events", "--change", str(ids["denied"]))
    assert table.stdout.splitlines()[0].split()[:4] == ["SEQ", "AT", "(UTC)", "ACTOR"]
    assert "denied" in table.stdout and "not during the migration" in table.stdout


def test_table_has_a_header_and_aligned_columns(world: tuple[Env, dict[str, int]]) -> None:
    env, _ = world
    env.workflow.request("alice", ["fe03"], 1, "reason with \x1b[31m escape")
    out = cli(env)
    lines = out.stdout.splitlines()
    assert lines[0].startswith("ID") and "STATUS" in lines[0] and "DECIDED BY" in lines[0]
    column = lines[0].index("STATUS")
    statuses = {line[column:].split()[0] for line in lines[1:]}
    assert statuses >= {"pending", "denied", "succeeded", "expired", "failed", "stale", "cancelled"}
    assert "\x1b" not in out.stdout
