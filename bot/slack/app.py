"""Assembling the Bolt app (both modes share it) and its safety middleware."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler
from sqlalchemy.exc import SQLAlchemyError

from bot import events
from bot.services import Services
from bot.slack.listeners import register
from bot.slack.surface import Surface

SLACK_API = "https://slack.com/api/"
log = logging.getLogger("oakley.slack")
RETRIES = 3  # per Web API call, for HTTP 429 (waiting Retry-After) and for connection errors


def web_client(token: str, api_url: str | None) -> WebClient:
    """A Web API client that retries, bounded: 429 after `Retry-After`, and dropped connections
    (slack_sdk's own handlers). What still fails is logged by the caller; approval messages are
    posted again by the background sweep."""
    base = (api_url or SLACK_API).rstrip("/") + "/"
    return WebClient(token=token, base_url=base,
                     retry_handlers=[ConnectionErrorRetryHandler(max_retry_count=RETRIES),
                                     RateLimitErrorRetryHandler(max_retry_count=RETRIES)])


def build_app(services: Services, *, bot_token: str, signing_secret: str | None, api_url: str | None,
              approval_channel: str | None = None, socket_mode: bool = False) -> tuple[App, Surface]:
    """The Bolt app with Oakley's listeners; `Surface` does the delivering."""
    client = web_client(bot_token, api_url)
    app = App(
        client=client,
        signing_secret=signing_secret,
        request_verification_enabled=not socket_mode,  # HTTP: forged or stale requests get 401
        listener_executor=ThreadPoolExecutor(max_workers=32, thread_name_prefix="oakley-ack"),
        logger=logging.getLogger("oakley.bolt"),
    )
    surface = Surface(services, client, approval_channel=approval_channel)

    @app.middleware
    def once_only(request: BoltRequest, body: dict[str, Any], next: Any) -> BoltResponse | None:
        # De-duplicate by event id only, shared through the database so twin processes agree.
        # Never by X-Slack-Retry-Num: Socket Mode mirrors `retry_attempt: 0` into it on every first
        # delivery, and a true retry of an event whose first delivery failed must still be answered.
        # A slash command, click or form carries a trigger_id Slack never reuses: a replay of a captured
        # signed request within the 5-minute window has the same one and creates nothing new.
        event_id = body.get("event_id") if isinstance(body, dict) else None
        trigger_id = body.get("trigger_id") if isinstance(body, dict) else None
        if not event_id and not trigger_id:
            return next()
        key = str(event_id) if event_id else f"trigger:{trigger_id}"
        try:
            first = events.first_time(services.sessions, key)
        except SQLAlchemyError:  # the database is away: answer anyway (replies say what cannot be done)
            log.warning("could not record %s: the database is unavailable", key[:40])
            first = True
        if not first:
            log.info("ignored a repeated delivery (%s)", key[:40])
            return BoltResponse(status=200, body="")
        return next()

    register(app, surface)
    return app, surface
