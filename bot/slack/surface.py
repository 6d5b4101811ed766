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

from bot.audit import Checkpointer
from bot.db.models import Change
from bot.services import Services
from bot.slack import blocks
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
        self.checkpoints: Checkpointer | None = None  # OAKLEY_AUDIT_CHANNEL: set by the start-up

    def audit_checkpoint(self) -> None:
        """After a change was decided or finished: post the chain head to the audit channel."""
        if self.checkpoints is not None:
            try:
                self.checkpoints.after_change()
            except Exception:
                log.exception("audit checkpoint failed")

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
        return str(resp.get("ts")) if resp.get("ts") else None

    def whisper(self, channel: str, user: str, text: str, thread_ts: str | None = None) -> None:
        try:
            self.client.chat_postEphemeral(channel=channel, user=user, text=blocks.clip(text, 39000),
                                           blocks=blocks.text_message(text), thread_ts=thread_ts)
        except SlackApiError as exc:
            log.warning("chat.postEphemeral failed: %s", exc.response.get("error"))

    def update(self, group: list[Change]) -> None:
        first = group[0]
        if not first.channel or not first.message_ts:
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
        reply = handle_text(text, ChatContext(user, self.services, channel))
        self.deliver(reply, user=user, channel=channel, thread_ts=thread_ts)

    def deliver(self, reply: Reply, *, user: str, channel: str, thread_ts: str | None = None) -> None:
        if reply.kind == "approval" and reply.change_id is not None:
            self.post_approval(reply.change_id, channel, thread_ts)
            return
        if reply.kind in ("decision", "outcome") and reply.change_id is not None:
            self.update(self.services.workflow.group(reply.change_id))
            self.audit_checkpoint()
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
                self.deliver(followup(progress), user=user, channel=channel, thread_ts=anchor)

            self.submit(run)

    def post_approval(self, change_id: int, channel: str, thread_ts: str | None) -> None:
        group = self.services.workflow.group(change_id)
        target = self.approval_channel or channel
        ts = self.post(target, fmt.request_text(group), block_list=blocks.approval_message(group))
        if ts is None:
            self.post(channel, f"Change {group[0].group_id} was recorded, but its approval message could not be "
                               f"posted in <#{target}>; an approver can still say `approve {group[0].group_id}`.",
                      thread_ts=thread_ts)
            return
        self.services.workflow.attach_message(change_id, target, ts)
        if target != channel:
            self.post(channel, f"Change {group[0].group_id} is waiting for approval in <#{target}>.",
                      thread_ts=thread_ts)

    # --- buttons and modals ----------------------------------------------------------

    def approve_clicked(self, user: str, change_id: int, channel: str, thread_ts: str | None) -> None:
        # The confirm dialog showed any outside-guidance warning: clicking is the acknowledgement.
        reply = approve_handler.handle_approve(Approve(change_id, True), ChatContext(user, self.services, channel))
        if reply.kind != "decision":
            self.whisper(channel, user, reply.text, thread_ts)
            return
        self.deliver(reply, user=user, channel=channel, thread_ts=thread_ts)

    def deny_submitted(self, user: str, change_id: int, reason: str, channel: str | None) -> None:
        reply = approve_handler.handle_deny(Deny(change_id, reason), ChatContext(user, self.services, channel))
        if reply.kind != "decision":
            if channel:
                self.whisper(channel, user, reply.text)
            return
        self.update(self.services.workflow.group(change_id))
        self.audit_checkpoint()

    def sweep_expired(self) -> None:
        for gid in self.services.workflow.expire_due():
            self.update(self.services.workflow.group(gid))
            self.audit_checkpoint()

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

