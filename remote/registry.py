"""Registry operations on one host: read, write with read-back, delete."""

from __future__ import annotations

from remote import regexe
from remote.errors import RemoteError
from remote.regexe import Allowlist, RegistryValue, RegRead
from remote.winrm_client import WinRMClient


def read(client: WinRMClient, allow: Allowlist, value: RegistryValue) -> RegRead:
    out = client.run(regexe.query(allow, value))
    return regexe.parse_query(value, out.exit_code, out.stdout, out.stderr, client.host.name)


def write_dword(client: WinRMClient, allow: Allowlist, value: RegistryValue, data: int) -> RegRead:
    """Write, then read back: the read is what is recorded, not the intent."""
    out = client.run(regexe.add_dword(allow, value, data))
    regexe.parse_change(out.exit_code, out.stdout, out.stderr, client.host.name)
    after = read(client, allow, value)
    if after != RegRead(True, "REG_DWORD", data):
        raise RemoteError("command_failed", f"{client.host.name} accepted the write but reads back "
                          f"{_show(after)} instead of {data}")
    return after


def write_typed(client: WinRMClient, allow: Allowlist, value: RegistryValue, type_: str, data: str) -> RegRead:
    """Write a value of another type back as it was found (revert), then read back."""
    if type_ == "REG_DWORD":
        return write_dword(client, allow, value, int(data))
    out = client.run(regexe.add_typed(allow, value, type_, data))
    regexe.parse_change(out.exit_code, out.stdout, out.stderr, client.host.name)
    after = read(client, allow, value)
    if (after.type, regexe.data_text(after)) != (type_, data):
        raise RemoteError("command_failed", f"{client.host.name} accepted the write but reads back "
                          f"{_show(after)} instead of {data!r} ({type_})")
    return after


def delete(client: WinRMClient, allow: Allowlist, value: RegistryValue) -> RegRead:
    out = client.run(regexe.delete(allow, value))
    regexe.parse_change(out.exit_code, out.stdout, out.stderr, client.host.name, missing_ok=True)
    after = read(client, allow, value)
    if after.present:
        raise RemoteError("command_failed", f"{client.host.name} still has {value.name} after deleting it")
    return after


def _show(r: RegRead) -> str:
    return "nothing" if not r.present else f"{r.value} ({r.type})"
