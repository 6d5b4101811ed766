"""The slash command `/oakley …`: acknowledged at once, answered from the worker pool."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.slack.surface import Surface


def register(app: App, surface: Surface) -> None:
    @app.command("/oakley")
    def oakley(ack: Ack, command: dict[str, Any]) -> None:
        ack()
        surface.submit(surface.handle_text, command.get("text", ""), command["user_id"], command["channel_id"])
