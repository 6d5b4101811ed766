"""What Windows a host says it runs: `CurrentVersion` and `ProductName`.

The failover estimate depends on the OS (the 1-minute idle timer is a Windows
Server 2003 behaviour), and an inventory's `oakley_os` can be wrong. The host
can say: `HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion` holds the
version number (`5.0` Windows 2000, `5.2` Windows Server 2003, …) and the
product name, readable with plain `reg query … /v NAME` commands on every
Windows from 2000 on — no PowerShell, no compound command line.

Both values are on the allowlist only for reading (nothing writes them), and
the product name, which is text from the host, is cut to a strict character
set and length before anyone sees it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from remote import registry
from remote.errors import RemoteError
from remote.regexe import Allowlist, RegistryValue, RegRead
from remote.winrm_client import WinRMClient

OS_KEY = r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"
CURRENT_VERSION = RegistryValue(OS_KEY, "CurrentVersion")
PRODUCT_NAME = RegistryValue(OS_KEY, "ProductName")
OS_VALUES = (CURRENT_VERSION, PRODUCT_NAME)

#: error kinds that say something about the host (cache them); the others are the network's
DEFINITIVE = frozenset({"access_denied", "parse_error", "command_failed", "absent", "unrecognised"})

_VERSION = re.compile(r"[0-9]{1,2}\.[0-9]{1,2}")
_UNSAFE = re.compile(r"[^A-Za-z0-9 ()._,:+-]")
_SERVER_YEAR = re.compile(r"Windows Server (?:\(R\) )?(20[0-9]{2})( R2)?", re.IGNORECASE)
MAX_PRODUCT = 80

# CurrentVersion -> (server name, client name); the product name decides between them.
_BY_VERSION = {
    "5.0": ("windows-2000", "windows-2000"),
    "5.1": ("windows-xp", "windows-xp"),
    "5.2": ("windows-2003", "windows-xp"),  # XP x64 is 5.2 too
    "6.0": ("windows-2008", "windows-vista"),
    "6.1": ("windows-2008-r2", "windows-7"),
    "6.2": ("windows-2012", "windows-8"),
    "6.3": ("windows-2012-r2", "windows-8.1"),  # 2016 and later still say 6.3: see the product name
}


class HostOS(NamedTuple):
    """The OS as the host reported it; `name` is None when it could not be read or recognised."""

    name: str | None
    version: str | None = None
    product: str | None = None
    error_kind: str | None = None
    error: str | None = None

    @property
    def definitive(self) -> bool:
        """Worth remembering: a reading, or a failure that is the host's (not a dropped connection)."""
        return self.name is not None or self.error_kind in DEFINITIVE


def os_name(version: str | None, product: str | None) -> str | None:
    """The inventory's name for a version and product name (`5.2` → `windows-2003`); None if unknown."""
    if version is None or not _VERSION.fullmatch(version.strip()):
        return None
    pair = _BY_VERSION.get(version.strip())
    if pair is None:
        return None
    text = product or ""
    year = _SERVER_YEAR.search(text)
    if year and version.strip().startswith("6."):
        return f"windows-{year.group(1)}{'-r2' if year.group(2) else ''}"
    if version.strip() == "6.3" and re.search(r"\bWindows 1[01]\b", text):
        return "windows-10"  # Windows 11 still calls itself "Windows 10" here
    client = "Server" not in text and re.search(r"\b(XP|Vista|Windows [78](\.1)?)\b", text) is not None
    return pair[1] if client else pair[0]


def safe_product(text: str | None) -> str | None:
    """Host text made safe to show anywhere: a strict character set, bounded length."""
    if text is None:
        return None
    cleaned = _UNSAFE.sub("", text).strip()[:MAX_PRODUCT]
    return cleaned or None


def read_os(client: WinRMClient, allow: Allowlist) -> HostOS:
    """Read both values in the client's shell; a failure is part of the answer, never raised."""
    try:
        version = registry.read(client, allow, CURRENT_VERSION)
        product = registry.read(client, allow, PRODUCT_NAME)
    except RemoteError as exc:
        return HostOS(None, error_kind=exc.kind, error=exc.message)
    if not version.present:
        return HostOS(None, error_kind="absent", error="the host has no CurrentVersion value")
    shown_version = safe_product(str(version.value))
    shown_product = safe_product(str(product.value)) if product.present else None
    name = os_name(shown_version, shown_product)
    if name is None:
        return HostOS(None, shown_version, shown_product, "unrecognised",
                      f"version {shown_version or '(empty)'} is not one Oakley knows")
    return HostOS(name, shown_version, shown_product)


class HostRead(NamedTuple):
    """A check's reading of one host: the value, and the OS when it was asked for."""

    value: RegRead
    os: HostOS | None = None


def read_host(client: WinRMClient, allow: Allowlist, value: RegistryValue, with_os: bool = False) -> HostRead:
    """Read `value` and, when asked, the OS — in one shell over one connection.

    The OS costs three more requests per value (a Signal for the finished
    command, then Command and Receive), so callers ask for it only when
    what they know of it is missing or old (bot/hostfacts.py).
    """
    if not with_os:
        return HostRead(registry.read(client, allow, value))
    with client:
        read = registry.read(client, allow, value)
        return HostRead(read, read_os(client, allow))
