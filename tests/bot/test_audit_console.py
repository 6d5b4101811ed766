"""The auditor's check end to end: changes made through the console, then tampering on copies of the database."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from tests.bot.test_console import run

SCRIPT = """\
set nlbsflags 1 on fe02 because CHG-1 faster IPSec recovery
set nlbsflags 1 on fe03 because CHG-2 try the other front-end
/as bob
deny 2 not during the migration window
approve 1
"""


def test_denied_and_approved_changes_then_tampering_on_copies(tmp_path: Path) -> None:
    export = tmp_path / "audit.jsonl"
    done = run(["console"], tmp_path, SCRIPT, OAKLEY_REQUESTERS="alice", OAKLEY_APPROVERS="bob",
               OAKLEY_AUDIT_EXPORT=str(export))
    assert done.returncode == 0, done.stderr
    rows = {r["id"]: r for r in json.loads(run(["history", "--json"], tmp_path).stdout)}
    assert rows[2]["status"] == "denied" and rows[2]["decision_reason"] == "not during the migration window"
    assert rows[2]["decided_by"] == "bob" and rows[2]["approver"] is None
    assert rows[1]["requested"] == {"present": True, "value": 1} and rows[1]["approver"] == "bob"
    ok = run(["audit", "verify", "--export", str(export)], tmp_path)
    assert ok.returncode == 0 and "unkeyed" in ok.stdout, ok.stdout + ok.stderr

    def copy(name: str, sql: str) -> Path:
        where = tmp_path / name
        where.mkdir()
        shutil.copy(tmp_path / "oakley.db", where / "oakley.db")
        with sqlite3.connect(where / "oakley.db") as db:
            db.execute(sql)
        return where

    edited = copy("edited", "UPDATE changes SET approver = 'mallory' WHERE id = 1")
    bad = run(["audit", "verify"], edited)
    assert bad.returncode == 1 and "change 1" in bad.stdout and "approver" in bad.stdout

    truncated = copy("truncated", "DELETE FROM audit_events WHERE id > (SELECT max(id) - 2 FROM audit_events)")
    against_export = run(["audit", "verify", "--export", str(export)], truncated)
    assert against_export.returncode == 1 and "truncated" in against_export.stdout
    alone = run(["audit", "verify"], truncated)  # the rows no longer match their shortened history either
    assert alone.returncode == 1 and "change 1" in alone.stdout
