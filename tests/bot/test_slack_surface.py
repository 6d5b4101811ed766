"""The Slack delivery layer in-process: expiry updates the message, Home stays within limits."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
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
    surf.handle_text("set nlbsflags 1 on fe02 because CHG-9 faster recovery", "U_ANYONE", "C1")
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
    from datetime import UTC, datetime, timedelta

    from bot import events
    from bot.db.models import ProcessedEvent

    _, _, services = surface
    assert events.first_time(services.sessions, "EvOld") and events.first_time(services.sessions, "EvNew")
    with services.sessions.begin() as s:
        s.get(ProcessedEvent, "EvOld").processed_at = datetime.now(UTC) - timedelta(days=3)  # type: ignore[union-attr]
    assert events.prune(services.sessions) == 1
    assert events.first_time(services.sessions, "EvOld") and not events.first_time(services.sessions, "EvNew")
