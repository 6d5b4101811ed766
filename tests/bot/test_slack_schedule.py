"""Scheduled changes and staged rollouts as Slack users see them: the card says when, the sweep runs
it when the window opens and posts the outcome in the request's thread; halted hosts say why."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import messages
from bot.services import Services, build_services
from bot.settings import Settings
from bot.slack.app import web_client
from bot.slack.surface import Surface
from remote.lab import Lab
from tests.bot.fake_slack import FakeSlack
from tests.bot.test_slack_surface import wait_for_copy

SOON = datetime.now(UTC) + timedelta(hours=3)
WINDOW = f"daily {SOON:%H}:00-{(SOON + timedelta(hours=1)):%H}:00"  # closed now, opens within 3 hours


@pytest.fixture
def surface(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Surface, FakeSlack, Services, Lab]]:
    fake = FakeSlack()
    with Lab(state_dir=tmp_path / "lab") as lab:
        for key, value in {
            "OAKLEY_INVENTORY": str(lab.write_inventory(tmp_path / "inv.yaml")),
            "OAKLEY_WINRM_USERNAME": lab.username, "OAKLEY_WINRM_PASSWORD": lab.password,
            "OAKLEY_DATABASE_URL": f"sqlite:///{tmp_path}/oakley.db", "OAKLEY_REQUESTERS": "*",
            "OAKLEY_APPROVERS": "U_BOB", "OAKLEY_ADMINS": "U_ROOT", "OAKLEY_CHANGE_WINDOWS": WINDOW,
        }.items():
            monkeypatch.setenv(key, value)
        services = build_services(Settings())
        surf = Surface(services, web_client("xoxb-test", fake.url), workers=4)
        yield surf, fake, services, lab
        surf.pool.shutdown(wait=True)
        services.close()
        fake.check_blocks()
        fake.close()


def test_a_home_approval_outside_the_window_is_scheduled_then_run_by_the_sweep(
        surface: tuple[Surface, FakeSlack, Services, Lab]) -> None:
    surf, fake, services, lab = surface
    surf.handle_text("set nlbsflags 1 on fe02 because CHG-9 faster recovery", "U_ANYONE", "C1")
    fake.wait_for("chat.postMessage", lambda a: "actions" in json.dumps(a.get("blocks")))
    wait_for_copy(services, 1)
    surf.approve_clicked("U_BOB", 1, None, None)  # from the App Home: no channel
    scheduled = json.dumps(fake.wait_for("chat.update", lambda a: "Scheduled" in json.dumps(a["blocks"]))["blocks"])
    assert "approved by <@U_BOB>" in scheduled and "cancel 1" in scheduled and "<!date^" in scheduled
    assert lab.host("fe02").nlbsflags() is None
    surf.sweep_scheduled()  # not yet
    assert services.workflow.group(1)[0].status == "scheduled"
    opens = services.workflow.group(1)[0].scheduled_for
    assert opens is not None and opens > datetime.now(UTC)
    services.workflow.clock = lambda: opens + timedelta(seconds=30)
    surf.sweep_scheduled()
    outcome = fake.wait_for("chat.postMessage", lambda a: "succeeded" in a.get("text", ""))
    assert (outcome["channel"], outcome["thread_ts"]) in {(c.channel, c.ts) for c in messages.of(services.sessions, 1)}
    assert lab.host("fe02").nlbsflags() == 1
    fake.wait_for("chat.update", lambda a: "Succeeded" in json.dumps(a["blocks"]))


def test_a_non_admin_cannot_run_it_now_and_an_admin_can(surface: tuple[Surface, FakeSlack, Services, Lab]) -> None:
    surf, fake, services, lab = surface
    services.workflow.request("U_ANYONE", ["fe02"], 1, "CHG-9 faster recovery", channel="C1")
    surf.handle_text("approve 1 now", "U_BOB", "C1")
    refused = fake.wait_for("chat.postEphemeral")
    assert "admin role" in refused["text"] and services.workflow.group(1)[0].status == "pending"
    surf.handle_text("approve 1", "U_BOB", "C1")
    fake.wait_for("chat.postMessage", lambda a: "Scheduled" in json.dumps(a.get("blocks")))
    surf.handle_text("approve 1 now", "U_ROOT", "C1")
    decision = fake.wait_for("chat.postMessage", lambda a: "run now by" in a.get("text", ""))
    assert "run now by <@U_ROOT>, outside the change windows" in decision["text"]
    fake.wait_for("chat.postMessage", lambda a: "succeeded" in a.get("text", ""))
    assert lab.host("fe02").nlbsflags() == 1


def test_a_halted_rollout_says_why_in_the_thread(surface: tuple[Surface, FakeSlack, Services, Lab]) -> None:
    surf, fake, services, lab = surface
    services.workflow.windows = services.workflow.windows._replace(windows=())  # always open
    group = services.workflow.request("U_ANYONE", ["fe02", "fe01"], 0, "CHG-9 roll back fast failover",
                                      channel="C1")
    lab.host(group[0].host).faults.deny_writes = True
    before = lab.host(group[1].host).nlbsflags()
    surf.handle_text("approve 1 acknowledge", "U_BOB", "C1")
    outcome = fake.wait_for("chat.postMessage", lambda a: "halted" in a.get("text", ""))
    assert f"the canary {group[0].host} failed" in outcome["text"]
    assert lab.host(group[1].host).nlbsflags() == before  # untouched
    assert [c.status for c in services.workflow.group(1)] == ["failed", "halted"]
