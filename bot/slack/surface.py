"""Delivering handler replies to Slack.

Listeners acknowledge first and hand the work here; it runs on Oakley's own
worker pool (not Bolt's listener threads, which must stay free to
acknowledge the next request within 3 seconds). Slow follow-ups post
progress in the thread; approval requests become Block Kit messages that
later decisions replace with `chat.update`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import SQLAlchemyError

from bot.db.models import Change
from bot.services import DATABASE_DOWN, Services
from bot.slack import blocks
from bot.workflow import has_message
from handlers import approve as approve_handler
from handlers import format as fmt
from handlers.context import ChatContext
from handlers.grammar import Approve, Deny
from handlers.reply import Reply
from handlers.router import handle_text

log = logging.getLogger("oakley.slack")


class Surface:
    def __init__(self, services: Services, client: WebClient, *, approval_channel: str | None = None,
                 workers: int = 64) -> None:
        self.services = services
        self.client = client
        self.approval_channel = approval_channel
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="oakley-work")
        self.last_compliance: str | None = None

    # --- plumbing ---------------------------------------------------------------

    def submit(self, fn: Callable[..., Any], *args: Any) -> None:
        def guarded() -> None:
            try:
                fn(*args)
            except Exception:  # a failed post must not kill the worker; it is logged
                log.exception("background work failed")

        self.pool.submit(guarded)

    def post(self, channel: str, text: str, *, thread_ts: str | None = None,
             block_list: list[dict[str, Any]] | None = None) -> str | None:
        try:
            resp = self.client.chat_postMessage(channel=channel, text=blocks.clip(text, 39000),
                                                blocks=block_list or blocks.text_message(text), thread_ts=thread_ts)
        except SlackApiError as exc:
            log.warning("chat.postMessage failed: %s", exc.response.get("error"))
            return None
        except OSError as exc:  # still unreachable after the client's retries
            log.warning("chat.postMessage failed: %s", type(exc).__name__)
            return None
        return str(resp.get("ts")) if resp.get("ts") else None

    def whisper(self, channel: str, user: str, text: str, thread_ts: str | None = None) -> None:
        try:
            self.client.chat_postEphemeral(channel=channel, user=user, text=blocks.clip(text, 39000),
                                           blocks=blocks.text_message(text), thread_ts=thread_ts)
        except SlackApiError as exc:
            log.warning("chat.postEphemeral failed: %s", exc.response.get("error"))

    def update(self, group: list[Change]) -> None:
        first = group[0]
        if not has_message(first):
            return
        decided = first.status != "pending"
        try:
            self.client.chat_update(
                channel=first.channel, ts=first.message_ts,
                text=fmt.decision_text(group) if decided else fmt.request_text(group),
                blocks=blocks.decided_message(group) if decided else blocks.approval_message(group),
            )
        except SlackApiError as exc:
            log.warning("chat.update failed: %s", exc.response.get("error"))

    # --- replies -----------------------------------------------------------------

    def handle_text(self, text: str, user: str, channel: str, thread_ts: str | None = None) -> None:
        reply = self.guarded(lambda: handle_text(text, ChatContext(user, self.services, channel)))
        self.deliver(reply, user=user, channel=channel, thread_ts=thread_ts)

    @staticmethod
    def guarded(make: Callable[[], Reply]) -> Reply:
        """A reply, or — when the database is away — one saying so (each step is its own transaction,
        so nothing is left half-written)."""
        try:
            return make()
        except SQLAlchemyError:
            log.warning("the database is unavailable", exc_info=True)
            return Reply(DATABASE_DOWN, ephemeral=True)

    def deliver(self, reply: Reply, *, user: str, channel: str, thread_ts: str | None = None) -> None:
        if reply.kind == "approval" and reply.change_id is not None:
            self.post_approval(reply.change_id, channel, thread_ts)
            return
        if reply.kind in ("decision", "outcome") and reply.change_id is not None:
            self.update(self.services.workflow.group(reply.change_id))
        if reply.data and "results" in reply.data:
            self.last_compliance = reply.text.splitlines()[0]
        text = reply.text
        if reply.ephemeral:
            self.whisper(channel, user, text, thread_ts)
            ts = thread_ts
        else:
            ts = self.post(channel, text, thread_ts=thread_ts, block_list=blocks.text_message(text, reply.citation))
        if reply.followup is not None:
            followup = reply.followup
            anchor = thread_ts or ts

            def progress(note: str) -> None:
                self.post(channel, note, thread_ts=anchor)

            def run() -> None:
                self.deliver(self.guarded(lambda: followup(progress)), user=user, channel=channel, thread_ts=anchor)

            self.submit(run)

    def post_approval(self, change_id: int, channel: str, thread_ts: str | None, *, notify: bool = True) -> None:
        workflow = self.services.workflow
        if not workflow.claim_posting(change_id):
            return  # posted, or being posted by another process
        group = workflow.group(change_id)
        target = self.approval_channel or channel
        ts = self.post(target, fmt.request_text(group), block_list=blocks.approval_message(group))
        if ts is None:
            workflow.release_posting(change_id)  # the sweep posts it again
            if notify:
                self.post(channel, f"Change {group[0].group_id} was recorded, but its approval message could not "
                                   f"be posted in <#{target}> yet; Oakley will try again, and an approver can say "
                                   f"`approve {group[0].group_id}` meanwhile.", thread_ts=thread_ts)
            return
        self.services.workflow.attach_message(change_id, target, ts)
        if target != channel:
            self.post(channel, f"Change {group[0].group_id} is waiting for approval in <#{target}>.",
                      thread_ts=thread_ts)

    # --- buttons and modals ----------------------------------------------------------

    def approve_clicked(self, user: str, change_id: int, channel: str, thread_ts: str | None) -> None:
        # The confirm dialog showed any outside-guidance warning: clicking is the acknowledgement.
        reply = self.guarded(lambda: approve_handler.handle_approve(Approve(change_id, True),
                                                                     ChatContext(user, self.services, channel)))
        if reply.kind != "decision":
            self.whisper(channel, user, reply.text, thread_ts)
            return
        self.deliver(reply, user=user, channel=channel, thread_ts=thread_ts)

    def deny_submitted(self, user: str, change_id: int, reason: str, channel: str | None) -> None:
        reply = self.guarded(lambda: approve_handler.handle_deny(Deny(change_id, reason),
                                                                  ChatContext(user, self.services, channel)))
        if reply.kind != "decision":
            if channel:
                self.whisper(channel, user, reply.text)
            return
        self.update(self.services.workflow.group(change_id))

    def sweep_expired(self) -> None:
        for gid in self.services.workflow.expire_due():
            self.update(self.services.workflow.group(gid))

    def sweep_interrupted(self) -> None:
        """Changes whose executing instance died (lease run out) become unknown; their messages say so."""
        self.announce_unknown([c.id for c in self.services.workflow.recover_interrupted()])

    def announce_unknown(self, change_ids: list[int]) -> None:
        for cid in change_ids:
            log.warning("change %s was interrupted (its executing process stopped) and is now 'unknown'", cid)
            self.update(self.services.workflow.group(cid))

    def sweep_unposted(self) -> None:
        """Approval messages that could not be posted (Slack down, rate-limited past the retries)."""
        for gid in self.services.workflow.unposted():
            channel = self.approval_channel or self.services.workflow.group(gid)[0].channel
            if channel:
                self.post_approval(gid, channel, None, notify=False)

    def home(self, user: str) -> dict[str, Any]:
        from bot import history

        wf = self.services.workflow
        mine = history.query(self.services.sessions, user=user, limit=15)
        recent = history.query(self.services.sessions, limit=15)
        return blocks.home_view(user, self.services.roles.describe(user), wf.pending_for(user),
                                [c for c in mine if c.requester == user], recent, self.last_compliance)

    def publish_home(self, user: str) -> None:
        try:
            self.client.views_publish(user_id=user, view=self.home(user))
        except SlackApiError as exc:
            log.warning("views.publish failed: %s", exc.response.get("error"))

