"""Assembling the Bolt app (both modes share it) and its safety middleware."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient

from bot import events
from bot.services import Services
from bot.slack.listeners import register
from bot.slack.surface import Surface

SLACK_API = "https://slack.com/api/"


def web_client(token: str, api_url: str | None) -> WebClient:
    base = (api_url or SLACK_API).rstrip("/") + "/"
    return WebClient(token=token, base_url=base)


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
        event_id = body.get("event_id") if isinstance(body, dict) else None
        if event_id and not events.first_time(services.sessions, str(event_id)):
            return BoltResponse(status=200, body="")
        return next()

    register(app, surface)
    return app, surface
