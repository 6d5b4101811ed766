"""Checkpoints of the chain head in OAKLEY_AUDIT_CHANNEL, and the unkeyed-chain warning (issue 11, items 2 and 4)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import audit
from bot.db.engine import make_engine, session_factory, upgrade
from remote.lab import Lab
from tests.bot.fake_slack import FakeSlack
from tests.bot.test_slack_http import Bot, _ts_of, start_serve


def test_checkpointer_posts_after_changes_and_daily(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    sessions = session_factory(engine)
    posted: list[str] = []
    now = [datetime(2026, 11, 27, 9, 0, tzinfo=UTC)]
    cp = audit.Checkpointer(sessions, posted.append, keyed=True, clock=lambda: now[0])
    assert cp.tick() and posted == ["Audit checkpoint: the chain is empty."]
    with sessions.begin() as s:
        event = audit.append(s, b"k", actor="alice", action="note")
    assert cp.after_change()
    assert f"event {event.id}" in posted[-1] and event.hash in posted[-1] and "HMAC" in posted[-1]
    assert not cp.after_change()  # the head did not move: nothing new to witness
    now[0] += timedelta(hours=23)
    assert not cp.tick()
    now[0] += timedelta(hours=2)
    assert cp.tick() and len(posted) == 3  # daily, even when nothing changed
    engine.dispose()


@pytest.fixture
def bot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Bot, Path]]:
    export = tmp_path / "audit.jsonl"
    monkeypatch.setenv("OAKLEY_AUDIT_CHANNEL", "C_AUDIT")
    monkeypatch.setenv("OAKLEY_AUDIT_EXPORT", str(export))
    monkeypatch.delenv("OAKLEY_AUDIT_KEY", raising=False)
    fake = FakeSlack()
    with Lab(state_dir=tmp_path / "lab") as lab:
        db = f"sqlite:///{tmp_path}/oakley.db"
        url, proc = start_serve(fake, lab, lab.write_inventory(tmp_path / "inventory.yaml"), db)
        try:
            yield Bot(url, fake, lab, db), export
        finally:
            proc.terminate()
            output = proc.communicate(timeout=20)[0]
            fake.close()
        assert output.count("OAKLEY_AUDIT_KEY is not set") == 1, output


def test_slack_posts_a_checkpoint_after_a_change(bot: tuple[Bot, Path]) -> None:
    b, export = bot
    b.command("U_ALICE", "set nlbsflags 1 on fe02 because CHG-7 faster recovery")
    approval = b.fake.wait_for("chat.postMessage", lambda a: a.get("channel") == "C_APPROVALS")
    b.click("U_BOB", "approve", "1", _ts_of(b, approval), "C_APPROVALS")
    b.fake.wait_for("chat.update", lambda a: "Succeeded" in json.dumps(a.get("blocks")))
    checkpoint = b.fake.wait_for("chat.postMessage", lambda a: a.get("channel") == "C_AUDIT"
                                 and "event 5" in a.get("text", ""))
    lines = [json.loads(line) for line in export.read_text().splitlines()]
    assert [x["action"] for x in lines] == ["requested", "approved", "executing", "remote_write", "succeeded"]
    assert lines[-1]["seq"] == 5 and lines[-1]["hash"] in checkpoint["text"] and "SHA-256" in checkpoint["text"]
