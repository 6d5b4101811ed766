"""Shared start-up of the Slack modes: settings, logging, services, metrics, the Bolt app."""

from __future__ import annotations

import logging
import os
from typing import Any

from bot.cli.errors import UsageError

log = logging.getLogger("oakley")
SLACK_API = "https://slack.com/api/"


def token_problems(bot_token: str, app_token: str | None = None) -> list[str]:
    """What is wrong with the tokens' forms, before Slack is asked (shared with `oakley doctor`)."""
    problems = []
    if bot_token and not bot_token.startswith("xoxb-"):
        problems.append("SLACK_BOT_TOKEN does not look like a bot token (xoxb-…): copy the Bot User OAuth Token "
                        "from OAuth & Permissions")
    if app_token is not None and app_token and not app_token.startswith("xapp-"):
        problems.append("SLACK_APP_TOKEN does not look like an app-level token (xapp-…): generate one under Basic "
                        "Information → App-Level Tokens with the scope connections:write")
    return problems


def describe_slack_failure(exc: BaseException, api_url: str | None) -> str:
    """Why the app could not start, as a person needs it: unreachable, or refused and why."""
    where = api_url or SLACK_API
    seen: BaseException | None = exc
    while seen is not None:
        response = getattr(seen, "response", None)
        error = response.get("error") if hasattr(response, "get") else None
        if error:
            return (f"Slack refused SLACK_BOT_TOKEN ({error}): check the token (OAuth & Permissions → "
                    "Bot User OAuth Token) and that the app is installed in the workspace")
        if isinstance(seen, OSError):
            reason = getattr(seen, "reason", None) or seen.strerror or type(seen).__name__
            return f"cannot reach Slack at {where}: {reason} (check the network, a proxy, or OAKLEY_SLACK_API_URL)"
        seen = seen.__cause__ or seen.__context__
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if "invalid_auth" in text or "not_authed" in text or "token_revoked" in text or "account_inactive" in text:
        return f"Slack refused SLACK_BOT_TOKEN: {text}"
    return f"the Slack app could not start (Slack at {where}): {text}"


def start(mode: str) -> tuple[str, Any, Any, Any]:
    """(app token, services, app, surface) for "http" or "socket"; usage errors name the variable."""
    from bot import logs, metrics
    from bot.cli.common import open_services, settings
    from bot.services import settle_heap
    from bot.slack.app import build_app
    from bot.slack.runtime import start_sweeper

    conf = settings()
    try:
        logs.setup(conf.log_format, conf.log_level)
    except logs.LogConfigError as exc:
        raise UsageError(str(exc)) from None
    token, secret, app_token = (s.get_secret_value() if s else "" for s in
                                (conf.slack_bot_token, conf.slack_signing_secret, conf.slack_app_token))
    if not token:
        raise UsageError("SLACK_BOT_TOKEN is not set (the bot token, xoxb-…)")
    if mode == "http" and not secret:
        raise UsageError("SLACK_SIGNING_SECRET is not set (Basic Information → Signing Secret)")
    if mode == "socket" and not app_token:
        raise UsageError("SLACK_APP_TOKEN is not set (an app-level token, xapp-…, with connections:write)")
    problems = token_problems(token, app_token if mode == "socket" else None)
    if problems:
        raise UsageError(problems[0])
    watch_every = None
    if conf.watch_interval:  # checked before anything starts
        from bot.durations import parse_duration

        try:
            watch_every = parse_duration(conf.watch_interval)
        except ValueError as exc:
            raise UsageError(f"OAKLEY_WATCH_INTERVAL: {exc}") from None
    # Bolt falls back to $SLACK_BOT_TOKEN beside the client we give it and warns about it on every
    # start; the settings hold the token now, and child processes need not inherit it.
    os.environ.pop("SLACK_BOT_TOKEN", None)
    services = open_services(None)
    quiet = [logging.getLogger(n) for n in ("slack_sdk", "slack_bolt", "oakley.bolt")]
    levels = [q.level for q in quiet]
    for q in quiet:  # a failed auth.test is said once, below, not as each library's retries
        q.setLevel(logging.CRITICAL)
    try:
        app, surface = build_app(services, bot_token=token, signing_secret=secret or None,
                                 api_url=conf.slack_api_url, approval_channel=conf.approval_channel,
                                 socket_mode=mode == "socket")
    except Exception as exc:  # auth.test failed: unreachable, or the token refused
        services.close()
        raise UsageError(describe_slack_failure(exc, conf.slack_api_url)) from None
    finally:
        for q, level in zip(quiet, levels, strict=True):
            q.setLevel(level)
    metrics.watch_database(services.engine)
    metrics.install_winrm_hook()
    app.dispatch = metrics.time_dispatch(app.dispatch)  # both adapters call it; it returns once acknowledged
    if not conf.audit_key:
        logging.getLogger("oakley").warning(
            "OAKLEY_AUDIT_KEY is not set: the audit chain is unkeyed SHA-256, so anyone with write access to the "
            "database can rewrite it without `oakley audit verify` noticing; set OAKLEY_AUDIT_KEY (and "
            "OAKLEY_AUDIT_EXPORT) to anchor it")
    if conf.audit_channel:
        from bot.audit import Checkpointer

        channel = conf.audit_channel
        surface.checkpoints = Checkpointer(services.sessions, lambda text: surface.post(channel, text),
                                           keyed=conf.audit_key is not None)
    for cid in services.recovered:
        log.warning("change %s was interrupted by a crash and is now 'unknown'", cid, extra={"change_id": cid})
    surface.announce_unknown(services.recovered)  # their approval messages say so too
    start_sweeper(surface)
    if watch_every is not None:
        from bot.slack.runtime import start_watch

        log.info("drift watch: a round every %s (instances on this database take turns)%s", conf.watch_interval,
                 f", reported in {conf.watch_channel}" if conf.watch_channel else "")
        start_watch(surface, watch_every, conf.watch_channel)
    elif conf.watch_channel:
        log.warning("OAKLEY_WATCH_CHANNEL is set but OAKLEY_WATCH_INTERVAL is not: no drift watch runs here "
                    "(set OAKLEY_WATCH_INTERVAL, e.g. 1h, or run `oakley watch`)")
    settle_heap()
    return app_token, services, app, surface
