"""Shared start-up of the Slack modes: settings, services, the Bolt app."""

from __future__ import annotations

import logging
from typing import Any

from bot.cli.errors import UsageError


def start(mode: str) -> tuple[str, Any, Any, Any]:
    """(app token, services, app, surface) for "http" or "socket"; usage errors name the variable."""
    from bot.cli.common import open_services, settings
    from bot.services import settle_heap
    from bot.slack.app import build_app
    from bot.slack.runtime import start_sweeper

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    conf = settings()
    token, secret, app_token = (s.get_secret_value() if s else "" for s in
                                (conf.slack_bot_token, conf.slack_signing_secret, conf.slack_app_token))
    if not token:
        raise UsageError("SLACK_BOT_TOKEN is not set (the bot token, xoxb-…)")
    if mode == "http" and not secret:
        raise UsageError("SLACK_SIGNING_SECRET is not set (Basic Information → Signing Secret)")
    if mode == "socket" and not app_token:
        raise UsageError("SLACK_APP_TOKEN is not set (an app-level token, xapp-…, with connections:write)")
    services = open_services(None)
    try:
        app, surface = build_app(services, bot_token=token, signing_secret=secret or None,
                                 api_url=conf.slack_api_url, approval_channel=conf.approval_channel,
                                 socket_mode=mode == "socket")
    except Exception as exc:  # e.g. auth.test refused the token
        services.close()
        raise UsageError(f"Slack refused to start the app: {exc}") from None
    surface.announce_unknown(services.recovered)  # their approval messages say so too
    start_sweeper(surface)
    settle_heap()
    return app_token, services, app, surface
