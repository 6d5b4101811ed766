"""The deny modal's submission: the reason goes with the decision."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, App

from bot.slack.listeners.actions import change_id_of
from bot.slack.surface import Surface


def register(app: App, surface: Surface) -> None:
    @app.view("deny_reason")
    def deny_reason(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        ack()
        try:
            meta = json.loads(view.get("private_metadata") or "{}")
            change_id = change_id_of(meta["change"])
        except (ValueError, KeyError, TypeError):
            return
        if change_id is None:
            return
        values = view.get("state", {}).get("values", {})
        reason = (values.get("reason", {}).get("text", {}) or {}).get("value") or ""
        surface.submit(surface.deny_submitted, body["user"]["id"], change_id, reason, meta.get("channel"),
                       meta.get("ts"))
