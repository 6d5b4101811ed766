"""The Slack delivery layer in-process: expiry updates the message, Home stays within limits."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.services import Services, build_services
from bot.settings import Settings
from bot.slack.app import web_client
from bot.slack.surface import Surface
from remote.lab import Lab
from tests.bot.fake_slack import FakeSlack


@pytest.fixture
def surface(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Surface, FakeSlack, Services]]:
    fake = FakeSlack()
    with Lab(state_dir=tmp_path / "lab") as lab:
        for key, value in {
            "OAKLEY_INVENTORY": str(lab.write_inventory(tmp_path / "inv.yaml")),
            "OAKLEY_WINRM_USERNAME": lab.username, "OAKLEY_WINRM_PASSWORD": lab.password,
            "OAKLEY_DATABASE_URL": f"sqlite:///{tmp_path}/oakley.db", "OAKLEY_APPROVAL_TTL": "1s",
            "OAKLEY_REQUESTERS": "*", "OAKLEY_APPROVERS": "U_BOB",
        }.items():
            monkeypatch.setenv(key, value)
        services = build_services(Settings())
        surf = Surface(services, web_client("xoxb-test", fake.url), workers=4)
        yield surf, fake, services
        surf.pool.shutdown(wait=True)
        services.close()
        fake.check_blocks()
        fake.close()


def test_expired_request_updates_its_message(surface: tuple[Surface, FakeSlack, Services]) -> None:
    surf, fake, services = surface
    surf.handle_text("set nlbsflags 1 on fe02", "U_ANYONE", "C1")
    approval = fake.wait_for("chat.postMessage", lambda a: "actions" in json.dumps(a.get("blocks")))
    assert approval["channel"] == "C1"
    time.sleep(1.2)
    surf.sweep_expired()
    expired = fake.wait_for("chat.update")
    assert "Expired" in json.dumps(expired["blocks"]) and expired["channel"] == "C1"
    assert not any(b["type"] == "actions" for b in expired["blocks"])
    assert services.workflow.group(1)[0].status == "expired"


def test_home_for_an_approver_has_the_buttons(surface: tuple[Surface, FakeSlack, Services]) -> None:
    surf, fake, services = surface
    services.workflow.ttl = services.workflow.ttl * 3600
    for host in ("fe02", "fe03", "be01"):
        services.workflow.request("U_ANYONE", [host], 1, "x" * 480)
    view = surf.home("U_BOB")
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    assert sum(1 for b in view["blocks"] if b["type"] == "actions") == 3
    assert "Nothing waits for you" in json.dumps(surf.home("U_ANYONE"))
    surf.publish_home("U_BOB")
    assert fake.wait_for("views.publish")["user_id"] == "U_BOB"


def test_old_event_ids_are_pruned(surface: tuple[Surface, FakeSlack, Services]) -> None:
    from bot import events
    from bot.db.models import ProcessedEvent

    _, _, services = surface
    assert events.first_time(services.sessions, "EvOld") and events.first_time(services.sessions, "EvNew")
    with services.sessions.begin() as s:
        s.get(ProcessedEvent, "EvOld").processed_at = datetime.now(UTC) - timedelta(days=3)  # type: ignore[union-attr]
    assert events.prune(services.sessions) == 1
    assert events.first_time(services.sessions, "EvOld") and not events.first_time(services.sessions, "EvNew")


def test_a_rate_limited_approval_message_is_posted_after_retry_after(
        surface: tuple[Surface, FakeSlack, Services]) -> None:
    surf, fake, services = surface
    services.workflow.ttl = services.workflow.ttl * 3600
    fake.fail("chat.postMessage", 2, status=429, retry_after=1)  # Slack says: wait a second, twice
    surf.handle_text("set nlbsflags 1 on fe02", "U_ANYONE", "C1")
    approval = fake.wait_for("chat.postMessage", lambda a: "actions" in json.dumps(a.get("blocks")))
    assert approval["channel"] == "C1" and fake.refused == [("chat.postMessage", 429)] * 2
    assert len([a for a in fake.of("chat.postMessage") if "actions" in json.dumps(a.get("blocks"))]) == 1


def test_an_approval_message_that_cannot_be_posted_is_posted_by_the_sweep(
        surface: tuple[Surface, FakeSlack, Services]) -> None:
    surf, fake, services = surface
    services.workflow.ttl = services.workflow.ttl * 3600
    fake.fail("chat.postMessage", 4, status=0)  # the connection drops: past the client's 3 retries
    [change] = services.workflow.request("U_ANYONE", ["fe02"], 1, channel="C1")
    surf.post_approval(change.id, "C1", None)
    assert [m for m, _ in fake.refused] == ["chat.postMessage"] * 4
    note = fake.wait_for("chat.postMessage")  # the fifth call: the note to the requester gets through
    assert "could not be posted" in note["text"] and "try again" in note["text"]
    assert services.workflow.unposted(older_than=timedelta(0)) == [change.id]
    surf.sweep_unposted()  # too early: the sweep leaves a fresh request to its first poster
    assert not [a for a in fake.of("chat.postMessage") if "actions" in json.dumps(a.get("blocks"))]
    services.workflow.clock = lambda: datetime.now(UTC) + timedelta(minutes=1)
    surf.sweep_unposted()
    surf.sweep_unposted()  # and only once
    posted = [a for a in fake.of("chat.postMessage") if "actions" in json.dumps(a.get("blocks"))]
    assert len(posted) == 1 and posted[0]["channel"] == "C1"
    assert services.workflow.group(change.id)[0].message_ts not in (None, "") and services.workflow.unposted() == []


def test_a_change_found_unknown_has_its_message_updated(surface: tuple[Surface, FakeSlack, Services]) -> None:
    from sqlalchemy import update

    from bot.db.models import Change
    from bot.workflow import has_message

    surf, fake, services = surface
    services.workflow.ttl = services.workflow.ttl * 3600
    surf.handle_text("set nlbsflags 1 on fe02", "U_ANYONE", "C1")
    fake.wait_for("chat.postMessage", lambda a: "actions" in json.dumps(a.get("blocks")))
    deadline = time.monotonic() + 10
    while not has_message(services.workflow.group(1)[0]) and time.monotonic() < deadline:
        time.sleep(0.05)  # the message's ts is recorded once Slack answered
    services.workflow.approve("U_BOB", 1)
    with services.sessions.begin() as s:  # as a dead process leaves it: executing, lease run out
        s.execute(update(Change).values(status="executing", owner="gone:1:x",
                                        lease_until=datetime.now(UTC) - timedelta(seconds=1)))
    surf.sweep_interrupted()
    updated = fake.wait_for("chat.update")
    assert "Unknown" in json.dumps(updated["blocks"]) and "reconcile 1" in json.dumps(updated["blocks"])


def test_database_outage_gets_a_reply_not_silence(surface: tuple[Surface, FakeSlack, Services]) -> None:
    from sqlalchemy import create_engine

    from bot.db.engine import session_factory

    surf, fake, services = surface
    dead = create_engine("postgresql+psycopg://nobody@127.0.0.1:9/none", connect_args={"connect_timeout": 1})
    services.sessions = services.workflow.sessions = session_factory(dead)
    surf.handle_text("history fe02", "U_BOB", "C1")
    reply = fake.wait_for("chat.postEphemeral")
    assert reply["text"] == "The database is unavailable, try again in a moment."
    surf.approve_clicked("U_BOB", 1, "C1", None)
    assert len([a for a in fake.of("chat.postEphemeral") if "database is unavailable" in a["text"]]) == 2
    surf.handle_text("what does NLBSFlags do?", "U_BOB", "C1")  # the KB needs no database
    fake.wait_for("chat.postMessage", lambda a: "NLBSFlags" in a.get("text", ""))
