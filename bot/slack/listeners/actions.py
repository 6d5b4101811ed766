"""The approval buttons: `approve` executes after its confirm dialog, `deny` asks why."""

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


def register(app: App, surface: Surface) -> None:
    @app.action("approve")
    def approve(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        change_id = _change_id(action)
        channel = (body.get("channel") or {}).get("id") or body.get("container", {}).get("channel_id")
        if change_id is None or not channel:
            return
        message_ts = body.get("container", {}).get("message_ts")
        surface.submit(surface.approve_clicked, body["user"]["id"], change_id, channel, message_ts)

    @app.action("deny")
    def deny(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        ack()
        change_id = _change_id(action)
        if change_id is None:
            return
        channel = (body.get("channel") or {}).get("id") or body.get("container", {}).get("channel_id")
        meta = json.dumps({"change": change_id, "channel": channel})
        # views.open must follow the click within 3 s (the trigger expires): done here, not queued.
        client.views_open(trigger_id=body["trigger_id"], view=blocks.deny_modal(change_id, meta))
