"""Delivering handler replies to Slack.

Listeners acknowledge first and hand the work here; it runs on Oakley's own
worker pool (not Bolt's listener threads, which must stay free to
acknowledge the next request within 3 seconds).

Where things go:
- A slash command's replies go through its `response_url`, ephemeral to the
  caller (help, errors, refusals, check results): that works in channels the
  bot has not joined. Approval requests are posted where approvers see them.
- Approval requests: to `OAKLEY_APPROVAL_CHANNEL` when set; otherwise a
  request made in a channel stays there, and one made in a DM goes to each
  approver by DM, with a status note to the requester. Every copy is recorded
  (`bot.messages`) and updated after the decision.
- Buttons work from a message or from the App Home (a Home click has no
  channel): the outcome is posted where the request lives and the Home is
  republished.
- Handler text is plain; it is escaped here (`&`, `<`, `>`) before Slack sees it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, NamedTuple

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient
from sqlalchemy.exc import SQLAlchemyError

from bot import compliance, messages
from bot.audit import Checkpointer
from bot.db.models import Change
from bot.services import DATABASE_DOWN, Services
from bot.slack import blocks
from bot.workflow import has_message
from handlers import approve as approve_handler
from handlers import format as fmt
from handlers import history as history_handler
from handlers import slacktext
from handlers.check import FULL_LIST, results_csv
from handlers.context import ChatContext
from handlers.grammar import Approve, Deny, History
from handlers.reply import Reply
from handlers.router import handle_text, language

log = logging.getLogger("oakley.slack")
MESSAGE_CHARS = 12000  # one Slack message of ours: 4 full sections; longer replies become several messages
NOT_THERE = ("not_in_channel", "channel_not_found", "is_archived", "restricted_action")


class Origin(NamedTuple):
    """Where a message came from, and how to answer the person who sent it."""

    user: str
    channel: str | None
    thread_ts: str | None = None
    response_url: str | None = None  # a slash command (or a button on an ephemeral message)
    is_dm: bool = False
    lang: str = "en"


def is_dm_channel(channel: str | None) -> bool:
    return bool(channel) and str(channel).startswith("D")


class Surface:
    def __init__(self, services: Services, client: WebClient, *, approval_channel: str | None = None,
                 workers: int = 64) -> None:
        self.services = services
        self.client = client
        self.approval_channel = approval_channel
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="oakley-work")
        self.checkpoints: Checkpointer | None = None  # OAKLEY_AUDIT_CHANNEL: set by the start-up

    def audit_checkpoint(self) -> None:
        """After a change was decided or finished: post the chain head to the audit channel."""
        if self.checkpoints is not None:
            try:
                self.checkpoints.after_change()
            except Exception:
                log.exception("audit checkpoint failed")

    # --- plumbing ---------------------------------------------------------------

    def submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        def guarded() -> None:
            try:
                fn(*args, **kwargs)
            except Exception:  # a failed post must not kill the worker; it is logged
                log.exception("background work failed")

        self.pool.submit(guarded)

    def _post(self, channel: str, text: str, block_list: list[dict[str, Any]],
              thread_ts: str | None = None) -> tuple[str | None, str | None]:
        """(ts, None) or (None, Slack's error code)."""
        try:
            resp = self.client.chat_postMessage(channel=channel, text=blocks.clip(text, 3900), blocks=block_list,
                                                thread_ts=thread_ts)
        except SlackApiError as exc:
            error = str(exc.response.get("error"))
            log.warning("chat.postMessage failed: %s", error)
            return None, error
        except OSError as exc:  # still unreachable after the client's retries (429s, dropped connections)
            log.warning("chat.postMessage failed: %s", type(exc).__name__)
            return None, "unreachable"
        return (str(resp.get("ts")) if resp.get("ts") else None), None

    def post(self, channel: str, text: str, *, thread_ts: str | None = None,
             block_list: list[dict[str, Any]] | None = None, citation: str | None = None) -> str | None:
        """Post mrkdwn-safe text; a long one goes as several messages cut at line ends. Returns the first ts."""
        if block_list is not None:
            return self._post(channel, text, block_list, thread_ts)[0]
        first: str | None = None
        parts = blocks.split_lines(text, MESSAGE_CHARS)
        for i, part in enumerate(parts):
            ts, _ = self._post(channel, part, blocks.text_message(part, citation if i == len(parts) - 1 else None),
                               thread_ts)
            first = first or ts
        return first

    def whisper(self, channel: str, user: str, text: str, thread_ts: str | None = None) -> None:
        for part in blocks.split_lines(text, MESSAGE_CHARS):
            try:
                self.client.chat_postEphemeral(channel=channel, user=user, text=blocks.clip(part, 3900),
                                               blocks=blocks.text_message(part), thread_ts=thread_ts)
            except SlackApiError as exc:
                log.warning("chat.postEphemeral failed: %s", exc.response.get("error"))
                if exc.response.get("error") in NOT_THERE:
                    self.dm(user, part)

    def respond(self, response_url: str, text: str, *, in_channel: bool = False,
                extra_blocks: list[dict[str, Any]] | None = None) -> None:
        """Answer through a `response_url` (slash commands, ephemeral-message buttons): no channel membership
        needed. Ephemeral unless `in_channel`."""
        parts = blocks.split_lines(text, MESSAGE_CHARS)
        for i, part in enumerate(parts):
            block_list = blocks.text_message(part) + (extra_blocks or [] if i == len(parts) - 1 else [])
            try:
                resp = WebhookClient(response_url).send(text=blocks.clip(part, 3900), blocks=block_list,
                                                        response_type="in_channel" if in_channel else "ephemeral")
                if resp.status_code != 200:
                    log.warning("response_url answered %s", resp.status_code)
            except Exception as exc:  # an unreachable or expired response_url is logged, not raised
                log.warning("response_url failed: %s", type(exc).__name__)

    def open_dm(self, user: str) -> str | None:
        try:
            resp = self.client.conversations_open(users=user)
        except SlackApiError as exc:
            log.warning("conversations.open failed: %s", exc.response.get("error"))
            return None
        channel = resp.get("channel") or {}
        return str(channel.get("id")) if channel.get("id") else None

    def dm(self, user: str, text: str, block_list: list[dict[str, Any]] | None = None) -> tuple[str, str] | None:
        channel = self.open_dm(user)
        if channel is None:
            return None
        ts = self.post(channel, text, block_list=block_list)
        return (channel, ts) if ts else None

    # --- approval messages, every copy ---------------------------------------------------

    def copies(self, group: list[Change]) -> list[messages.Copy]:
        gid = group[0].group_id or group[0].id
        found = messages.of(self.services.sessions, gid)
        if not found and has_message(group[0]):  # recorded before change_messages existed
            found = [messages.Copy(group[0].channel, group[0].message_ts, "approval")]
        return found

    def home_of(self, group: list[Change]) -> tuple[str, str] | None:
        """Where the request lives: its post in a channel, else the requester's status note, else any copy."""
        found = self.copies(group)
        for want in (lambda c: c.kind == "approval" and not is_dm_channel(c.channel),
                     lambda c: c.kind == "status", lambda c: True):
            for c in found:
                if want(c):
                    return c.channel, c.ts
        return None

    def update(self, group: list[Change]) -> None:
        """Bring every copy of the request up to date (buttons gone once decided)."""
        decided = group[0].status != "pending"
        found = self.copies(group)
        for copy in found:
            if copy.kind == "status":
                where = _where_sent([c for c in found if c.kind == "approval"], copy.lang)
                block_list = blocks.status_message(group, where, copy.lang)
            else:
                block_list = blocks.decided_message(group) if decided else blocks.approval_message(group)
            text = slacktext.escape(fmt.decision_text(group) if decided else fmt.request_text(group))
            try:
                self.client.chat_update(channel=copy.channel, ts=copy.ts, text=blocks.clip(text, 3900),
                                        blocks=block_list)
            except SlackApiError as exc:
                log.warning("chat.update failed: %s", exc.response.get("error"))

    def approvers_for(self, requester: str) -> list[str]:
        roles = self.services.roles
        return sorted((roles.approvers | roles.admins) - {requester, "*"})

    def post_approval(self, change_id: int, origin: Origin, *, notify: bool = True) -> None:
        """Post the request where approvers see it. One process posts it (a claim in the database); if
        no copy gets through, the claim is released and the background sweep posts it again."""
        workflow = self.services.workflow
        if not workflow.claim_posting(change_id):
            return  # posted, or being posted by another process
        group = workflow.group(change_id)
        gid = group[0].group_id or change_id
        request_text = slacktext.escape(fmt.request_text(group))
        card = blocks.approval_message(group)
        posted: list[str] = []  # where approvers see it, for the requester's note
        if self.approval_channel:
            targets = [self.approval_channel]
        elif origin.is_dm or not origin.channel:
            targets = []
        else:
            targets = [origin.channel]
        thread = origin.thread_ts if targets and targets[0] == origin.channel else None
        for target in targets:
            ts, error = self._post(target, request_text, card, thread)
            if ts:
                messages.add(self.services.sessions, gid, target, ts, "approval")
                if not posted:
                    self.services.workflow.attach_message(change_id, target, ts)
                posted.append(f"<#{target}>")
            elif error in NOT_THERE and not any(p.startswith("<@") for p in posted):
                # The bot is not in that channel (a slash command there, an approval channel it was never
                # invited to): the approvers get the request by DM instead.
                posted += self._to_approvers(group, gid, request_text, card)
        if not targets:
            posted += self._to_approvers(group, gid, request_text, card)
        if not posted:
            workflow.release_posting(change_id)
        if notify:
            self._tell_requester(group, gid, origin, posted)

    def _to_approvers(self, group: list[Change], gid: int, text: str, card: list[dict[str, Any]]) -> list[str]:
        sent = []
        for approver in self.approvers_for(group[0].requester):
            where = self.dm(approver, text, card)
            if where is not None:
                messages.add(self.services.sessions, gid, where[0], where[1], "approval")
                sent.append(f"<@{approver}>")
        if sent:
            first = messages.of(self.services.sessions, gid)[0]
            self.services.workflow.attach_message(gid, first.channel, first.ts)
        return sent

    def _tell_requester(self, group: list[Change], gid: int, origin: Origin, posted: list[str]) -> None:
        fr = origin.lang == "fr"
        if not posted:
            who = self.approvers_for(group[0].requester)
            if fr:
                text = (f"La modification {gid} est enregistrée, mais aucun approbateur n'a pu être joint"
                        + ("" if who else " (aucun approbateur configuré : OAKLEY_APPROVERS)")
                        + f" pour l'instant ; Oakley réessaiera, et un approbateur peut dire `approve {gid}`.")
            else:
                text = (f"Change {gid} was recorded, but no approver could be reached"
                        + ("" if who else " (no approvers are configured: OAKLEY_APPROVERS)")
                        + f" yet; Oakley will try again, and an approver can say `approve {gid}`.")
            self._answer(origin, text)
            return
        here = origin.channel is not None and f"<#{origin.channel}>" in posted and not origin.response_url
        if here:
            return  # the request is right there in the conversation
        shown = ", ".join(posted)
        where = (("envoyée par message direct à " if fr else "sent by DM to ") + shown) if posted[0].startswith("<@") \
            else (("en attente d'approbation dans " if fr else "waiting for approval in ") + shown)
        note = (f"La modification {gid} est {where}." if fr else f"Change {gid} is {where}.")
        if origin.response_url:
            self.respond(origin.response_url, note)
        if origin.is_dm or not origin.response_url:
            channel = origin.channel if origin.is_dm and not origin.response_url else None
            channel = channel or (self.open_dm(origin.user) if origin.is_dm else origin.channel)
            if channel is None:
                return
            ts, _ = self._post(channel, note, blocks.status_message(group, where, origin.lang), origin.thread_ts
                               if channel == origin.channel else None)
            if ts:
                messages.add(self.services.sessions, gid, channel, ts, "status", origin.lang)

    def _answer(self, origin: Origin, text: str) -> None:
        if origin.response_url:
            self.respond(origin.response_url, text)
        elif origin.channel:
            self.whisper(origin.channel, origin.user, text, origin.thread_ts)
        else:
            self.dm(origin.user, text)

    # --- replies -----------------------------------------------------------------

    def handle_text(self, text: str, user: str, channel: str | None, thread_ts: str | None = None, *,
                    response_url: str | None = None, is_dm: bool | None = None, bot_user: str | None = None) -> None:
        text = slacktext.normalize(text, bot_user)
        ctx = ChatContext(user, self.services, channel)
        origin = Origin(user, channel, thread_ts, response_url, is_dm_channel(channel) if is_dm is None else is_dm,
                        language(text, ctx))
        reply = self.guarded(lambda: handle_text(text, ctx))
        self.deliver(reply, origin)

    @staticmethod
    def guarded(make: Callable[[], Reply]) -> Reply:
        """A reply, or — when the database is away — one saying so (each step is its own transaction,
        so nothing is left half-written)."""
        try:
            return make()
        except SQLAlchemyError:
            log.warning("the database is unavailable", exc_info=True)
            return Reply(DATABASE_DOWN, ephemeral=True)

    def deliver(self, reply: Reply, origin: Origin) -> None:
        if reply.kind == "approval" and reply.change_id is not None:
            self.post_approval(reply.change_id, origin)
            return
        text = slacktext.escape(reply.text)
        if reply.data and reply.data.get("history"):
            text = blocks.history_text(reply.data["history"])
        decided_group = None
        if reply.kind in ("decision", "outcome") and reply.change_id is not None:
            decided_group = self.services.workflow.group(reply.change_id)
            self.update(decided_group)
            self.audit_checkpoint()
            if reply.kind == "decision":
                going = " — exécution en cours…" if origin.lang == "fr" else " — executing now…"
                if reply.data and reply.data.get("run_now_by"):
                    going = approve_handler.run_now_note(f"<@{slacktext.escape(reply.data['run_now_by'])}>",
                                                         origin.lang)
                text = blocks.decision_line(decided_group, origin.lang) + (going if reply.followup else "")
        results = (reply.data or {}).get("results")
        if results is not None:  # every instance's App Home shows the newest fleet reading (bot/compliance.py)
            try:
                compliance.record_check(self.services.sessions, results, reply.text.splitlines()[0], origin.user)
            except SQLAlchemyError:
                log.warning("could not record the fleet compliance snapshot: the database is unavailable")
        extra = [blocks.more_button(reply.data["more"])] if reply.data and reply.data.get("more") else None
        if origin.response_url:
            self.respond(origin.response_url, text, extra_blocks=extra)
        elif reply.ephemeral and origin.channel:
            self.whisper(origin.channel, origin.user, text, origin.thread_ts)
        elif origin.channel:
            if extra:
                self.post(origin.channel, text, thread_ts=origin.thread_ts,
                          block_list=blocks.text_message(text)[: blocks.MAX_MESSAGE_BLOCKS - 1] + extra)
            else:
                self.post(origin.channel, text, thread_ts=origin.thread_ts, citation=reply.citation)
        else:
            self.dm(origin.user, text)
        if results is not None and len(results) > FULL_LIST:
            self.attach_csv(results, origin)
        if reply.followup is not None:
            self._follow(reply, origin)

    def _follow(self, reply: Reply, origin: Origin) -> None:
        followup = reply.followup
        assert followup is not None
        progress_ts: list[str] = []

        def progress(note: str) -> None:
            # One message, edited in place; a slash command's caller gets none (response_url allows 5 answers).
            if origin.response_url or not origin.channel:
                return
            note = slacktext.escape(note)
            if not progress_ts:
                ts = self.post(origin.channel, note, thread_ts=origin.thread_ts)
                if ts:
                    progress_ts.append(ts)
                return
            try:
                self.client.chat_update(channel=origin.channel, ts=progress_ts[0], text=note,
                                        blocks=blocks.text_message(note))
            except SlackApiError as exc:
                log.warning("chat.update (progress) failed: %s", exc.response.get("error"))

        def run() -> None:
            self.deliver(self.guarded(lambda: followup(progress)), origin)

        self.submit(run)

    def attach_csv(self, results: list[dict[str, Any]], origin: Origin) -> None:
        """The full table of a large check, as a CSV file (`files_upload_v2`)."""
        channel = None if origin.response_url else origin.channel
        channel = channel or self.open_dm(origin.user)
        if channel is None:
            return
        try:
            self.client.files_upload_v2(channel=channel, content=results_csv(results), filename="oakley-check.csv",
                                        title=f"NLBSFlags on {len(results)} hosts",
                                        thread_ts=origin.thread_ts if channel == origin.channel else None)
        except SlackApiError as exc:
            log.warning("files_upload_v2 failed: %s", exc.response.get("error"))

    # --- buttons and modals ----------------------------------------------------------

    def approve_clicked(self, user: str, change_id: int, channel: str | None, thread_ts: str | None,
                        response_url: str | None = None) -> None:
        """A click on Approve, from a request message or from the App Home (no channel)."""
        # The confirm dialog showed any outside-guidance warning: clicking is the acknowledgement.
        reply = self.guarded(lambda: approve_handler.handle_approve(Approve(change_id, True),
                                                                     ChatContext(user, self.services, channel)))
        if reply.kind != "decision":
            self._refuse(user, channel, thread_ts, reply.text)
            return
        self._decided(user, reply, change_id, channel, thread_ts)

    def deny_submitted(self, user: str, change_id: int, reason: str, channel: str | None,
                       thread_ts: str | None = None) -> None:
        reply = self.guarded(lambda: approve_handler.handle_deny(Deny(change_id, reason),
                                                                  ChatContext(user, self.services, channel)))
        if reply.kind != "decision":
            self._refuse(user, channel, thread_ts, reply.text)
            return
        self._decided(user, reply, change_id, channel, thread_ts)

    def _refuse(self, user: str, channel: str | None, thread_ts: str | None, text: str) -> None:
        text = slacktext.escape(text)
        if channel:
            self.whisper(channel, user, text, thread_ts)
        else:  # clicked on the Home: tell them in their DM with Oakley, and refresh what they see
            self.dm(user, text)
            self.publish_home(user)

    def _decided(self, user: str, reply: Reply, change_id: int, channel: str | None, thread_ts: str | None) -> None:
        group = self.services.workflow.group(change_id)
        place = (channel, thread_ts) if channel and thread_ts else self.home_of(group)
        origin = Origin(user, place[0], place[1]) if place else Origin(user, channel)
        followup = reply.followup
        if followup is not None and channel is None:  # from the Home: republish once the work is done
            def then(progress: Any) -> Reply:
                try:
                    return followup(progress)
                finally:
                    self.submit(self.publish_home, user)

            reply = Reply(reply.text, reply.ephemeral, reply.citation, then, reply.change_id, reply.kind, reply.data)
        self.deliver(reply, origin)
        if channel is None:
            self.publish_home(user)

    def history_more(self, user: str, raw: str, channel: str | None, response_url: str | None) -> None:
        try:
            q = json.loads(raw)
            cmd = History(q.get("host"), q.get("user"), q.get("since"),
                          int(q["change_id"]) if q.get("change_id") is not None else None)
            offset = int(q.get("offset", 0))
        except (ValueError, TypeError, KeyError, AttributeError):
            return
        reply = history_handler.handle(cmd, ChatContext(user, self.services, channel), offset)
        self.deliver(reply, Origin(user, channel, None, response_url))

    def sweep_expired(self) -> None:
        for gid in self.services.workflow.expire_due():
            self.update(self.services.workflow.group(gid))
            self.audit_checkpoint()

    def sweep_scheduled(self) -> None:
        """Scheduled changes whose window opened: this instance took them (one instance per group);
        each runs on the pool and its outcome goes where its approval message is, in the thread."""
        for gid in self.services.workflow.start_due():
            self.submit(self.run_scheduled, gid)

    def run_scheduled(self, gid: int) -> None:
        workflow = self.services.workflow
        finished = workflow.execute(gid)
        self.update(finished)
        self.audit_checkpoint()
        place = self.home_of(finished)
        if place:
            self.post(place[0], slacktext.escape(fmt.outcome_text(finished)), thread_ts=place[1])

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
            first = self.services.workflow.group(gid)[0]
            origin = Origin(first.requester, first.channel, None, None, is_dm_channel(first.channel))
            self.post_approval(gid, origin, notify=False)

    def home(self, user: str) -> dict[str, Any]:
        from bot import history

        wf = self.services.workflow
        mine = history.query(self.services.sessions, user=user, limit=15)
        recent = history.query(self.services.sessions, limit=15)
        return blocks.home_view(user, self.services.roles.describe(user), wf.pending_for(user),
                                [c for c in mine if c.requester == user], recent,
                                blocks.compliance_text(compliance.latest(self.services.sessions)))

    def publish_home(self, user: str) -> None:
        try:
            self.client.views_publish(user_id=user, view=self.home(user))
        except SlackApiError as exc:
            log.warning("views.publish failed: %s", exc.response.get("error"))


def _where_sent(cards: list[messages.Copy], lang: str = "en") -> str:
    """Where the approval cards are, as the requester's note says it."""
    fr = lang == "fr"
    channels = [f"<#{c.channel}>" for c in cards if not is_dm_channel(c.channel)]
    dms = sum(1 for c in cards if is_dm_channel(c.channel))
    parts = ([f"{'dans' if fr else 'in'} {', '.join(channels)}"] if channels else []) + (
        [f"par message direct à {dms} approbateur(s)" if fr else f"by DM to {dms} approver(s)"] if dms else [])
    if not parts:
        return "enregistrée" if fr else "recorded"
    return ("envoyée pour approbation " if fr else "sent for approval ") + (" et " if fr else " and ").join(parts)
