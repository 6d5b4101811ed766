"""The drift watch's report in OAKLEY_WATCH_CHANNEL: one message per round that found drift or hosts it
could not read (nothing when nothing changed). Host names and error text are escaped."""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack import blocks
from bot.watch import RoundResult
from handlers.slacktext import escape

log = logging.getLogger("oakley.slack")


def message(result: RoundResult) -> str:
    return escape(result.report())


def poster(client: WebClient, channel: str) -> Callable[[RoundResult], None]:
    def post(result: RoundResult) -> None:
        if not (result.ran and result.noteworthy):
            return
        for part in blocks.split_lines(message(result), 3900):
            try:
                client.chat_postMessage(channel=channel, text=blocks.clip(part, 3900),
                                        blocks=blocks.text_message(part))
            except SlackApiError as exc:
                log.warning("drift watch report not posted: %s", exc.response.get("error"))
                return
            except OSError as exc:
                log.warning("drift watch report not posted: %s", type(exc).__name__)
                return

    return post
