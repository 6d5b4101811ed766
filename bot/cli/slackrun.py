"""Shared start-up of the Slack modes: settings, services, the Bolt app."""

from __future__ import annotations

import logging
from typing import Any

from bot.cli.errors import UsageError


def start(mode: str) -> tuple[Any, Any, Any, Any]:
    """(settings, services, app, surface) for "http" or "socket"; usage errors name the variable."""
    from bot.cli.common import open_services, settings
    from bot.services import settle_heap
    from bot.slack.app import build_app
    from bot.slack.runtime import start_sweeper

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    conf = settings()
    if conf.slack_bot_token is None:
        raise UsageError("SLACK_BOT_TOKEN is not set (the bot token, xoxb-…)")
    if mode == "http" and conf.slack_signing_secret is None:
        raise UsageError("SLACK_SIGNING_SECRET is not set (Basic Information → Signing Secret)")
    if mode == "socket" and conf.slack_app_token is None:
        raise UsageError("SLACK_APP_TOKEN is not set (an app-level token, xapp-…, with connections:write)")
    services = open_services(None)
    secret = conf.slack_signing_secret.get_secret_value() if conf.slack_signing_secret else None
    try:
        app, surface = build_app(services, bot_token=conf.slack_bot_token.get_secret_value(), signing_secret=secret,
                                 api_url=conf.slack_api_url, approval_channel=conf.approval_channel,
                                 socket_mode=mode == "socket")
    except Exception as exc:  # e.g. auth.test refused the token
        services.close()
        raise UsageError(f"Slack refused to start the app: {exc}") from None
    for cid in services.recovered:
        logging.getLogger("oakley").warning("change %s was interrupted by a crash and is now 'unknown'", cid)
    start_sweeper(surface)
    settle_heap()
    return conf, services, app, surface
