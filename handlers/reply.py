"""What a handler hands back: text now, and possibly slow work to run after."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Reply:
    """`text` is shown at once; `followup` (remote work) runs after the chat
    platform has been acknowledged and returns the reply that completes it.
    `change_id` marks an approval request the platform may render richly."""

    text: str
    ephemeral: bool = False
    citation: str | None = None  # where the article says so, shown small under the text
    followup: Callable[[Progress], Reply] | None = None
    change_id: int | None = None
    kind: str = "message"  # "message", "approval" (a new request), "decision"
    data: dict[str, Any] | None = None
