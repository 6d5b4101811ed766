"""`oakley socket` against a local WebSocket server standing in for Slack."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.server import ServerConnection, serve

from remote.lab import Lab
from tests.bot.fake_slack import FakeSlack

ROOT = Path(__file__).resolve().parents[2]


class SocketSlack:
    """Accepts Oakley's Socket Mode connection, sends envelopes, collects acks."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.acks: list[dict[str, Any]] = []
        self.connected = threading.Event()
        self.conn: ServerConnection | None = None
        ready = threading.Event()

        async def handler(conn: ServerConnection) -> None:
            self.conn = conn
            await conn.send(json.dumps({"type": "hello", "num_connections": 1,
                                        "connection_info": {"app_id": "A1"}, "debug_info": {}}))
            self.connected.set()
            async for message in conn:
                self.acks.append(json.loads(message))

        async def main() -> None:
            async with serve(handler, "127.0.0.1", 0) as server:
                self.port = server.sockets[0].getsockname()[1]  # type: ignore[index]
                ready.set()
                await asyncio.Future()

        threading.Thread(target=self.loop.run_until_complete, args=(main(),), daemon=True).start()
        ready.wait(10)
        self.url = f"ws://127.0.0.1:{self.port}/link"

    def send(self, envelope: dict[str, Any]) -> None:
        assert self.conn is not None
        asyncio.run_coroutine_threadsafe(self.conn.send(json.dumps(envelope)), self.loop).result(5)

    def wait_ack(self, envelope_id: str, timeout: float = 10) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for ack in self.acks:
                if ack.get("envelope_id") == envelope_id:
                    return ack
            time.sleep(0.02)
        raise AssertionError(f"no ack for {envelope_id}; got {self.acks}")


@pytest.fixture
def socket_bot(tmp_path: Path) -> Iterator[tuple[SocketSlack, FakeSlack, Lab]]:
    ws = SocketSlack()
    fake = FakeSlack(socket_url=ws.url)
    with Lab(state_dir=tmp_path / "lab") as lab:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xapp-test",
               "OAKLEY_SLACK_API_URL": fake.url, "OAKLEY_INVENTORY": str(lab.write_inventory(tmp_path / "inv.yaml")),
               "OAKLEY_WINRM_USERNAME": lab.username, "OAKLEY_WINRM_PASSWORD": lab.password,
               "OAKLEY_DATABASE_URL": f"sqlite:///{tmp_path}/oakley.db", "OAKLEY_REQUESTERS": "U_ALICE",
               "OAKLEY_APPROVERS": "U_BOB"}
        env.pop("SLACK_SIGNING_SECRET", None)
        proc = subprocess.Popen([sys.executable, "-m", "bot"], cwd=ROOT, env=env,  # no command: Socket Mode
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            assert ws.connected.wait(30), proc.stdout.read() if proc.poll() is not None and proc.stdout else ""
            yield ws, fake, lab
            fake.check_blocks()
        finally:
            proc.terminate()
            proc.wait(timeout=20)
            fake.close()


def test_request_and_approve_over_socket_mode(socket_bot: tuple[SocketSlack, FakeSlack, Lab]) -> None:
    ws, fake, lab = socket_bot
    ws.send({"envelope_id": "e1", "type": "slash_commands", "accepts_response_payload": True,
             "payload": {"command": "/oakley", "text": "set nlbsflags 1 on fe02 because CHG-9 faster recovery",
                         "user_id": "U_ALICE", "channel_id": "C1", "team_id": "T1", "api_app_id": "A1",
                         "trigger_id": "t", "token": "x",
                         "response_url": fake.response_url + "cmd"}})
    ws.wait_ack("e1")
    approval = fake.wait_for("chat.postMessage", lambda a: "actions" in json.dumps(a.get("blocks")))
    index = next(i for i, (_, a) in enumerate(fake.calls) if a is approval)
    message_ts = f"1700000000.{1001 + index:06d}"
    ws.send({"envelope_id": "e2", "type": "interactive", "accepts_response_payload": False,
             "payload": {"type": "block_actions", "user": {"id": "U_BOB"}, "team": {"id": "T1"}, "api_app_id": "A1",
                         "token": "x", "trigger_id": "t2", "channel": {"id": "C1"},
                         "container": {"type": "message", "message_ts": message_ts, "channel_id": "C1"},
                         "message": {"ts": message_ts, "text": ""},
                         "actions": [{"type": "button", "action_id": "approve", "value": "1",
                                      "block_id": "decision-1", "action_ts": "1"}]}})
    ws.wait_ack("e2")
    fake.wait_for("chat.update", lambda a: "Succeeded" in json.dumps(a.get("blocks")))
    assert lab.host("fe02").nlbsflags() == 1


def _events_api(envelope_id: str, event_id: str, event: dict[str, Any]) -> dict[str, Any]:
    """An `events_api` envelope exactly as Slack sends a first delivery: `retry_attempt` 0, `retry_reason` ""."""
    return {"envelope_id": envelope_id, "type": "events_api", "accepts_response_payload": False,
            "retry_attempt": 0, "retry_reason": "",
            "payload": {"token": "x", "team_id": "T1", "api_app_id": "A1", "event": event,
                        "type": "event_callback", "event_id": event_id, "event_time": int(time.time()),
                        "authorizations": [{"enterprise_id": None, "team_id": "T1", "user_id": "UBOT",
                                            "is_bot": True, "is_enterprise_install": False}],
                        "is_ext_shared_channel": False, "event_context": "4-eyJldCI6ImFwcF9tZW50aW9uIn0"}}


def test_mention_and_dm_answered_over_socket_mode(socket_bot: tuple[SocketSlack, FakeSlack, Lab]) -> None:
    ws, fake, _ = socket_bot
    ws.send(_events_api("m1", "Ev0MENTION", {
        "type": "app_mention", "user": "U_ALICE", "text": "<@UBOT> what is NLBSFlags?", "ts": "1700000001.000100",
        "channel": "C1", "event_ts": "1700000001.000100", "client_msg_id": "c1"}))
    ws.wait_ack("m1")
    fake.wait_for("chat.postMessage", lambda a: a.get("channel") == "C1" and "NLBSFlags" in str(a.get("text")))
    ws.send(_events_api("d1", "Ev0DIRECT", {
        "type": "message", "channel_type": "im", "user": "U_ALICE", "text": "what does NLBSFlags do?",
        "ts": "1700000002.000100",
        "channel": "D_ALICE", "event_ts": "1700000002.000100", "client_msg_id": "c2"}))
    ws.wait_ack("d1")
    fake.wait_for("chat.postMessage", lambda a: a.get("channel") == "D_ALICE")


def test_redelivered_event_is_answered_once(socket_bot: tuple[SocketSlack, FakeSlack, Lab]) -> None:
    ws, fake, _ = socket_bot
    event = {"type": "message", "channel_type": "im", "user": "U_ALICE", "text": "what does NLBSFlags do?",
             "ts": "1700000003.000100", "channel": "D_TWICE", "event_ts": "1700000003.000100"}
    ws.send(_events_api("r1", "Ev0TWICE", event))
    ws.wait_ack("r1")
    fake.wait_for("chat.postMessage", lambda a: a.get("channel") == "D_TWICE")
    retry = _events_api("r2", "Ev0TWICE", event)
    retry.update(retry_attempt=1, retry_reason="timeout")
    ws.send(retry)
    ws.wait_ack("r2")
    time.sleep(1.0)
    assert len([a for a in fake.of("chat.postMessage") if a.get("channel") == "D_TWICE"]) == 1
