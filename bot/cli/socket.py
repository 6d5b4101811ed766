"""Slack Socket Mode: no public URL needed; uses SLACK_BOT_TOKEN and the
app-level SLACK_APP_TOKEN (xapp-…, scope connections:write). With
OAKLEY_HEALTH_PORT set, /healthz and /metrics are served on that port."""

from __future__ import annotations

import argparse
import logging


def configure(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from bot import metrics
    from bot.cli.errors import UsageError
    from bot.cli.slackrun import start
    from bot.slack.runtime import serve_socket

    app_token, services, app, _ = start("socket")
    health = None
    try:
        port = services.settings.health_port
        if port:
            try:
                health = metrics.serve_health(services.engine, "0.0.0.0", port)
            except OSError as exc:
                raise UsageError(f"OAKLEY_HEALTH_PORT: cannot listen on port {port}: {exc.strerror}") from None
        logging.getLogger("oakley").info("connecting to Slack in Socket Mode")
        serve_socket(app, app_token)
    finally:
        if health is not None:
            health.close()
        services.close()
    return 0
