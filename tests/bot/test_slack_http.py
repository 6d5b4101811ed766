"""`oakley serve` receiving real signed HTTP requests, talking to a local Slack Web API."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from remote.lab import Lab
from tests.bot.fake_slack import FakeSlack, signed
from tests.conftest import postgres_schema

ROOT = Path(__file__).resolve().parents[2]
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Bot:
    def __init__(self, url: str, fake: FakeSlack, lab: Lab, db: str) -> None:
        self.url, self.fake, self.lab, self.db = url, fake, lab, db

    def post(self, body: str, content_type: str, headers: dict[str, str] | None = None) -> tuple[int, str, float]:
        request = urllib.request.Request(self.url + "/slack/events", data=body.encode(), method="POST",
                                         headers={"Content-Type": content_type,
                                                  **(headers if headers is not None else signed(SECRET, body))})
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=10) as resp:
                return resp.status, resp.read().decode(), time.perf_counter() - start
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode(), time.perf_counter() - start

    def event(self, event: dict[str, Any], event_id: str, headers: dict[str, str] | None = None) -> int:
        body = json.dumps({"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event_id": event_id,
                           "event_time": int(time.time()), "event": event})
        h = {**signed(SECRET, body), **(headers or {})}
        return self.post(body, "application/json", h)[0]

    def command(self, user: str, text: str, channel: str = "C1", response: str = "cmd",
                channel_name: str = "general", trigger_id: str | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, float]:
        """A slash command as Slack sends it; its response_url is the fake's `response/<response>`."""
        body = self.command_body(user, text, channel, response, channel_name, trigger_id)
        status, _, took = self.post(body, "application/x-www-form-urlencoded", headers)
        return status, took

    def command_body(self, user: str, text: str, channel: str = "C1", response: str = "cmd",
                     channel_name: str = "general", trigger_id: str | None = None) -> str:
        # Slack gives every command and click its own trigger_id; a repeated one is a replay.
        return urllib.parse.urlencode({"command": "/oakley", "text": text, "user_id": user, "channel_id": channel,
                                       "channel_name": channel_name, "team_id": "T1",
                                       "trigger_id": trigger_id or f"t-{uuid.uuid4().hex}",
                                       "response_url": self.fake.response_url + response,
                                       "api_app_id": "A1", "token": "x"})

    def click(self, user: str, action_id: str, value: str, message_ts: str, channel: str = "C1",
              trigger_id: str | None = None) -> tuple[int, float]:
        payload = {"type": "block_actions", "user": {"id": user}, "team": {"id": "T1"}, "api_app_id": "A1",
                   "token": "x", "trigger_id": trigger_id or f"trig-{uuid.uuid4().hex}", "channel": {"id": channel},
                   "container": {"type": "message", "message_ts": message_ts, "channel_id": channel},
                   "message": {"ts": message_ts, "text": ""},
                   "actions": [{"type": "button", "action_id": action_id, "value": value,
                                "block_id": f"decision-{value}", "action_ts": "1"}]}
        body = urllib.parse.urlencode({"payload": json.dumps(payload)})
        status, _, took = self.post(body, "application/x-www-form-urlencoded")
        return status, took


def start_serve(fake: FakeSlack, lab: Lab, inventory: Path, db: str,
                **extra: str) -> tuple[str, subprocess.Popen[str]]:
    """`oakley serve` on a free port, once /healthz answers."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SECRET,
           "OAKLEY_SLACK_API_URL": fake.url, "OAKLEY_INVENTORY": str(inventory), "PORT": str(port),
           "OAKLEY_WINRM_USERNAME": lab.username, "OAKLEY_WINRM_PASSWORD": lab.password,
           "OAKLEY_DATABASE_URL": db, "OAKLEY_REQUESTERS": "U_ALICE",
           "OAKLEY_APPROVERS": "U_ALICE,U_BOB", "OAKLEY_APPROVAL_CHANNEL": "C_APPROVALS", **extra}
    env = {k: v for k, v in env.items() if v != ""}
    proc = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as resp:
                assert json.loads(resp.read()) == {"ok": True, "database": "ok"}
                return url, proc
        except (urllib.error.URLError, ConnectionError):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise AssertionError(proc.stdout.read() if proc.stdout else "serve did not start") from None
            time.sleep(0.1)


def running_bot(tmp_path: Path, **extra: str) -> Iterator[Bot]:
    fake = FakeSlack()
    with Lab(state_dir=tmp_path / "lab") as lab:
        db = f"sqlite:///{tmp_path}/oakley.db"
        url, proc = start_serve(fake, lab, lab.write_inventory(tmp_path / "inventory.yaml"), db, **extra)
        try:
            yield Bot(url, fake, lab, db)
            fake.check_blocks()
        finally:
            proc.terminate()
            proc.wait(timeout=20)
            fake.close()


@pytest.fixture
def bot(tmp_path: Path) -> Iterator[Bot]:
    """Approval requests go to C_APPROVALS."""
    yield from running_bot(tmp_path)


@pytest.fixture
def bot_routed(tmp_path: Path) -> Iterator[Bot]:
    """No approval channel: requests stay in their channel, or go to the approvers by DM."""
    yield from running_bot(tmp_path, OAKLEY_APPROVAL_CHANNEL="")


def test_url_verification(bot: Bot) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                       "token": "x"})
    status, text, _ = bot.post(body, "application/json")
    assert status == 200 and "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in text


def test_forged_and_stale_requests_get_401(bot: Bot) -> None:
    body = json.dumps({"type": "event_callback", "event_id": "EvForged", "event": {"type": "app_mention"}})
    assert bot.post(body, "application/json", signed("not-the-secret", body))[0] == 401
    stale = signed(SECRET, body, timestamp=int(time.time()) - 6 * 60)
    assert bot.post(body, "application/json", stale)[0] == 401
    assert bot.post(body, "application/json", {})[0] == 401
    time.sleep(0.5)
    assert bot.fake.of("chat.postMessage") == []


def test_mention_gets_the_answer_once_despite_retries(bot: Bot) -> None:
    event = {"type": "app_mention", "user": "U_CAROL", "text": "<@UBOT> how long does failover take on a 2003 "
             "front-end with NLBSFlags=1?", "channel": "C1", "ts": "1700000000.000100"}
    assert bot.event(event, "Ev1") == 200
    answer = bot.fake.wait_for("chat.postMessage", lambda a: "2 minutes" in a.get("text", ""))
    assert answer["thread_ts"] == "1700000000.000100"
    assert any("KB 821839" in json.dumps(b) for b in answer["blocks"] if b["type"] == "context")
    assert bot.event(event, "Ev1", {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}) == 200
    assert bot.event(event, "Ev1") == 200  # a twin delivery without the retry header: the database says seen
    time.sleep(1.0)
    assert len([a for a in bot.fake.of("chat.postMessage") if "2 minutes" in a.get("text", "")]) == 1


def test_retry_of_a_lost_first_delivery_is_answered(bot: Bot) -> None:
    # The first delivery never reached Oakley (a network error, a 500): Slack's retry is the only copy.
    event = {"type": "message", "channel_type": "im", "user": "U_CAROL", "text": "what does NLBSFlags do?",
             "channel": "D_LOST",
             "ts": "1700000000.000200"}
    assert bot.event(event, "EvLost", {"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_error"}) == 200
    bot.fake.wait_for("chat.postMessage", lambda a: a.get("channel") == "D_LOST")


def test_bot_messages_are_ignored(bot: Bot) -> None:
    event = {"type": "message", "channel_type": "im", "bot_id": "BBOT", "user": "UBOT", "text": "help",
             "channel": "D1", "ts": "1.1"}
    assert bot.event(event, "Ev2") == 200
    time.sleep(0.8)
    assert bot.fake.calls == [c for c in bot.fake.calls if c[0] == "auth.test"]


def test_request_approve_and_the_message_updated_in_place(bot: Bot) -> None:
    status, took = bot.command("U_ALICE", "set nlbsflags 1 on fe02 because CHG-7 faster recovery")
    assert status == 200 and took < 3
    approval = bot.fake.wait_for("chat.postMessage", lambda a: a.get("channel") == "C_APPROVALS")
    buttons = next(b for b in approval["blocks"] if b["type"] == "actions")["elements"]
    assert [(b["action_id"], b["value"]) for b in buttons] == [("approve", "1"), ("deny", "1")]
    assert "confirm" in buttons[0] and buttons[0]["style"] == "primary" and buttons[1]["style"] == "danger"
    # The requester hears through the command's response_url, ephemeral: the bot need not be in C1.
    note = bot.fake.wait_for("response_url", lambda a: "waiting for approval in <#C_APPROVALS>" in a.get("text", ""))
    assert note["response_type"] == "ephemeral"
    message_ts = _ts_of(bot, approval)

    assert bot.click("U_ALICE", "approve", "1", message_ts, "C_APPROVALS")[0] == 200
    refusal = bot.fake.wait_for("chat.postEphemeral", lambda a: a.get("user") == "U_ALICE")
    assert "two-person rule" in refusal["text"]

    status, took = bot.click("U_BOB", "approve", "1", message_ts, "C_APPROVALS")
    assert status == 200 and took < 3
    done = bot.fake.wait_for("chat.update", lambda a: "Succeeded" in json.dumps(a.get("blocks")))
    assert done["ts"] == message_ts and not any(b["type"] == "actions" for b in done["blocks"])
    assert "U_BOB" in json.dumps(done["blocks"])
    assert bot.lab.host("fe02").nlbsflags() == 1
    history = subprocess.run([sys.executable, "-m", "bot", "history", "--json"], capture_output=True, text=True,
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "OAKLEY_DATABASE_URL": bot.db},
                             timeout=60)
    [row] = json.loads(history.stdout)
    assert (row["status"], row["requester"], row["approver"]) == ("succeeded", "U_ALICE", "U_BOB")
    assert row["after"]["value"] == 1


def _ts_of(bot: Bot, posted: dict[str, Any]) -> str:
    """The ts the fake answered for this postMessage (recorded in call order)."""
    index = next(i for i, (m, a) in enumerate(bot.fake.calls) if a is posted)
    return f"1700000000.{1001 + index:06d}"


def test_deny_opens_a_modal_for_the_reason(bot: Bot) -> None:
    bot.command("U_ALICE", "enable fast failover on fe02 because CHG-9 faster recovery")
    approval = bot.fake.wait_for("chat.postMessage", lambda a: a.get("channel") == "C_APPROVALS")
    message_ts = _ts_of(bot, approval)
    bot.click("U_BOB", "deny", "1", message_ts, "C_APPROVALS")
    modal = bot.fake.wait_for("views.open")
    assert modal["view"]["callback_id"] == "deny_reason"
    view = {**modal["view"], "id": "V1", "state": {"values": {"reason": {"text": {"type": "plain_text_input",
                                                                                    "value": "freeze week"}}}}}
    payload = {"type": "view_submission", "user": {"id": "U_BOB"}, "team": {"id": "T1"}, "api_app_id": "A1",
               "token": "x", "trigger_id": "t", "view": view}
    body = urllib.parse.urlencode({"payload": json.dumps(payload)})
    assert bot.post(body, "application/x-www-form-urlencoded")[0] == 200
    denied = bot.fake.wait_for("chat.update", lambda a: "Denied" in json.dumps(a.get("blocks")))
    assert "freeze week" in json.dumps(denied["blocks"]) and denied["ts"] == message_ts
    assert bot.lab.host("fe02").nlbsflags() is None


def test_app_home_lists_what_waits(bot: Bot) -> None:
    bot.command("U_ALICE", "set nlbsflags 1 on fe02 because CHG-9 faster recovery")
    bot.fake.wait_for("chat.postMessage", lambda a: a.get("channel") == "C_APPROVALS")
    assert bot.event({"type": "app_home_opened", "user": "U_BOB", "channel": "D2", "tab": "home"}, "Ev9") == 200
    home = bot.fake.wait_for("views.publish")
    assert home["user_id"] == "U_BOB" and home["view"]["type"] == "home"
    assert any(b.get("type") == "actions" for b in home["view"]["blocks"])


def test_permission_refusals_are_ephemeral(bot: Bot) -> None:
    bot.command("U_MALLORY", "set nlbsflags 1 on fe02 because CHG-9 faster recovery")
    refusal = bot.fake.wait_for("response_url")
    assert refusal["response_type"] == "ephemeral" and "the requester role" in refusal["text"]
    assert bot.fake.of("chat.postMessage") == [] and bot.fake.of("chat.postEphemeral") == []


def test_two_instances_on_one_postgresql_behave_as_one_bot(tmp_path: Path) -> None:
    fake = FakeSlack()
    with postgres_schema() as db, Lab(state_dir=tmp_path / "lab") as lab:
        inventory = lab.write_inventory(tmp_path / "inventory.yaml")
        subprocess.run([sys.executable, "-m", "bot", "db", "upgrade"], check=True, cwd=ROOT, timeout=60,
                       env={**os.environ, "PYTHONPATH": str(ROOT), "OAKLEY_DATABASE_URL": db},
                       capture_output=True)
        (url_a, proc_a), (url_b, proc_b) = (start_serve(fake, lab, inventory, db) for _ in range(2))
        try:
            a, b = Bot(url_a, fake, lab, db), Bot(url_b, fake, lab, db)
            event = {"type": "app_mention", "user": "U_CAROL", "text": "<@UBOT> which port for POP3?",
                     "channel": "C1", "ts": "1700000000.000200"}
            assert a.event(event, "EvTwin") == 200 and b.event(event, "EvTwin") == 200
            a.command("U_ALICE", "set nlbsflags 1 on fe02 because CHG-9 faster recovery")
            approval = fake.wait_for("chat.postMessage", lambda c: c.get("channel") == "C_APPROVALS")
            ts = _ts_of(a, approval)
            # The same click reaches both instances (say, a retry after a load-balancer timeout).
            assert a.click("U_BOB", "approve", "1", ts, "C_APPROVALS", trigger_id="trig-twin")[0] == 200
            assert b.click("U_BOB", "approve", "1", ts, "C_APPROVALS", trigger_id="trig-twin")[0] == 200
            fake.wait_for("chat.update", lambda c: "Succeeded" in json.dumps(c.get("blocks")))
            time.sleep(1.5)
            answers = [c for c in fake.of("chat.postMessage") if "110" in c.get("text", "")]
            assert len(answers) == 1
            outcomes = [c for c in fake.of("chat.postMessage") if "succeeded — NLBSFlags now 1" in c.get("text", "")]
            assert len(outcomes) == 1
            assert lab.host("fe02").nlbsflags() == 1
            fake.check_blocks()
        finally:
            for proc in (proc_a, proc_b):
                proc.terminate()
                proc.wait(timeout=20)
            fake.close()


@pytest.mark.parametrize("stamp", ["abc", "1e9", "-5", "0x10", " 12", "1" * 40, "12.5", ""])
def test_a_malformed_timestamp_gets_401_not_500(bot: Bot, stamp: str) -> None:
    body = bot.command_body("U_ALICE", "help")
    headers = {**signed(SECRET, body), "X-Slack-Request-Timestamp": stamp}
    assert bot.post(body, "application/x-www-form-urlencoded", headers)[0] == 401


def test_a_replayed_slash_command_creates_nothing_new(bot: Bot) -> None:
    body = bot.command_body("U_ALICE", "set nlbsflags 1 on fe02 because CHG-9 faster recovery",
                            trigger_id="trig-captured")
    headers = signed(SECRET, body)  # captured once, replayed within Slack's 5-minute window
    assert bot.post(body, "application/x-www-form-urlencoded", headers)[0] == 200
    bot.fake.wait_for("chat.postMessage", lambda a: a.get("channel") == "C_APPROVALS")
    time.sleep(0.3)
    assert bot.post(body, "application/x-www-form-urlencoded", headers)[0] == 200
    time.sleep(1.5)
    assert len([a for a in bot.fake.of("chat.postMessage") if a.get("channel") == "C_APPROVALS"]) == 1
    bot.command("U_ALICE", "set nlbsflags 1 on fe02 because CHG-9 faster recovery")  # new, not a replay: refused
    refusal = bot.fake.wait_for("response_url", lambda a: "already asks" in a.get("text", ""))
    assert "change 1" in refusal["text"]


@pytest.mark.parametrize("value", ["\uff11", "\u00b2", "\u0661", "0", "-1", "1e3", "99999999999", "2147483648",
                                   " 1", "1 ", "", "one"])
def test_odd_button_values_are_ignored(bot: Bot, value: str) -> None:
    assert bot.click("U_BOB", "approve", value, "1700000000.000001")[0] == 200
    assert bot.click("U_BOB", "deny", value, "1700000000.000001")[0] == 200
    time.sleep(0.5)
    assert [m for m, _ in bot.fake.calls if m != "auth.test"] == []
    status, _, _ = bot.post("", "text/plain", {})  # still serving
    assert status == 401


def test_a_database_outage_gets_replies_and_a_503_health(tmp_path: Path) -> None:
    from tests.bot.tcp_proxy import TcpProxy

    fake = FakeSlack()
    with postgres_schema() as db, Lab(state_dir=tmp_path / "lab") as lab:
        parsed = urllib.parse.urlsplit(db)
        proxy = TcpProxy((parsed.hostname or "127.0.0.1", parsed.port or 5432))
        through = db.replace(parsed.netloc, f"{parsed.username}@127.0.0.1:{proxy.port}", 1)
        subprocess.run([sys.executable, "-m", "bot", "db", "upgrade"], check=True, cwd=ROOT, timeout=60,
                       env={**os.environ, "PYTHONPATH": str(ROOT), "OAKLEY_DATABASE_URL": through},
                       capture_output=True)
        url, proc = start_serve(fake, lab, lab.write_inventory(tmp_path / "inventory.yaml"), through)
        try:
            bot = Bot(url, fake, lab, through)
            proxy.cut()  # the database goes away mid-run
            with pytest.raises(urllib.error.HTTPError) as health:
                urllib.request.urlopen(url + "/healthz", timeout=10)
            assert health.value.code == 503
            bot.command("U_BOB", "history fe02")
            reply = fake.wait_for("response_url")
            assert reply["text"] == "The database is unavailable, try again in a moment."
            event = {"type": "app_mention", "user": "U_CAROL", "text": "<@UBOT> which port for POP3?",
                     "channel": "C1", "ts": "1700000000.000300"}
            assert bot.event(event, "EvOutage") == 200  # not 500: the question needs no database
            fake.wait_for("chat.postMessage", lambda a: "110" in a.get("text", ""))
            bot.command("U_ALICE", "set nlbsflags 1 on fe02 because CHG-1 faster recovery")
            fake.wait_for("response_url", lambda a: a is not reply
                          and a["text"] == "The database is unavailable, try again in a moment.")
            proxy.restore()
            with urllib.request.urlopen(url + "/healthz", timeout=10) as resp:
                assert resp.status == 200
            history = subprocess.run([sys.executable, "-m", "bot", "history", "--json"], capture_output=True,
                                     text=True, cwd=ROOT, timeout=60,
                                     env={**os.environ, "PYTHONPATH": str(ROOT), "OAKLEY_DATABASE_URL": through})
            assert json.loads(history.stdout) == []  # nothing half-written
        finally:
            proc.terminate()
            proc.wait(timeout=20)
            proxy.close()
            fake.close()
def wait_for_copies(bot: Bot, gid: int, count: int) -> None:
    from bot import messages
    from bot.db.engine import make_engine, session_factory

    engine = make_engine(bot.db)
    try:
        deadline = time.monotonic() + 10
        while len(messages.of(session_factory(engine), gid)) < count:
            assert time.monotonic() < deadline, "the request's copies were not recorded"
            time.sleep(0.05)
    finally:
        engine.dispose()


def home_click(bot: Bot, user: str, action_id: str, value: str) -> int:
    """A button on the App Home, as Slack sends it: a view container, the view, and no channel."""
    payload = {"type": "block_actions", "user": {"id": user, "username": user.lower(), "team_id": "T1"},
               "team": {"id": "T1", "domain": "example"}, "api_app_id": "A1", "token": "x", "trigger_id": "trig-h",
               "container": {"type": "view", "view_id": "V_HOME"},
               "view": {"id": "V_HOME", "type": "home", "team_id": "T1", "blocks": [], "private_metadata": "",
                        "callback_id": "", "hash": "1", "app_id": "A1", "bot_id": "BBOT"},
               "actions": [{"type": "button", "action_id": action_id, "value": value,
                            "block_id": f"decision-{value}", "action_ts": "1700000000.1",
                            "text": {"type": "plain_text", "text": "Approve"}}]}
    body = urllib.parse.urlencode({"payload": json.dumps(payload)})
    return bot.post(body, "application/x-www-form-urlencoded")[0]


def dm_event(user: str, text: str, ts: str = "1700000000.000300") -> dict[str, Any]:
    return {"type": "message", "channel_type": "im", "user": user, "text": text, "channel": FakeSlack.dm_of(user),
            "ts": ts, "event_ts": ts, "team": "T1", "blocks": []}


def test_dm_request_reaches_the_approver_and_home_approve_executes(bot_routed: Bot) -> None:
    bot, fake = bot_routed, bot_routed.fake
    # Upper-case host, typed in a DM with Oakley.
    assert bot.event(dm_event("U_ALICE", "set nlbsflags 1 on FE02 because CHG-7 faster IPSec recovery"),
                     "EvDm1") == 200
    card = fake.wait_for("chat.postMessage", lambda a: a.get("channel") == "D_BOB")
    assert any(b["type"] == "actions" for b in card["blocks"])
    assert {"users": "U_BOB"} in [{"users": a.get("users")} for a in fake.of("conversations.open")]
    note = fake.wait_for("chat.postMessage", lambda a: a.get("channel") == "D_ALICE"
                         and "sent by DM to <@U_BOB>" in a.get("text", ""))
    # Nobody approves in the requester's own DM: no buttons there.
    assert not any(b["type"] == "actions" for b in note["blocks"])
    card_ts, note_ts = _ts_of(bot, card), _ts_of(bot, note)
    wait_for_copies(bot, 1, 2)  # recorded just after Slack answered the posts; a person clicks later than that

    assert home_click(bot, "U_BOB", "approve", "1") == 200
    done = {a["channel"]: a for a in [fake.wait_for("chat.update", lambda a, ch=ch: a.get("channel") == ch
                                                    and "Succeeded" in json.dumps(a.get("blocks")))
                                      for ch in ("D_BOB", "D_ALICE")]}
    assert done["D_BOB"]["ts"] == card_ts and done["D_ALICE"]["ts"] == note_ts
    assert not any(b["type"] == "actions" for b in done["D_BOB"]["blocks"])
    # The outcome where the request lives (the requester's DM, in the thread of the note) and the Home refreshed.
    fake.wait_for("chat.postMessage", lambda a: a.get("channel") == "D_ALICE" and a.get("thread_ts") == note_ts
                  and "succeeded — NLBSFlags now 1" in a.get("text", ""))
    fake.wait_for("views.publish", lambda a: a.get("user_id") == "U_BOB")
    assert bot.lab.host("fe02").nlbsflags() == 1


def test_home_click_refused_tells_the_clicker(bot_routed: Bot) -> None:
    bot, fake = bot_routed, bot_routed.fake
    bot.event(dm_event("U_ALICE", "set nlbsflags 1 on fe02 because CHG-7 faster IPSec recovery"), "EvDm2")
    fake.wait_for("chat.postMessage", lambda a: a.get("channel") == "D_BOB")
    assert home_click(bot, "U_ALICE", "approve", "1") == 200  # the requester, from their Home
    refusal = fake.wait_for("chat.postMessage", lambda a: a.get("channel") == "D_ALICE"
                            and "two-person rule" in a.get("text", ""))
    assert refusal
    fake.wait_for("views.publish", lambda a: a.get("user_id") == "U_ALICE")
    assert bot.lab.host("fe02").nlbsflags() is None


def test_request_in_a_channel_stays_there(bot_routed: Bot) -> None:
    bot, fake = bot_routed, bot_routed.fake
    event = {"type": "app_mention", "user": "U_ALICE", "channel": "C_OPS", "ts": "1700000000.000400",
             "text": "<@UBOT> set nlbsflags 1 on fe02 because CHG-8 faster IPSec recovery"}
    assert bot.event(event, "EvCh1") == 200
    card = fake.wait_for("chat.postMessage", lambda a: any(b["type"] == "actions" for b in a.get("blocks", [])))
    assert card["channel"] == "C_OPS" and card["thread_ts"] == "1700000000.000400"
    time.sleep(0.5)
    assert fake.of("conversations.open") == []


def test_slash_command_in_a_channel_the_bot_has_not_joined(bot_routed: Bot) -> None:
    bot, fake = bot_routed, bot_routed.fake
    fake.not_in.add("C_SECRET")
    bot.command("U_ALICE", "set nlbsflags 1 on fe02 because CHG-9 faster IPSec recovery", channel="C_SECRET",
                response="secret")
    fake.wait_for("chat.postMessage", lambda a: a.get("channel") == "D_BOB"
                  and any(b["type"] == "actions" for b in a.get("blocks", [])))
    note = fake.wait_for("response_url", lambda a: "sent by DM to <@U_BOB>" in a.get("text", ""))
    assert note["response_type"] == "ephemeral" and note["path"] == "/response/secret"
    bot.command("U_CAROL", "check fe01", channel="C_SECRET", response="check")
    result = fake.wait_for("response_url", lambda a: a["path"] == "/response/check" and "Checked 1" in a["text"])
    assert result["response_type"] == "ephemeral"


def test_slash_typo_goes_to_response_url_only(bot: Bot) -> None:
    assert bot.command("U_CAROL", "chekc fe01", response="typo")[0] == 200
    answer = bot.fake.wait_for("response_url", lambda a: a["path"] == "/response/typo")
    assert answer["response_type"] == "ephemeral" and "Did you mean `check fe01`?" in answer["text"]
    bot.command("U_CAROL", "check FE0l", response="host")
    host = bot.fake.wait_for("response_url", lambda a: a["path"] == "/response/host")
    assert "No host or group named `FE0l`. Did you mean `fe01`" in host["text"]
    time.sleep(0.5)
    assert bot.fake.of("chat.postMessage") == [] and bot.fake.of("chat.postEphemeral") == []


def test_markup_in_a_reason_is_escaped(bot: Bot) -> None:
    text = ("<@UBOT> set nlbsflags 1 on fe02 because <!channel> per <https://evil.example/x|the CAB ticket> "
            "&lt;b&gt; &amp; <@U_MALLORY>")
    assert bot.event({"type": "app_mention", "user": "U_ALICE", "channel": "C1", "ts": "1700000000.000500",
                      "text": text}, "EvMarkup") == 200
    card = bot.fake.wait_for("chat.postMessage", lambda a: a.get("channel") == "C_APPROVALS")
    shown = json.dumps(card["blocks"]) + card["text"]
    assert "<!channel>" not in shown and "|the CAB ticket>" not in shown and "<https://evil" not in shown
    assert "<@U_MALLORY>" not in shown and "&lt;@U_MALLORY&gt;" in shown
    assert "the CAB ticket (https://evil.example/x)" in shown  # the link's real target is visible
    assert "&amp;lt;b&amp;gt;" not in shown and "&lt;b&gt; &amp;" in shown
    confirm = next(b for b in card["blocks"] if b["type"] == "actions")["elements"][0]["confirm"]["text"]["text"]
    assert confirm.startswith("Set NLBSFlags to 1 on fe02")


def test_mention_mid_text_and_an_auto_linked_host(bot: Bot) -> None:
    event = {"type": "app_mention", "user": "U_CAROL", "channel": "C1", "ts": "1700000000.000600",
             "text": "hey <@UBOT> check <http://FE01.corp.example|FE01.corp.example>"}
    assert bot.event(event, "EvMid") == 200
    answer = bot.fake.wait_for("chat.postMessage", lambda a: "Checked 1 host(s)" in a.get("text", ""))
    assert "fe01" in answer["text"] and answer["thread_ts"] == "1700000000.000600"


def test_french_command_words_and_replies(bot: Bot) -> None:
    bot.command("U_CAROL", "aide", response="aide")
    assert "Commandes" in bot.fake.wait_for("response_url", lambda a: a["path"] == "/response/aide")["text"]
    bot.command("U_CAROL", "vérifier tous", response="tous")
    result = bot.fake.wait_for("response_url", lambda a: a["path"] == "/response/tous" and "vérifié" in a["text"])
    assert "6 hôte(s) vérifié(s)" in result["text"]
    bot.command("U_MALLORY", "définir nlbsflags 1 sur fe02 car CHG-1 bascule plus rapide", response="refus")
    refusal = bot.fake.wait_for("response_url", lambda a: a["path"] == "/response/refus")
    assert refusal["text"].startswith("Refusé :")
