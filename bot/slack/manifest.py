"""The Slack app manifest: create the app in one step (api.slack.com/apps → From a manifest)."""

from __future__ import annotations

from typing import Any

import yaml

BOT_EVENTS = ["app_mention", "message.im", "app_home_opened"]
SCOPES = ["app_mentions:read", "chat:write", "commands", "files:write", "im:history", "im:read", "im:write"]


def manifest(http_url: str | None = None) -> dict[str, Any]:
    """Socket Mode by default; with `http_url` (…/slack/events) for HTTP mode."""
    command: dict[str, Any] = {
        "command": "/oakley", "description": "Ask about KB 821839, check or change NLBSFlags",
        "usage_hint": "help | check all | set nlbsflags 1 on fe01 because …", "should_escape": False,
    }
    settings: dict[str, Any] = {
        "event_subscriptions": {"bot_events": BOT_EVENTS},
        "interactivity": {"is_enabled": True},
        "org_deploy_enabled": False,
        "socket_mode_enabled": http_url is None,
        "token_rotation_enabled": False,
    }
    if http_url:
        command["url"] = http_url
        settings["event_subscriptions"]["request_url"] = http_url
        settings["interactivity"]["request_url"] = http_url
    return {
        "display_information": {
            "name": "Oakley",
            "description": "IPSec between Exchange 2003 front-ends and back-ends: KB 821839, checks, approved changes",
            "background_color": "#2c4a1e",
        },
        "features": {
            "app_home": {"home_tab_enabled": True, "messages_tab_enabled": True,
                         "messages_tab_read_only_enabled": False},
            "bot_user": {"display_name": "oakley", "always_online": True},
            "slash_commands": [command],
        },
        "oauth_config": {"scopes": {"bot": SCOPES}},
        "settings": settings,
    }


def render(http_url: str | None = None) -> str:
    return yaml.safe_dump(manifest(http_url), sort_keys=False, allow_unicode=True)
