"""Buttons: `approve` executes after its confirm dialog, `deny` asks why, `history_more` pages.

A click on a request message carries its channel; a click on the App Home carries
`container: {type: "view", view_id}` and no channel — both are decisions all the same.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.slack import blocks
from bot.slack.surface import Surface

log = logging.getLogger("oakley.slack")
MAX_ID = 2**31 - 1  # the id column is a 32-bit integer on PostgreSQL


def change_id_of(value: object) -> int | None:
    """A change id from a button or form: plain ASCII digits in the id column's range, else None."""
    text = str(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""
    if text.isascii() and text.isdigit() and len(text) <= 10 and 0 < int(text) <= MAX_ID:
        return int(text)
    log.warning("ignored a button or form whose change id is not a plain number in range: %r", text[:40] or value)
    return None


def _change_id(action: dict[str, Any]) -> int | None:
    return change_id_of(action.get("value", ""))


def _where(body: dict[str, Any]) -> tuple[str | None, str | None]:
    """(channel, message ts) of a click on a message; (None, None) on the Home or in a modal."""
    container = body.get("container") or {}
    if container.get("type") == "view":
        return None, None
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id")
    ts = container.get("message_ts") or (body.get("message") or {}).get("ts")
    return (str(channel) if channel else None), (str(ts) if ts else None)


def register(app: App, surface: Surface) -> None:
    @app.action("approve")
    def approve(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        change_id = _change_id(action)
        if change_id is None:
            return
        channel, message_ts = _where(body)
        surface.submit(surface.approve_clicked, body["user"]["id"], change_id, channel, message_ts)

    @app.action("deny")
    def deny(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        ack()
        change_id = _change_id(action)
        if change_id is None:
            return
        channel, message_ts = _where(body)
        meta = json.dumps({"change": change_id, "channel": channel, "ts": message_ts})
        # views.open must follow the click within 3 s (the trigger expires): done here, not queued.
        client.views_open(trigger_id=body["trigger_id"], view=blocks.deny_modal(change_id, meta))

    @app.action("history_more")
    def history_more(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        channel, _ = _where(body)
        surface.submit(surface.history_more, body["user"]["id"], str(action.get("value", ""))[:2000], channel,
                       body.get("response_url"))
