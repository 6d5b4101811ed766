"""Who is speaking, where, and the services they may use."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services import Services


@dataclass(frozen=True)
class ChatContext:
    user: str  # the platform's user ID, from the signed payload — never a display name
    services: Services
    channel: str | None = None
    lang: str = "en"  # "fr" when the person writes French (same detection as `ask`)
