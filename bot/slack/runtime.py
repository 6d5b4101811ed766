"""Running the Slack app: HTTP mode behind a WSGI server, Socket Mode, the expiry sweep."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot import events
from bot.metrics import health_app
from bot.services import Services
from bot.slack.surface import Surface

log = logging.getLogger("oakley.slack")
EVENTS_PATH = "/slack/events"


def start_sweeper(surface: Surface, every: float = 30.0) -> threading.Event:
    """In the background: expire overdue requests (updating their messages), mark `unknown`
    the changes of dead instances (lease run out; their messages say so), run scheduled changes
    whose change window opened, post approval
    messages that could not be posted before, and forget processed event ids old enough that
    Slack no longer retries them."""
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(every):
            for step in (surface.sweep_expired, surface.sweep_interrupted, surface.sweep_scheduled,
                         surface.sweep_unposted,
                         lambda: surface.checkpoints and surface.checkpoints.tick(),  # the daily checkpoint
                         lambda: events.prune(surface.services.sessions)):
                try:  # one failing step (the database away for a moment) does not skip the others
                    step()
                except Exception:
                    log.exception("background sweep failed")

    threading.Thread(target=loop, name="oakley-expiry", daemon=True).start()
    return stop


def start_watch(surface: Surface, every: timedelta, channel: str | None) -> threading.Event:
    """OAKLEY_WATCH_INTERVAL: the drift watch in the background (bot/watch.py). Instances on one database
    take turns; a round that found drift or unreachable hosts is posted to `channel` when set."""
    from bot.slack.watchpost import message
    from bot.watch import RoundResult, Watch, run_loop
    from remote.winrm_client import Timeouts

    services = surface.services
    watch = Watch(services.sessions, services.kb, services.inventory, services.credentials,
                  audit_key=services.workflow.audit_key, concurrency=services.settings.fleet_concurrency,
                  timeouts=Timeouts())
    stop = threading.Event()

    def report(result: RoundResult) -> None:
        log.info("drift watch: %s", result.summary())
        if channel and result.noteworthy:
            surface.post(channel, message(result))

    threading.Thread(target=run_loop, args=(watch, every, stop, report), name="oakley-watch", daemon=True).start()
    return stop


def wsgi_app(app: App, services: Services) -> Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]:
    """`/slack/events` for Bolt (signature checked there) and `/healthz` that checks the database."""
    bolt = SlackRequestHandler(app, path=EVENTS_PATH)
    health = health_app(services.engine)

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") in ("/healthz", "/metrics"):  # the same probe as Socket Mode's health port
            return health(environ, start_response)
        stamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
        if stamp is not None and not (stamp.isascii() and stamp.isdigit() and len(stamp) <= 12):
            # Bolt would raise on int() and answer 500; a malformed timestamp is an unauthenticated request.
            log.warning("refused a request whose X-Slack-Request-Timestamp is not a number")
            start_response("401 Unauthorized", [("Content-Type", "text/plain"), ("Content-Length", "0")])
            return [b""]
        return bolt(environ, start_response)

    return application


def serve_http(app: App, services: Services, host: str, port: int, threads: int = 32) -> None:
    import waitress

    waitress.serve(wsgi_app(app, services), host=host, port=port, threads=threads, ident="oakley")


def serve_socket(app: App, app_token: str) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    SocketModeHandler(app, app_token, web_client=app.client).start()
