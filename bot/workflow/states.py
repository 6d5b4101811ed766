"""The values a change is compared and shown by, and the error every step raises.

A value is compared as `State` (present, type, data as text) so a REG_SZ and a REG_DWORD of the
same digits never look equal; it is shown through `bot.checks.describe_value`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.checks import describe_value
from bot.db.models import Change
from remote.regexe import RegRead, data_text

SYSTEM = "oakley"
MAX_REASON = 500
MAX_USER_ID = 64  # the width of changes.requester / approver and the audit actor
RATE_WINDOW = timedelta(minutes=1)
POSTING = "posting:"  # message_ts while a process posts the approval message
POSTING_STALE = timedelta(minutes=5)
State = tuple[bool, str | None, str | None]  # present, type, data as text: how values are compared


class WorkflowError(Exception):
    """A refused or impossible step; `kind` lets the chat layer choose how to show it."""

    def __init__(self, message: str, kind: str = "refused") -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind


def now_utc() -> datetime:
    return datetime.now(UTC)


def posting_time(placeholder: str) -> int:
    digits = placeholder.removeprefix(POSTING)
    return int(digits) if digits.isdigit() else 0


def has_message(change: Change) -> bool:
    """Whether the approval message is posted (not merely being posted)."""
    return bool(change.channel and change.message_ts and not change.message_ts.startswith(POSTING))


def read_state(change: Change, which: str) -> dict[str, Any] | None:
    present = getattr(change, f"{which}_present")
    if present is None:
        return None
    value = getattr(change, f"{which}_value")
    data = getattr(change, f"{which}_data")
    return {"present": present, "value": value if data is None else data, "type": getattr(change, f"{which}_type")}


def describe_read(read: RegRead) -> str:
    return describe_value(read.present, read.value if isinstance(read.value, int) else None, read.type,
                          data_text(read))


def describe(change: Change, which: str) -> str:
    """`before` or `after` of a change as people read it, with the type when it is not REG_DWORD."""
    return describe_value(getattr(change, f"{which}_present"), getattr(change, f"{which}_value"),
                          getattr(change, f"{which}_type"), getattr(change, f"{which}_data"))


def describe_target(change: Change) -> str:
    present, type_, data = target_state(change)
    return describe_value(present, change.target_value, type_, data)


def read_state_of(read: RegRead) -> State:
    if not read.present:
        return (False, None, None)
    return (True, read.type, data_text(read))


def stored_state(change: Change, which: str) -> State:
    if not getattr(change, f"{which}_present"):
        return (False, None, None)
    data = getattr(change, f"{which}_data")
    value = getattr(change, f"{which}_value")
    return (True, getattr(change, f"{which}_type") or "REG_DWORD", data if data is not None else str(value))


def target_state(change: Change) -> State:
    if change.action == "delete":
        return (False, None, None)
    if change.target_type:
        return (True, change.target_type, change.target_data)
    return (True, "REG_DWORD", str(change.target_value))


def columns(which: str, read: RegRead) -> dict[str, Any]:
    """`before_*` / `after_*` column values for a read: REG_DWORD in `_value`, others as text in `_data`."""
    dword = read.present and read.type == "REG_DWORD" and isinstance(read.value, int)
    return {f"{which}_present": read.present, f"{which}_type": read.type if read.present else None,
            f"{which}_value": read.value if dword else None,
            f"{which}_data": data_text(read) if read.present and not dword else None}
