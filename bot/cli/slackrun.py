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
    if not conf.audit_key:
        logging.getLogger("oakley").warning(
            "OAKLEY_AUDIT_KEY is not set: the audit chain is unkeyed SHA-256, so anyone with write access to the "
            "database can rewrite it without `oakley audit verify` noticing; set OAKLEY_AUDIT_KEY (and "
            "OAKLEY_AUDIT_EXPORT) to anchor it")
    if conf.audit_channel:
        from bot.audit import Checkpointer

        channel = conf.audit_channel
        surface.checkpoints = Checkpointer(services.sessions, lambda text: surface.post(channel, text),
                                           keyed=conf.audit_key is not None)
    for cid in services.recovered:
        logging.getLogger("oakley").warning("change %s was interrupted by a crash and is now 'unknown'", cid)
    start_sweeper(surface)
    settle_heap()
    return app_token, services, app, surface
