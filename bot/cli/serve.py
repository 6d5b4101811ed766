"""Slack HTTP mode: events, commands and interactivity at /slack/events, and
/healthz (checks the database) and /metrics (Prometheus), served by waitress.
Every request's Slack signature is verified; forged or stale ones get 401."""

from __future__ import annotations

import argparse
import logging
import os

from bot.cli.errors import UsageError


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="0.0.0.0", help="address to listen on (default: 0.0.0.0)")
    parser.add_argument("--port", type=int, default=None, help="port (default: $PORT, else 3000)")


def run(args: argparse.Namespace) -> int:
    from bot.cli.slackrun import start
    from bot.slack.runtime import serve_http

    source, raw = ("--port", str(args.port)) if args.port is not None else ("PORT", os.environ.get("PORT") or "3000")
    try:
        port = int(raw)
    except ValueError:
        raise UsageError(f"{source}: {raw[:20]!r} is not a port number") from None
    if not 0 < port < 65536:
        raise UsageError(f"{source} must be between 1 and 65535")
    _, services, app, _ = start("http")
    logging.getLogger("oakley").info("listening on http://%s:%s (Slack at /slack/events, /healthz, /metrics)",
                                     args.host, port)
    try:
        serve_http(app, services, args.host, port)
    finally:
        services.close()
    return 0
