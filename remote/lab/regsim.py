"""A simulated registry and the reg.exe that reads and writes it.

Output is byte-for-byte in the style of the host's Windows version, so the
client's parser meets what it would meet on a real server: reg.exe 3.0 on
Windows 2000/2003, the Vista-and-later style elsewhere.
"""

from __future__ import annotations

import re
import threading
from typing import NamedTuple

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_HIVES = {"HKLM": "HKEY_LOCAL_MACHINE", "HKEY_LOCAL_MACHINE": "HKEY_LOCAL_MACHINE"}
_CRLF = "\r\n"


class Output(NamedTuple):
    exit_code: int
    stdout: bytes
    stderr: bytes


class Value(NamedTuple):
    name: str
    type: str
    data: int | str


class Registry:
    """Keys to values, case-insensitive like Windows; safe across threads."""

    def __init__(self, values: dict[str, dict[str, Value]] | None = None) -> None:
        self._keys: dict[str, dict[str, Value]] = {k.upper(): dict(v) for k, v in (values or {}).items()}
        self._lock = threading.Lock()

    def get(self, key: str, name: str) -> Value | None:
        with self._lock:
            return self._keys.get(key.upper(), {}).get(name.lower())

    def set(self, key: str, value: Value) -> None:
        with self._lock:
            self._keys.setdefault(key.upper(), {})[value.name.lower()] = value

    def delete(self, key: str, name: str) -> bool:
        with self._lock:
            return self._keys.get(key.upper(), {}).pop(name.lower(), None) is not None

    def to_json(self) -> dict[str, list[list[object]]]:
        with self._lock:
            return {k: [list(v) for v in vals.values()] for k, vals in self._keys.items()}

    @classmethod
    def from_json(cls, data: dict[str, list[list[object]]]) -> Registry:
        reg = cls()
        for key, values in data.items():
            for name, type_, value in values:
                reg.set(key, Value(str(name), str(type_), value))  # type: ignore[arg-type]
        return reg


def _full_key(raw: str) -> str | None:
    hive, _, rest = raw.partition("\\")
    full = _HIVES.get(hive.upper())
    return f"{full}\\{rest}" if full and rest else None


class RegExe:
    """reg.exe as one Windows version prints it."""

    def __init__(self, legacy: bool, deny_writes: bool = False) -> None:
        self.legacy = legacy  # reg.exe 3.0 (Windows 2000/2003)
        self.deny_writes = deny_writes

    def _ok(self, text: str) -> Output:
        return Output(0, text.encode("cp437"), b"")

    def _error(self, message: str) -> Output:
        if self.legacy:  # 3.0 prints "Error:  Message" on stdout
            return Output(1, f"{_CRLF}Error:  {message.rstrip('.')}{_CRLF}".encode("cp437"), b"")
        return Output(1, b"", f"ERROR: {message}{_CRLF}".encode("cp437"))

    def denied(self) -> Output:
        return self._error("Access is denied.")

    def _done(self) -> Output:
        if self.legacy:
            return self._ok(f"{_CRLF}The operation completed successfully{_CRLF}")
        return self._ok(f"The operation completed successfully.{_CRLF}")

    def _line(self, value: Value) -> str:
        data = f"0x{value.data:x}" if isinstance(value.data, int) else str(value.data)
        sep = "\t" if self.legacy else "    "
        return f"    {value.name}{sep}{value.type}{sep}{data}"

    def run(self, registry: Registry, command: str, arguments: str) -> Output:
        if command.strip().lower() not in ("reg", "reg.exe"):
            name = command.strip()
            return Output(1, b"", (f"'{name}' is not recognized as an internal or external command,{_CRLF}"
                                   f"operable program or batch file.{_CRLF}").encode("cp437"))
        args = [a or b for a, b in _TOKEN.findall(arguments)]
        if len(args) < 2:
            return self._error("Invalid syntax.")
        action, key = args[0].lower(), _full_key(args[1])
        opts = {args[i].lower(): (args[i + 1] if i + 1 < len(args) else "") for i in range(2, len(args))}
        name = opts.get("/v")
        if key is None or not name:
            return self._error("Invalid syntax.")
        if action == "query":
            value = registry.get(key, name)
            if value is None:
                return self._error("The system was unable to find the specified registry key or value.")
            header = f"{_CRLF}! REG.EXE VERSION 3.0{_CRLF}" if self.legacy else ""
            return self._ok(f"{header}{_CRLF}{key}{_CRLF}{self._line(value)}{_CRLF}{_CRLF}")
        if action in ("add", "delete") and self.deny_writes:
            return self._error("Access is denied.")
        if action == "add":
            type_, data = opts.get("/t", "REG_SZ").upper(), opts.get("/d", "")
            if type_ in ("REG_SZ", "REG_EXPAND_SZ"):
                registry.set(key, Value(name, type_, data))
                return self._done()
            if type_ == "REG_BINARY":
                if len(data) % 2 or any(ch not in "0123456789abcdefABCDEF" for ch in data):
                    return self._error("Invalid syntax.")
                registry.set(key, Value(name, type_, data.upper()))
                return self._done()
            if type_ not in ("REG_DWORD", "REG_QWORD"):
                return self._error("Invalid syntax.")
            try:
                number = int(data, 0)
            except ValueError:
                return self._error("Invalid syntax.")
            if not 0 <= number <= (0xFFFFFFFF if type_ == "REG_DWORD" else 2**64 - 1):
                return self._error("Invalid syntax.")
            registry.set(key, Value(name, type_, number))
            return self._done()
        if action == "delete":
            if not registry.delete(key, name):
                return self._error("The system was unable to find the specified registry key or value.")
            return self._done()
        return self._error("Invalid syntax.")
