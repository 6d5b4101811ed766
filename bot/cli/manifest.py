"""Print the Slack app manifest (Socket Mode, or HTTP mode with --http-url).

Paste it at api.slack.com/apps → Create New App → From a manifest.
"""

from __future__ import annotations

import argparse
import sys

from bot.cli.errors import UsageError


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--http-url", metavar="URL", help="HTTP mode: the public https URL of /slack/events")


def run(args: argparse.Namespace) -> int:
    from bot.slack.manifest import render

    if args.http_url and not args.http_url.startswith("https://"):
        raise UsageError("--http-url must be an https:// URL (Slack only calls HTTPS endpoints)")
    sys.stdout.write(render(args.http_url))
    return 0
