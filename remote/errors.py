"""One error type for everything that can go wrong on a remote host."""

from __future__ import annotations

from typing import Literal

ErrorKind = Literal[
    "unreachable", "timeout", "auth_failed", "tls_error", "access_denied", "command_failed", "parse_error"
]


class RemoteError(Exception):
    """A failure a person can act on.

    `message` is for people (it names the host and what to check, never a
    credential); `raw` keeps the tool output for the log when there is any.
    """

    def __init__(self, kind: ErrorKind, message: str, *, raw: str | None = None) -> None:
        super().__init__(message)
        self.kind: ErrorKind = kind
        self.message = message
        self.raw = raw

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "message": self.message}


class MissingCredentials(RemoteError):
    """No user or password is configured for a host: a configuration error, not a host failure."""

    def __init__(self, message: str) -> None:
        super().__init__("auth_failed", message)


class InventoryError(Exception):
    """The inventory is unusable; the message names the file, host and field."""
