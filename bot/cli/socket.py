"""Slack Socket Mode: no public URL needed; uses SLACK_BOT_TOKEN and the
app-level SLACK_APP_TOKEN (xapp-…, scope connections:write)."""

from __future__ import annotations

import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from bot.cli.slackrun import start
    from bot.slack.runtime import serve_socket

    app_token, services, app, _ = start("socket")
    try:
        serve_socket(app, app_token)
    finally:
        services.close()
    return 0
