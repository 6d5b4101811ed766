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
from bot.slack.surface import Origin, Surface
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
    surf.handle_text("set nlbsflags 1 on fe02 because CHG-9 faster recovery", "U_ANYONE", "C1")
    approval = fake.wait_for("chat.postMessage", lambda a: "actions" in json.dumps(a.get("blocks")))
    assert approval["channel"] == "C1" and fake.refused == [("chat.postMessage", 429)] * 2
    assert len([a for a in fake.of("chat.postMessage") if "actions" in json.dumps(a.get("blocks"))]) == 1


def test_an_approval_message_that_cannot_be_posted_is_posted_by_the_sweep(
        surface: tuple[Surface, FakeSlack, Services]) -> None:
    surf, fake, services = surface
    services.workflow.ttl = services.workflow.ttl * 3600
    fake.fail("chat.postMessage", 4, status=0)  # the connection drops: past the client's 3 retries
    [change] = services.workflow.request("U_ANYONE", ["fe02"], 1, channel="C1")
    surf.post_approval(change.id, Origin("U_ANYONE", "C1"))
    assert [m for m, _ in fake.refused] == ["chat.postMessage"] * 4
    note = fake.wait_for("chat.postEphemeral")  # the note to the requester gets through
    assert "no approver could be reached yet" in note["text"] and "try again" in note["text"]
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
    surf.handle_text("set nlbsflags 1 on fe02 because CHG-9 faster recovery", "U_ANYONE", "C1")
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


def wait_for_copy(services: Services, gid: int, count: int = 1) -> None:
    """The approval message is recorded just after Slack answered the post."""
    from bot import messages

    deadline = time.monotonic() + 10
    while len(messages.of(services.sessions, gid)) < count:
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_expiry_is_told_as_oakleys_doing(surface: tuple[Surface, FakeSlack, Services]) -> None:
    surf, fake, _services = surface
    surf.handle_text("set nlbsflags 1 on fe02 because CHG-9 faster recovery", "U_ANYONE", "C1")
    fake.wait_for("chat.postMessage", lambda a: "actions" in json.dumps(a.get("blocks")))
    time.sleep(1.2)
    surf.sweep_expired()
    shown = json.dumps(fake.wait_for("chat.update")["blocks"])
    assert "no approver decided in time" in shown and "by <@U_ANYONE>" not in shown and "<!date^" in shown


def test_denial_reads_denied_by_and_escapes_the_reason(surface: tuple[Surface, FakeSlack, Services]) -> None:
    surf, fake, services = surface
    services.workflow.ttl = services.workflow.ttl * 3600
    surf.handle_text("set nlbsflags 1 on fe02 because CHG-9 faster recovery", "U_ANYONE", "C1")
    fake.wait_for("chat.postMessage", lambda a: "actions" in json.dumps(a.get("blocks")))
    wait_for_copy(services, 1)
    surf.deny_submitted("U_BOB", 1, "not during <!here> freeze & audit", "C1", None)
    shown = json.dumps(fake.wait_for("chat.update")["blocks"])
    assert "*Denied* by <@U_BOB>" in shown and "not during &lt;!here&gt; freeze &amp; audit" in shown


def test_back_end_request_says_the_estimate_does_not_apply(surface: tuple[Surface, FakeSlack, Services]) -> None:
    _surf, _fake, services = surface
    [change] = services.workflow.request("U_ANYONE", ["be01"], 1, "CHG-9 testing on a back-end")
    assert "does not apply to be01" in change.kb_summary and "minutes" not in change.kb_summary
    from bot.slack.blocks import approval_message

    confirm = json.dumps(next(b for b in approval_message([change]) if b["type"] == "actions"))
    assert "Set NLBSFlags to 1 on be01" in confirm and "departs from KB 821839" in confirm and "back-end" in confirm


def test_confirm_dialog_names_delete_and_revert(surface: tuple[Surface, FakeSlack, Services]) -> None:
    from bot.slack.blocks import action_words

    _surf, _fake, services = surface
    services.workflow.ttl = services.workflow.ttl * 3600
    [deleted] = services.workflow.request("U_ANYONE", ["fe01"], None, "CHG-9 undo the fast failover")
    assert action_words([deleted]) == "Delete NLBSFlags on fe01"
    services.workflow.approve("U_BOB", deleted.id, acknowledge=True)
    services.workflow.execute(deleted.id)
    [revert] = services.workflow.revert("U_ANYONE", deleted.id, "CHG-10 put it back")
    assert action_words([revert]) == f"Revert change {deleted.id}: set NLBSFlags back to 1 on fe01"


def test_history_pages_with_a_more_button(surface: tuple[Surface, FakeSlack, Services]) -> None:
    from datetime import UTC, datetime, timedelta

    from bot.db.models import Change

    surf, fake, services = surface
    now = datetime.now(UTC)
    with services.sessions.begin() as s:
        for i in range(45):
            s.add(Change(group_id=i + 1, host="fe02", value_name="NLBSFlags", action="set", target_value=1,
                         before_present=False, status="denied", requester="U_ANYONE", reason=f"r <{i}>",
                         requested_at=now - timedelta(minutes=i), expires_at=now))
    surf.handle_text("history FE02", "U_ANYONE", "C1")
    page = fake.wait_for("chat.postMessage", lambda a: "history_more" in json.dumps(a.get("blocks")))
    assert page["text"].count("\n") == 19 and "r &lt;0&gt;" in page["text"]
    assert "by <@U_ANYONE>" in page["text"] and "<!date^" in page["text"]
    button = next(b for b in page["blocks"] if b["type"] == "actions")["elements"][0]
    surf.history_more("U_ANYONE", button["value"], "C1", None)
    second = fake.wait_for("chat.postMessage", lambda a: "#25 " in a.get("text", ""))
    assert "history_more" in json.dumps(second["blocks"])
    third = json.loads(next(b for b in second["blocks"] if b["type"] == "actions")["elements"][0]["value"])
    surf.history_more("U_ANYONE", json.dumps(third), "C1", None)
    last = fake.wait_for("chat.postMessage", lambda a: "#45 " in a.get("text", ""))
    assert "history_more" not in json.dumps(last["blocks"])
    surf.history_more("U_ANYONE", "not json", "C1", None)  # a forged value is ignored


def test_split_lines_never_cuts_a_word() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from bot.slack.blocks import split_lines

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.text(alphabet="ab &;\n", max_size=40), max_size=200), st.integers(20, 300))
    def check(words: list[str], limit: int) -> None:
        text = " ".join(words)
        chunks = split_lines(text, limit)
        assert all(len(c) <= limit for c in chunks)
        rejoined = "".join(chunks).replace("\n", "").replace(" ", "")
        assert rejoined == text.replace("\n", "").replace(" ", "")

    check()
    lines = [f"• host{i:03d}: fine" for i in range(400)]
    assert all(c.endswith("fine") for c in split_lines("\n".join(lines), 3000))


@pytest.fixture
def fleet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Surface, FakeSlack, Services]]:
    from remote.lab.lab import fleet_topology

    fake = FakeSlack()
    with Lab(fleet_topology(60), state_dir=tmp_path / "lab") as lab:
        for key, value in {
            "OAKLEY_INVENTORY": str(lab.write_inventory(tmp_path / "inv.yaml")),
            "OAKLEY_WINRM_USERNAME": lab.username, "OAKLEY_WINRM_PASSWORD": lab.password,
            "OAKLEY_DATABASE_URL": f"sqlite:///{tmp_path}/oakley.db", "OAKLEY_FLEET_CONCURRENCY": "4",
        }.items():
            monkeypatch.setenv(key, value)
        services = build_services(Settings())
        surf = Surface(services, web_client("xoxb-test", fake.url), workers=4)
        yield surf, fake, services
        surf.pool.shutdown(wait=True)
        services.close()
        fake.check_blocks()
        fake.close()


def test_large_check_summarises_attaches_csv_and_updates_progress_in_place(
        fleet: tuple[Surface, FakeSlack, Services]) -> None:
    surf, fake, _services = fleet
    surf.handle_text("check ALL", "U_CAROL", "C1", "1700000000.000001")
    summary = fake.wait_for("chat.postMessage", lambda a: "Checked 60 host(s)" in a.get("text", ""), timeout=120)
    assert "30 as KB 821839 recommends, 30 not" in summary["text"] and "Needs attention" in summary["text"]
    assert "…and 10 more" in summary["text"] and "attached as a CSV file" in summary["text"]
    assert summary["text"].count("\n") < 30
    complete = fake.wait_for("files.completeUploadExternal", timeout=30)
    assert complete["channel_id"] == "C1" and complete["thread_ts"] == "1700000000.000001"
    [upload] = fake.uploads.values()
    rows = upload.decode().splitlines()
    assert rows[0].startswith("host,ok,compliant") and len(rows) == 61
    progress = [a for a in fake.of("chat.postMessage") if "hosts done" in a.get("text", "")]
    assert len(progress) == 1  # then edited in place
    assert any("hosts done" in a.get("text", "") for a in fake.of("chat.update"))


def test_reason_pattern_is_enforced_with_a_clear_reply(surface: tuple[Surface, FakeSlack, Services],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    surf, fake, services = surface
    services.settings.reason_pattern = r"\bCHG-\d+"
    surf.handle_text("set nlbsflags 1 on fe02 because faster failover please", "U_ANYONE", "C1")
    refusal = fake.wait_for("chat.postEphemeral")
    assert "must match `\\bCHG-\\d+`" in refusal["text"] and refusal["user"] == "U_ANYONE"
    surf.handle_text("set nlbsflags 1 on fe02 because CHG-77", "U_ANYONE", "C1")
    fake.wait_for("chat.postMessage", lambda a: "actions" in json.dumps(a.get("blocks")))


def test_a_bad_reason_pattern_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.settings import SettingsError, load_settings

    monkeypatch.setenv("OAKLEY_REASON_PATTERN", "CHG-(")
    with pytest.raises(SettingsError, match="OAKLEY_REASON_PATTERN"):
        load_settings()


def test_an_approval_channel_the_bot_is_not_in_falls_back_to_dms(
        surface: tuple[Surface, FakeSlack, Services]) -> None:
    surf, fake, services = surface
    surf.approval_channel = "C_NOT_INVITED"
    fake.not_in.add("C_NOT_INVITED")
    surf.handle_text("set nlbsflags 1 on fe02 because CHG-9 faster recovery", "U_ANYONE", "C1", "1.1")
    card = fake.wait_for("chat.postMessage", lambda a: a.get("channel") == "D_BOB")
    assert any(b["type"] == "actions" for b in card["blocks"])
    note = fake.wait_for("chat.postMessage", lambda a: "sent by DM to <@U_BOB>" in a.get("text", ""))
    assert note["channel"] == "C1" and note["thread_ts"] == "1.1"
    wait_for_copy(services, 1)
    surf.approve_clicked("U_BOB", 1, "D_BOB", _ts(fake, card))
    fake.wait_for("chat.update", lambda a: a["channel"] == "D_BOB" and "Succeeded" in json.dumps(a["blocks"]))
    status = fake.wait_for("chat.update", lambda a: a["channel"] == "C1" and "Succeeded" in json.dumps(a["blocks"]))
    assert "sent for approval by DM to 1 approver(s)" in json.dumps(status["blocks"])


def _ts(fake: FakeSlack, posted: dict[str, object]) -> str:
    index = next(i for i, (_, a) in enumerate(fake.calls) if a is posted)
    return f"1700000000.{1001 + index:06d}"


def test_deny_from_the_home_updates_the_card_and_the_home(surface: tuple[Surface, FakeSlack, Services]) -> None:
    surf, fake, services = surface
    services.workflow.ttl = services.workflow.ttl * 3600
    surf.handle_text("set nlbsflags 1 on fe02 because CHG-9 faster recovery", "U_ANYONE", "C1", "1.5")
    card = fake.wait_for("chat.postMessage", lambda a: "actions" in json.dumps(a.get("blocks")))
    wait_for_copy(services, 1)
    surf.deny_submitted("U_BOB", 1, "freeze week", None, None)  # the modal opened from the Home: no channel
    updated = fake.wait_for("chat.update", lambda a: "Denied" in json.dumps(a["blocks"]))
    assert updated["channel"] == "C1" and updated["ts"] == _ts(fake, card)
    told = fake.wait_for("chat.postMessage", lambda a: "*Denied* by <@U_BOB>" in a.get("text", ""))
    assert told["channel"] == "C1" and told["thread_ts"] == _ts(fake, card)
    fake.wait_for("views.publish", lambda a: a["user_id"] == "U_BOB")


def test_a_french_requester_gets_french_notes(surface: tuple[Surface, FakeSlack, Services]) -> None:
    surf, fake, services = surface
    services.workflow.ttl = services.workflow.ttl * 3600
    surf.handle_text("définir nlbsflags 1 sur fe02 car CHG-9 bascule plus rapide", "U_ANYONE", "D_ANYONE",
                     is_dm=True)
    fake.wait_for("chat.postMessage", lambda a: "Lecture de la valeur actuelle" in a.get("text", ""))
    note = fake.wait_for("chat.postMessage", lambda a: "envoyée par message direct à <@U_BOB>" in a.get("text", ""))
    assert note["channel"] == "D_ANYONE" and "En attente d'approbation" in json.dumps(note["blocks"])
    wait_for_copy(services, 1, 2)
    surf.deny_submitted("U_BOB", 1, "gel des changements", None, None)
    updated = fake.wait_for("chat.update", lambda a: a["channel"] == "D_ANYONE")
    assert "*Refusée* par <@U_BOB>" in json.dumps(updated["blocks"], ensure_ascii=False)
    surf.handle_text("aide", "U_ANYONE", "D_ANYONE", is_dm=True)
    assert "Commandes" in fake.wait_for("chat.postEphemeral", lambda a: "Commandes" in a.get("text", ""))["text"]
