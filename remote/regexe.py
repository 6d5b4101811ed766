"""reg.exe command lines built from validated parts, and its output parsed.

Windows Server 2003 has reg.exe but no PowerShell, so every remote action is
a `reg query|add|delete`. Command lines are assembled only from a value on
the allowlist (key and name fixed by the KB, checked here again against a
strict character set) and an integer in DWORD range; no text from a chat
message can reach them.

Two output styles exist: reg.exe 3.0 (Windows 2000/2003) prints a
`! REG.EXE VERSION 3.0` header, separates fields with tabs and reports
`Error:  The system was unable to find…`; Vista and later separate with four
spaces and say `ERROR: … value.`. The exit code is trusted first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal, NamedTuple

from remote.errors import RemoteError

DWORD_MAX = 0xFFFFFFFF
# Key components are words, one space allowed between them (`Windows NT`): the key is always quoted.
_KEY_RE = re.compile(r"^HKLM(\\[A-Za-z0-9_]+( [A-Za-z0-9_]+)*)+$")
_NAME_RE = re.compile(r"^[A-Za-z0-9_]{1,64}$")
_FIELD_SEP = re.compile(r"\t|\s{4}")


class RegistryValue(NamedTuple):
    """A registry value Oakley may touch: `HKLM\\…` key and value name."""

    key: str
    name: str


class Allowlist:
    """The registry values that may be read or written, fixed at start-up."""

    def __init__(self, values: Iterable[RegistryValue]) -> None:
        self._values = frozenset(values)
        for v in self._values:
            if not _KEY_RE.fullmatch(v.key) or not _NAME_RE.fullmatch(v.name):
                raise ValueError(f"not a plain HKLM key and value name: {v.key}\\{v.name}")

    def check(self, value: RegistryValue) -> RegistryValue:
        if value not in self._values:
            raise ValueError(f"{value.key}\\{value.name} is not on the allowlist of registry values")
        return value

    def __contains__(self, value: object) -> bool:
        return value in self._values


class RegCommand(NamedTuple):
    """What to run through the cmd shell: `reg` and its arguments."""

    action: Literal["query", "add", "delete"]
    arguments: tuple[str, ...]

    @property
    def command(self) -> str:
        return "reg"

    def line(self) -> str:
        return " ".join(("reg", *self.arguments))


def query(allow: Allowlist, value: RegistryValue) -> RegCommand:
    v = allow.check(value)
    return RegCommand("query", ("query", f'"{v.key}"', "/v", v.name))


def add_dword(allow: Allowlist, value: RegistryValue, data: int) -> RegCommand:
    v = allow.check(value)
    if isinstance(data, bool) or not isinstance(data, int) or not 0 <= data <= DWORD_MAX:
        raise ValueError(f"REG_DWORD data must be an integer from 0 to {DWORD_MAX}, not {data!r}")
    return RegCommand("add", ("add", f'"{v.key}"', "/v", v.name, "/t", "REG_DWORD", "/d", str(data), "/f"))


# Data of other types that Oakley writes back only to restore what it found (a revert): strict
# character sets, so nothing cmd.exe or reg.exe would interpret (quotes, %, ^, &, /) can appear.
RESTORABLE = {
    "REG_SZ": re.compile(r"[A-Za-z0-9 ._,:-]{0,255}"),
    "REG_EXPAND_SZ": re.compile(r"[A-Za-z0-9 ._,:-]{0,255}"),
    "REG_BINARY": re.compile(r"(?:[0-9A-Fa-f]{2}){0,64}"),
    "REG_QWORD": re.compile(r"[0-9]{1,20}"),
}


def restorable(type_: str, data: str) -> bool:
    """Can this value be written back as found (see `add_typed`)?"""
    pattern = RESTORABLE.get(type_)
    return pattern is not None and pattern.fullmatch(data) is not None and (
        type_ != "REG_QWORD" or int(data) < 2**64)


def add_typed(allow: Allowlist, value: RegistryValue, type_: str, data: str) -> RegCommand:
    """`reg add` of a value of another type than REG_DWORD, to restore what a change replaced."""
    v = allow.check(value)
    if not restorable(type_, data):
        raise ValueError(f"{type_} data {data[:40]!r} cannot be written safely by Oakley")
    shown = f'"{data}"' if type_ in ("REG_SZ", "REG_EXPAND_SZ") else data
    return RegCommand("add", ("add", f'"{v.key}"', "/v", v.name, "/t", type_, "/d", shown, "/f"))


def data_text(read: RegRead) -> str | None:
    """The data as text, as reg.exe showed it (QWORD in decimal); None when absent."""
    if not read.present:
        return None
    return str(read.value) if read.value is not None else ""


def delete(allow: Allowlist, value: RegistryValue) -> RegCommand:
    v = allow.check(value)
    return RegCommand("delete", ("delete", f'"{v.key}"', "/v", v.name, "/f"))


class RegRead(NamedTuple):
    """A value as read: absent, or present with its type and data."""

    present: bool
    type: str | None = None
    value: int | str | None = None


_NOT_FOUND = re.compile(r"unable to find the specified registry key or value", re.IGNORECASE)
_DENIED = re.compile(r"access is denied", re.IGNORECASE)
_SUCCESS = re.compile(r"^the operation completed successfully\.?$", re.IGNORECASE | re.MULTILINE)


def _text(stdout: bytes, stderr: bytes) -> str:
    # reg.exe writes in the console code page; 437 decodes any byte.
    return (stdout.decode("cp437") + "\n" + stderr.decode("cp437")).replace("\r\n", "\n")


def _failure(exit_code: int, text: str, host: str) -> RemoteError:
    if _DENIED.search(text):
        return RemoteError("access_denied", f"{host} refused access to the registry value; "
                           "the WinRM account needs administrative rights there", raw=text)
    return RemoteError("command_failed", f"reg.exe on {host} failed with exit code {exit_code}", raw=text)


def _data(type_: str, raw: str) -> int | str:
    if type_ in ("REG_DWORD", "REG_QWORD"):
        raw = raw.strip()
        return int(raw, 16) if raw.lower().startswith("0x") else int(raw, 10)
    return raw


def parse_query(value: RegistryValue, exit_code: int, stdout: bytes, stderr: bytes, host: str) -> RegRead:
    """Parse `reg query … /v NAME`; a missing value is a normal answer."""
    text = _text(stdout, stderr)
    if exit_code != 0:
        if _NOT_FOUND.search(text):
            return RegRead(False)
        raise _failure(exit_code, text, host)
    for line in text.split("\n"):
        fields = [f for f in _FIELD_SEP.split(line.strip()) if f]
        if len(fields) >= 2 and fields[0].lower() == value.name.lower() and fields[1].startswith("REG_"):
            raw = fields[2] if len(fields) > 2 else ""
            try:
                return RegRead(True, fields[1], _data(fields[1], raw))
            except ValueError:
                break
    raise RemoteError("parse_error", f"could not read {value.name} in the reg.exe output from {host}", raw=text)


def parse_change(exit_code: int, stdout: bytes, stderr: bytes, host: str, *, missing_ok: bool = False) -> None:
    """Parse `reg add`/`reg delete`; `missing_ok` accepts deleting an absent value."""
    text = _text(stdout, stderr)
    if exit_code == 0:
        if _SUCCESS.search(text):
            return
        raise RemoteError("parse_error", f"reg.exe on {host} exited 0 without confirming the change", raw=text)
    if missing_ok and _NOT_FOUND.search(text):
        return
    raise _failure(exit_code, text, host)
