"""Prometheus metrics, all named `oakley_…`, and the small HTTP server for Socket Mode.

Counters and histograms live in this process. What the database knows
(changes by status, pending approvals, the audit chain's length) is read at
scrape time by a collector, so two processes on one database report the same
truth instead of each its own share.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from sqlalchemy import Engine, func, select, text

log = logging.getLogger("oakley.metrics")
REGISTRY = CollectorRegistry()
ProcessCollector(registry=REGISTRY)
PlatformCollector(registry=REGISTRY)

SLACK_ACK_SECONDS = Histogram(
    "oakley_slack_ack_seconds", "Time from a Slack request's arrival to its acknowledgement (Slack allows 3 s)",
    ["kind"], registry=REGISTRY, buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10))
SLACK_EVENTS = Counter("oakley_slack_events", "Slack requests handled, by kind", ["kind"], registry=REGISTRY)
WINRM_SECONDS = Histogram(
    "oakley_winrm_operation_seconds", "reg.exe commands over WinRM, by action, including failures",
    ["action"], registry=REGISTRY, buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60))
WINRM_ERRORS = Counter("oakley_winrm_errors", "WinRM operations that failed, by error kind", ["kind"],
                       registry=REGISTRY)
FLEET_CHECK_SECONDS = Histogram(
    "oakley_fleet_check_seconds", "Reading NLBSFlags on a set of hosts, start to last host", registry=REGISTRY,
    buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300))
STATUSES = ("pending", "approved", "scheduled", "executing", "succeeded", "failed", "stale", "denied", "expired",
            "cancelled", "unknown", "observed")
SLACK_KINDS = frozenset({"command", "block_actions", "view_submission", "view_closed", "shortcut", "app_mention",
                         "message", "app_home_opened", "url_verification"})

ERROR_KINDS = ("unreachable", "timeout", "auth_failed", "tls_error", "access_denied", "command_failed", "parse_error")
for _kind in sorted(SLACK_KINDS | {"other"}):  # every series exists from the start, at zero
    SLACK_ACK_SECONDS.labels(_kind)
    SLACK_EVENTS.labels(_kind)
for _action in ("query", "add", "delete"):
    WINRM_SECONDS.labels(_action)
for _kind in ERROR_KINDS:
    WINRM_ERRORS.labels(_kind)


def observe_winrm(action: str, seconds: float, error_kind: str | None) -> None:
    """Hook for remote.winrm_client (which imports nothing of bot): one operation's time and outcome."""
    WINRM_SECONDS.labels(action).observe(seconds)
    if error_kind is not None:
        WINRM_ERRORS.labels(error_kind).inc()


def slack_kind(body: Any) -> str:
    """A bounded label for a Bolt request body: the slash command, interaction or event type."""
    if not isinstance(body, dict):
        return "other"
    if "command" in body:
        return "command"
    kind = body.get("type")
    if kind == "event_callback" and isinstance(body.get("event"), dict):
        kind = body["event"].get("type")
    return kind if kind in SLACK_KINDS else "other"


def time_dispatch(dispatch: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Wrap Bolt's `App.dispatch`, which both the HTTP and the Socket Mode adapters call and which
    returns once the request is acknowledged (listeners' slow work runs after, lazily)."""

    def timed(request: Any) -> Any:
        started = time.perf_counter()
        try:
            return dispatch(request)
        finally:
            kind = slack_kind(getattr(request, "body", None))
            SLACK_ACK_SECONDS.labels(kind).observe(time.perf_counter() - started)
            SLACK_EVENTS.labels(kind).inc()

    return timed


class DatabaseCollector:
    """Gauges computed from the database at each scrape (so any number of processes agree)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def describe(self) -> Iterable[Metric]:
        return []  # no query at registration time

    def collect(self) -> Iterator[Metric]:
        from bot.db.models import AuditEvent, Change

        up = GaugeMetricFamily("oakley_database_up", "1 when the last scrape could read the database")
        try:
            with self.engine.connect() as conn:
                counts = dict(conn.execute(select(Change.status, func.count()).group_by(Change.status)).all())
                pending = conn.execute(select(func.count()).select_from(Change).where(
                    Change.status == "pending", Change.expires_at > datetime.now(UTC))).scalar_one()
                chain = conn.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
        except Exception as exc:  # a scrape reports the outage, it does not fail
            log.warning("metrics: cannot read the database: %s", type(exc).__name__)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        changes = GaugeMetricFamily("oakley_changes", "Change requests in the database, by status", labels=["status"])
        for status in sorted(set(STATUSES) | set(counts)):
            changes.add_metric([status], counts.get(status, 0))
        yield changes
        yield GaugeMetricFamily("oakley_pending_approvals", "Requests waiting for a decision (not yet expired)",
                                value=pending)
        yield GaugeMetricFamily("oakley_audit_chain_length", "Events in the audit chain", value=chain)


_bound: DatabaseCollector | None = None
_bind_lock = threading.Lock()


def watch_database(engine: Engine) -> None:
    """Report this database's gauges (replacing an earlier binding in this process)."""
    global _bound
    with _bind_lock:
        if _bound is not None:
            REGISTRY.unregister(_bound)  # type: ignore[arg-type]
        _bound = DatabaseCollector(engine)
        REGISTRY.register(_bound)  # type: ignore[arg-type]


def install_winrm_hook() -> None:
    """Have every WinRM operation in this process reported here."""
    from remote import winrm_client

    winrm_client.OBSERVERS[:] = [o for o in winrm_client.OBSERVERS if o is not observe_winrm] + [observe_winrm]


def exposition() -> tuple[bytes, str]:
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def metrics_app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    """WSGI: the metrics in Prometheus' text format."""
    body, content_type = exposition()
    start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]


def health_app(engine: Engine) -> Callable[[dict[str, Any], Callable[..., Any]], list[bytes]]:
    """WSGI for Socket Mode's OAKLEY_HEALTH_PORT: /healthz (the database answers) and /metrics."""

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        path = environ.get("PATH_INFO")
        if path == "/metrics":
            return metrics_app(environ, start_response)
        if path != "/healthz":
            start_response("404 Not Found", [("Content-Type", "text/plain"), ("Content-Length", "10")])
            return [b"not found\n"]
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            status, body = "200 OK", {"ok": True, "database": "ok"}
        except Exception as exc:  # the probe reports, it does not crash
            status, body = "503 Service Unavailable", {"ok": False, "database": type(exc).__name__}
        payload = json.dumps(body).encode()
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
        return [payload]

    return application


def serve_health(engine: Engine, host: str, port: int) -> Any:
    """Start /healthz and /metrics on a background thread; returns the server (call .close() to stop)."""
    import waitress.server

    server = waitress.server.create_server(health_app(engine), host=host, port=port, threads=2, ident="oakley")
    threading.Thread(target=server.run, name="oakley-health", daemon=True).start()
    log.info("health and metrics on http://%s:%s/healthz and /metrics", host, server.effective_port)
    return server
