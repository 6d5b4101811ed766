"""A local Slack Web API: a real HTTP server that answers and records calls.

It answers the methods Oakley uses (`auth.test`, `chat.postMessage`,
`chat.update`, `chat.postEphemeral`, `views.open`, `views.publish`,
`conversations.open` (a distinct DM id per user), `apps.connections.open`,
`files.getUploadURLExternal` / the upload URL / `files.completeUploadExternal`
(what `files_upload_v2` uses), and `response_url` POSTs (recorded as the
method "response_url", under `FakeSlack.response_url`)), records every call with its
arguments, and lets a test wait for a call that matches. Channels in
`not_in` behave like channels the bot has not joined.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from slack_sdk.models.blocks import Block
from slack_sdk.signature import SignatureVerifier

Call = dict[str, Any]


class FakeSlack:
    def __init__(self, socket_url: str | None = None) -> None:
        self.calls: list[tuple[str, Call]] = []
        self.socket_url = socket_url
        self.auth_error: str | None = None  # auth.test answers this error (a bad or revoked token)
        self.scopes: str | None = None  # sent as the x-oauth-scopes header, as Slack does
        self._cond = threading.Condition()
        self._ts = 1000
        self.failures: dict[str, list[tuple[int, int]]] = {}  # method -> [(HTTP status, Retry-After)]
        self.refused: list[tuple[str, int]] = []  # (method, status) of the calls answered with an error
        self.not_in: set[str] = set()
        self.uploads: dict[str, bytes] = {}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                method = self.path.rsplit("/", 1)[-1]
                data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.startswith("/upload/"):
                    fake.uploads[method] = data
                    fake.record("upload", {"file_id": method, "size": len(data)})
                    self._reply(b"OK - " + str(len(data)).encode(), "text/plain")
                    return
                raw = data.decode()
                if self.path.startswith("/response/"):
                    args = json.loads(raw or "{}")
                    args["path"] = self.path
                    fake.record("response_url", args)
                    self._reply(b"ok", "text/plain")
                    return
                if "json" in self.headers.get("Content-Type", ""):
                    args = json.loads(raw or "{}")
                else:
                    args = {k: v[0] for k, v in parse_qs(raw).items()}
                for key in ("blocks", "view"):
                    if isinstance(args.get(key), str):
                        args[key] = json.loads(args[key])
                failure = fake.next_failure(method)
                if failure is not None:
                    status, retry_after = failure
                    if status == 0:  # the connection drops without an answer
                        self.close_connection = True
                        self.connection.close()
                        return
                    body = json.dumps({"ok": False, "error": "ratelimited"}).encode()
                    self.send_response(status)
                    self.send_header("Retry-After", str(retry_after))
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                self._reply(json.dumps(fake.answer(method, args)).encode(), "application/json")

            def _reply(self, body: bytes, content_type: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                if fake.scopes is not None:
                    self.send_header("x-oauth-scopes", fake.scopes)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.url = self.base + "/api/"
        self.response_url = self.base + "/response/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def fail(self, method: str, times: int, status: int = 429, retry_after: int = 1) -> None:
        """Answer the next `times` calls of `method` with `status` (429 with Retry-After; 0 drops)."""
        with self._cond:
            self.failures.setdefault(method, []).extend([(status, retry_after)] * times)

    def next_failure(self, method: str) -> tuple[int, int] | None:
        with self._cond:
            queue = self.failures.get(method)
            if not queue:
                return None
            failure = queue.pop(0)
            self.refused.append((method, failure[0]))
            return failure

    def record(self, method: str, args: Call) -> None:
        with self._cond:
            self._ts += 1
            self.calls.append((method, args))
            self._cond.notify_all()

    def answer(self, method: str, args: Call) -> Call:
        with self._cond:
            self._ts += 1
            ts = f"1700000000.{self._ts:06d}"
            self.calls.append((method, args))
            self._cond.notify_all()
        if method == "auth.test" and self.auth_error:
            return {"ok": False, "error": self.auth_error}
        channel = args.get("channel") or args.get("channel_id")
        if method in ("chat.postMessage", "chat.postEphemeral", "files.completeUploadExternal") \
                and channel in self.not_in:
            return {"ok": False, "error": "not_in_channel"}
        if method == "auth.test":
            return {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1", "user": "oakley",
                    "url": "https://example.slack.com/"}
        if method == "chat.postMessage":
            return {"ok": True, "channel": args.get("channel"), "ts": ts, "message": {"text": args.get("text")}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": self.dm_of(str(args.get("users", "")))}}
        if method == "files.getUploadURLExternal":
            file_id = f"F{self._ts}"
            return {"ok": True, "file_id": file_id, "upload_url": f"{self.base}/upload/{file_id}"}
        if method == "files.completeUploadExternal":
            files = args.get("files")
            files = json.loads(files) if isinstance(files, str) else files or []
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}
        if method == "files.info":
            return {"ok": True, "file": {"id": args.get("file")}}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.socket_url}
        if method in ("chat.update", "views.open", "views.publish"):
            return {"ok": True, "channel": args.get("channel"), "ts": args.get("ts")}
        return {"ok": False, "error": "unknown_method"}

    @staticmethod
    def dm_of(user: str) -> str:
        """The DM channel between the bot and `user` (what conversations.open answers)."""
        return "D_" + user.removeprefix("U_").removeprefix("U")

    def of(self, method: str) -> list[Call]:
        with self._cond:
            return [a for m, a in self.calls if m == method]

    def wait_for(self, method: str, match: Callable[[Call], bool] = lambda a: True, timeout: float = 30) -> Call:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for m, a in self.calls:
                    if m == method and match(a):
                        return a
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(m, str(a.get("text", ""))[:80]) for m, a in self.calls]
                    raise AssertionError(f"no {method} call matched within {timeout} s; calls: {seen}")
                self._cond.wait(left)

    def check_blocks(self) -> None:
        """Every payload parses as Block Kit and stays within Slack's limits."""
        for method, args in list(self.calls):
            payloads = []
            if "blocks" in args:
                payloads.append((args["blocks"], 50))
            if isinstance(args.get("view"), dict):
                payloads.append((args["view"]["blocks"], 100))  # Home and modals: 100 blocks
            for block_list, limit in payloads:
                assert len(block_list) <= limit, f"{method}: {len(block_list)} blocks"
                for block in block_list:
                    parsed = Block.parse(block)
                    assert parsed is not None, block
                    parsed.validate_json()
                    text = (block.get("text") or {}).get("text", "")
                    assert len(text) <= 3000, f"{method}: text of {len(text)} characters"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def signed(secret: str, body: str, *, timestamp: int | None = None) -> dict[str, str]:
    ts = str(timestamp if timestamp is not None else int(time.time()))
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}
