"""The drift watch in Slack: the App Home reads the database's latest snapshot, history shows observed rows,
the channel report, and the loop inside `oakley socket` only when OAKLEY_WATCH_INTERVAL is set."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.db.engine import make_engine, session_factory
from bot.db.models import Change, FleetSnapshot, Lease
from bot.services import Services, build_services
from bot.settings import Settings
from bot.slack.app import web_client
from bot.slack.surface import Surface
from bot.slack.watchpost import poster
from bot.watch import RoundResult, Watch
from handlers import history as history_handler
from handlers.change import handle_show
from handlers.context import ChatContext
from handlers.grammar import History, ShowChange
from remote.errors import RemoteError
from remote.lab import Lab
from tests.bot.fake_slack import FakeSlack
from tests.bot.test_slack_socket import ROOT, SocketSlack, _events_api


@pytest.fixture
def two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Surface, Surface, FakeSlack, Lab]]:
    """Two instances (services and surfaces) on one database, as two processes would be."""
    fake = FakeSlack()
    with Lab(state_dir=tmp_path / "lab") as lab:
        for key, value in {
            "OAKLEY_INVENTORY": str(lab.write_inventory(tmp_path / "inv.yaml")),
            "OAKLEY_WINRM_USERNAME": lab.username, "OAKLEY_WINRM_PASSWORD": lab.password,
            "OAKLEY_DATABASE_URL": f"sqlite:///{tmp_path}/oakley.db", "OAKLEY_REQUESTERS": "*",
            "OAKLEY_APPROVERS": "U_BOB",
        }.items():
            monkeypatch.setenv(key, value)
        services = [build_services(Settings()) for _ in range(2)]
        surfaces = [Surface(s, web_client("xoxb-test", fake.url), workers=2) for s in services]
        yield surfaces[0], surfaces[1], fake, lab
        for surf in surfaces:
            surf.pool.shutdown(wait=True)
            surf.services.close()
        fake.check_blocks()
        fake.close()


def watch_of(services: Services) -> Watch:
    return Watch(services.sessions, services.kb, services.inventory, services.credentials,
                 audit_key=services.workflow.audit_key)


def home_text(surf: Surface, user: str = "U_BOB") -> str:
    return json.dumps(surf.home(user), ensure_ascii=False)


def test_every_instance_home_shows_the_latest_snapshot(two: tuple[Surface, Surface, FakeSlack, Lab]) -> None:
    a, b, fake, _ = two
    assert "No fleet check yet" in home_text(a)
    watch_of(a.services).round()  # the watch ran in instance a
    for surf in (a, b):
        shown = home_text(surf)
        assert "Read 6 hosts: 1 as KB 821839 recommends, 1 not, 4 without a recommendation; 0 unreachable" in shown
        assert "the drift watch" in shown
    a.handle_text("check all", "U_CAROL", "C1")  # a chat check in a is the newest reading for b too
    fake.wait_for("chat.postMessage", lambda c: "Checked 6 host(s)" in c.get("text", ""))
    shown = home_text(b)
    assert "Checked 6 host(s)" in shown and "`check` by <@U_CAROL>" in shown


def test_observed_rows_read_as_changes_outside_oakley(two: tuple[Surface, Surface, FakeSlack, Lab]) -> None:
    a, _, fake, lab = two
    watch = watch_of(a.services)
    watch.round()
    lab.host("fe01").set_nlbsflags(0)
    [drift] = watch.round().drifted
    a.handle_text("history fe01", "U_BOB", "C1")
    posted = fake.wait_for("chat.postMessage", lambda c: "observed" in c.get("text", ""))
    assert "changed outside Oakley: 1 → 0 [observed], seen by oakley-watch" in posted["text"]
    assert "<@oakley-watch>" not in json.dumps(posted)
    home = home_text(a)
    assert "fe01 — changed outside Oakley: 1 → 0, seen by oakley-watch" in home and "<@oakley-watch>" not in home
    ctx = ChatContext("U_BOB", a.services)
    plain = history_handler.handle(History("fe01", None, None, None), ctx).text
    assert f"#{drift.change_id}" in plain and "fe01 NLBSFlags: changed outside Oakley: 1 → 0, seen by oakley-watch " \
        "[observed]" in plain
    details = handle_show(ShowChange(drift.change_id), ctx).text
    assert details.startswith(f"Change {drift.change_id}: NLBSFlags on fe01 changed outside Oakley: 1 → 0")
    assert "KB:" in details


def test_the_channel_report_is_escaped_and_only_for_findings() -> None:
    fake = FakeSlack()
    try:
        post = poster(web_client("xoxb-test", fake.url), "C_WATCH")
        now = datetime.now(UTC)
        post(RoundResult(True, now, now, 6, unchanged=["fe01"] * 6))  # nothing changed: nothing posted
        post(RoundResult(False, now, holder="elsewhere"))
        assert fake.of("chat.postMessage") == []
        post(RoundResult(True, now, now, 6, unreachable=[("fe03", RemoteError("unreachable", "fe03 <!channel> & co"))],
                         unchanged=["x"] * 5))
        [sent] = fake.of("chat.postMessage")
        assert sent["channel"] == "C_WATCH" and "1 unreachable (fe03)" in sent["text"]
        assert "&lt;!channel&gt; &amp; co" in sent["text"] and "<!channel>" not in json.dumps(sent)
        fake.check_blocks()
    finally:
        fake.close()


def _socket(tmp_path: Path, lab: Lab, fake: FakeSlack, **extra: str) -> subprocess.Popen[str]:
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("OAKLEY_WATCH", "SLACK_"))},
           "PYTHONPATH": str(ROOT), "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xapp-test",
           "OAKLEY_SLACK_API_URL": fake.url, "OAKLEY_INVENTORY": str(lab.write_inventory(tmp_path / "inv.yaml")),
           "OAKLEY_WINRM_USERNAME": lab.username, "OAKLEY_WINRM_PASSWORD": lab.password,
           "OAKLEY_DATABASE_URL": f"sqlite:///{tmp_path}/oakley.db", **extra}
    return subprocess.Popen([sys.executable, "-m", "bot", "socket"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def _count(tmp_path: Path, query: object) -> int:
    engine = make_engine(f"sqlite:///{tmp_path}/oakley.db")
    try:
        with session_factory(engine)() as s:
            return int(s.execute(query).scalar_one())  # type: ignore[call-overload]
    finally:
        engine.dispose()


def test_socket_mode_watches_when_configured_and_reports_drift(tmp_path: Path) -> None:
    ws = SocketSlack()
    fake = FakeSlack(socket_url=ws.url)
    with Lab(state_dir=tmp_path / "lab") as lab:
        proc = _socket(tmp_path, lab, fake, OAKLEY_WATCH_INTERVAL="1s", OAKLEY_WATCH_CHANNEL="C_WATCH")
        try:
            assert ws.connected.wait(30)
            snapshots = select(func.count()).select_from(FleetSnapshot)
            deadline = time.monotonic() + 30
            while _count(tmp_path, snapshots) == 0:  # the first round: baselines
                assert time.monotonic() < deadline, "no watch round within 30 s"
                time.sleep(0.2)
            assert fake.of("chat.postMessage") == []  # nothing changed: nothing posted
            lab.host("fe01").set_nlbsflags(0)
            report = fake.wait_for("chat.postMessage", lambda c: c.get("channel") == "C_WATCH")
            assert "fe01 1 → 0" in report["text"] and "changed outside Oakley" in report["text"]
            time.sleep(1.5)  # later rounds find nothing new
            observed = select(func.count()).select_from(Change).where(Change.status == "observed")
            assert _count(tmp_path, observed) == 1
            assert len([c for c in fake.of("chat.postMessage") if c.get("channel") == "C_WATCH"]) == 1
            fake.check_blocks()
        finally:
            proc.terminate()
            proc.wait(timeout=20)
            fake.close()


def test_socket_mode_does_not_watch_unless_configured(tmp_path: Path) -> None:
    ws = SocketSlack()
    fake = FakeSlack(socket_url=ws.url)
    with Lab(state_dir=tmp_path / "lab") as lab:
        proc = _socket(tmp_path, lab, fake, OAKLEY_WATCH_CHANNEL="C_WATCH")
        try:
            assert ws.connected.wait(30)
            ws.send(_events_api("d1", "Ev0WATCHLESS", {
                "type": "message", "channel_type": "im", "user": "U_ALICE", "text": "what does NLBSFlags do?",
                "ts": "1700000002.000100", "channel": "D_ALICE", "event_ts": "1700000002.000100"}))
            fake.wait_for("chat.postMessage", lambda c: c.get("channel") == "D_ALICE")
            time.sleep(1.0)
            assert _count(tmp_path, select(func.count()).select_from(FleetSnapshot)) == 0
            assert _count(tmp_path, select(func.count()).select_from(Lease)) == 0
        finally:
            proc.terminate()
            out, _ = proc.communicate(timeout=20)
            fake.close()
    assert "OAKLEY_WATCH_CHANNEL is set but OAKLEY_WATCH_INTERVAL is not" in out


def test_two_serve_instances_watching_one_database_record_and_report_once(tmp_path: Path) -> None:
    from tests.bot.test_slack_http import start_serve

    fake = FakeSlack()
    procs: list[subprocess.Popen[str]] = []
    with Lab(state_dir=tmp_path / "lab") as lab:
        inventory = lab.write_inventory(tmp_path / "inv.yaml")
        db = f"sqlite:///{tmp_path}/oakley.db"
        try:
            for _ in range(2):
                procs.append(start_serve(fake, lab, inventory, db, OAKLEY_WATCH_INTERVAL="1s",
                                         OAKLEY_WATCH_CHANNEL="C_WATCH")[1])
            deadline = time.monotonic() + 30
            while _count(tmp_path, select(func.count()).select_from(FleetSnapshot)) == 0:
                assert time.monotonic() < deadline, "no watch round within 30 s"
                time.sleep(0.2)
            lab.host("fe01").set_nlbsflags(0)
            fake.wait_for("chat.postMessage", lambda c: c.get("channel") == "C_WATCH")
            time.sleep(3)  # several more intervals, both instances running
            observed = select(func.count()).select_from(Change).where(Change.status == "observed")
            assert _count(tmp_path, observed) == 1
            assert len([c for c in fake.of("chat.postMessage") if c.get("channel") == "C_WATCH"]) == 1
            engine = make_engine(db)
            try:
                with session_factory(engine)() as s:
                    taken = list(s.execute(select(FleetSnapshot.taken_at).order_by(FleetSnapshot.taken_at))
                                 .scalars())
            finally:
                engine.dispose()
            # Taking turns: about one round a second between them, never two at once.
            assert all(b - a >= timedelta(seconds=0.99) for a, b in pairwise(taken)), taken
        finally:
            for proc in procs:
                proc.terminate()
                proc.wait(timeout=20)
            fake.close()
