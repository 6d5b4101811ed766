"""Bolt listeners, registered per kind as in Slack's bolt-python template."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners import actions, commands, events, views
from bot.slack.surface import Surface


def register(app: App, surface: Surface) -> None:
    commands.register(app, surface)
    events.register(app, surface)
    actions.register(app, surface)
    views.register(app, surface)
