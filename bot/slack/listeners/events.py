"""Mentions, direct messages and App Home; bots (Oakley included) are ignored."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext

from bot.slack.surface import Surface


def _from_a_person(event: dict[str, Any]) -> bool:
    return not event.get("bot_id") and not event.get("subtype") and bool(event.get("user"))


def register(app: App, surface: Surface) -> None:
    @app.event("app_mention")
    def mention(event: dict[str, Any], context: BoltContext) -> None:
        if _from_a_person(event):
            surface.submit(surface.handle_text, event.get("text", ""), event["user"], event["channel"],
                           event.get("thread_ts") or event.get("ts"), is_dm=False, bot_user=context.bot_user_id)

    @app.event("message")
    def direct_message(event: dict[str, Any], context: BoltContext) -> None:
        if event.get("channel_type") == "im" and _from_a_person(event):
            surface.submit(surface.handle_text, event.get("text", ""), event["user"], event["channel"],
                           event.get("thread_ts"), is_dm=True, bot_user=context.bot_user_id)

    @app.event("app_home_opened")
    def home(event: dict[str, Any]) -> None:
        if event.get("tab", "home") == "home":
            surface.submit(surface.publish_home, event["user"])
