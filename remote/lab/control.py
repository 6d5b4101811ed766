"""Changing a running lab out of band: `oakley lab set HOST VALUE|absent`.

A running lab keeps its registries in memory (and a state file it rewrites),
so editing the state file does nothing until a restart. Instead the lab,
when started with `control=True`, watches `STATE_DIR/control/`: a request is
a small JSON file `req-<random>.json`, the lab applies it to the in-memory
registry (saving the state file as any write does) and answers with
`res-<random>.json`, which the requester reads and removes.

Why files and not a network endpoint: the state directory already decides
what the lab's registries hold (a restarted lab loads them from it), so
whoever can write there can change the lab anyway; a control directory in
it adds no new way in. No port, no secret to hand around. The directory is
created private (0700), requests owned by another user are ignored, and a
request is at most 4 KiB of JSON with a fixed shape: an operation, a host
the lab has, and a REG_DWORD number, `null` (absent) or a known OS name.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from remote.lab.lab import Lab

MAX_REQUEST = 4096
POLL_SECONDS = 0.1
DWORD_MAX = 0xFFFFFFFF


class ControlError(Exception):
    """The lab did not take the request; the message says why."""


def control_dir(state_dir: str | os.PathLike[str]) -> Path:
    return Path(state_dir) / "control"


def parse_value(text: str) -> int | None:
    """`absent` → None, else a REG_DWORD: decimal or 0x hex, 0…4294967295."""
    raw = text.strip().lower()
    if raw == "absent":
        return None
    try:
        number = int(raw, 16) if raw.startswith("0x") and len(raw) <= 10 else int(raw, 10) if len(raw) <= 10 else -1
    except ValueError:
        number = -1
    if not 0 <= number <= DWORD_MAX:
        raise ControlError(f"{text[:20]!r} is neither `absent` nor a REG_DWORD number from 0 to {DWORD_MAX}")
    return number


class ControlWatcher:
    """The lab's side: a thread applying requests as they arrive."""

    def __init__(self, lab: Lab) -> None:
        self.lab = lab
        self.directory = control_dir(lab.state_dir)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="oakley-lab-control", daemon=True)

    def start(self) -> ControlWatcher:
        self.directory.mkdir(mode=0o700, exist_ok=True)
        os.chmod(self.directory, 0o700)
        for stale in self.directory.glob("*.json"):  # left by an earlier run: never apply them now
            stale.unlink(missing_ok=True)
        (self.directory / "lab.pid").write_text(str(os.getpid()), encoding="ascii")
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        (self.directory / "lab.pid").unlink(missing_ok=True)

    def _loop(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            try:
                requests = sorted(self.directory.glob("req-*.json"))
            except OSError:
                continue
            for path in requests:
                self._take(path)

    def _take(self, path: Path) -> None:
        token = path.name[len("req-"):-len(".json")]
        if not token.isalnum():
            path.unlink(missing_ok=True)
            return
        try:
            info = path.stat()
            if info.st_uid != os.getuid() or info.st_size > MAX_REQUEST:
                path.unlink(missing_ok=True)
                return
            request = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # being written (a rename makes it whole) or gone
        path.unlink(missing_ok=True)
        try:
            answer = {"ok": True, **self.apply(request)}
        except ControlError as exc:
            answer = {"ok": False, "error": str(exc)}
        result = self.directory / f"res-{token}.json"
        tmp = self.directory / f"tmp-{token}"
        tmp.write_text(json.dumps(answer), encoding="utf-8")
        os.replace(tmp, result)

    def apply(self, request: Any) -> dict[str, Any]:
        """Apply one request to the running lab; what the value was and is now."""
        if not isinstance(request, dict):
            raise ControlError("a control request is a JSON object")
        op, name = request.get("op"), request.get("host")
        host = self.lab.hosts.get(name) if isinstance(name, str) else None
        if host is None:
            raise ControlError(f"the lab has no host {str(name)[:40]!r}; it has {', '.join(list(self.lab.hosts)[:10])}")
        if op == "set":
            value = request.get("value")
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                      or not 0 <= value <= DWORD_MAX):
                raise ControlError(f"NLBSFlags must be absent or a REG_DWORD from 0 to {DWORD_MAX}")
            before = host.nlbsflags()
            host.set_nlbsflags(value)
            return {"host": host.name, "before": before, "after": host.nlbsflags()}
        if op == "os":
            before_os = host.os
            try:
                host.set_os(str(request.get("os")))
            except ValueError as exc:
                raise ControlError(str(exc)) from None
            return {"host": host.name, "before": before_os, "after": host.os}
        raise ControlError(f"unknown control operation {str(op)[:20]!r}")


def send(state_dir: str | os.PathLike[str], request: dict[str, Any], timeout: float = 5.0) -> dict[str, Any]:
    """Hand a request to the lab running on `state_dir` and wait for its answer."""
    directory = control_dir(state_dir)
    pid_file = directory / "lab.pid"
    try:
        pid = int(pid_file.read_text(encoding="ascii").strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        raise ControlError(f"no lab is running on {state_dir} (start one with `oakley lab --state-dir "
                           f"{state_dir}`)") from None
    token = secrets.token_hex(8)
    request_path, result = directory / f"req-{token}.json", directory / f"res-{token}.json"
    tmp = directory / f"tmp-{token}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(request, fh)
    os.replace(tmp, request_path)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result.exists():
            try:
                answer = json.loads(result.read_text(encoding="utf-8"))
            finally:
                result.unlink(missing_ok=True)
            if not answer.get("ok"):
                raise ControlError(str(answer.get("error", "the lab refused the request")))
            return dict(answer)
        time.sleep(POLL_SECONDS / 2)
    with contextlib.suppress(OSError):
        request_path.unlink()  # not applied later by surprise
    raise ControlError(f"the lab on {state_dir} (pid {pid}) did not answer within {timeout:g} s")
