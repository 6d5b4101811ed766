"""The slash command `/oakley …`: acknowledged at once, answered from the worker pool.

Answers go through the command's `response_url` (ephemeral to the caller), so the command
works in channels the bot has not joined; approval requests go where approvers see them.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.slack.surface import Surface


def register(app: App, surface: Surface) -> None:
    @app.command("/oakley")
    def oakley(ack: Ack, command: dict[str, Any]) -> None:
        ack()
        channel = command.get("channel_id")
        is_dm = command.get("channel_name") == "directmessage" or str(channel or "").startswith("D")
        surface.submit(surface.handle_text, command.get("text", ""), command["user_id"], channel,
                       response_url=command.get("response_url") or None, is_dm=is_dm)
