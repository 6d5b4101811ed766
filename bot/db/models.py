"""The tables: host changes, the append-only audit chain, processed chat events.

One row of `changes` is one host: a request for a group becomes one row per
host sharing a `group_id` (the id of the first), approved as one and
executed and recorded each on its own.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import BigInteger, Boolean, DateTime, Dialect, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

STATUSES = ("pending", "approved", "executing", "succeeded", "failed", "stale", "denied", "expired",
            "cancelled", "unknown", "observed")
DECIDED = frozenset({"denied", "expired", "cancelled"})
FINISHED = frozenset({"succeeded", "failed", "stale", "unknown"})


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite hands back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: Oakley stores UTC only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime}


class Change(Base):
    __tablename__ = "changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    group_id: Mapped[int | None] = mapped_column(Integer, index=True)
    host: Mapped[str] = mapped_column(String(255))
    value_name: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(16))  # "set" or "delete"
    target_value: Mapped[int | None] = mapped_column(BigInteger)
    before_present: Mapped[bool] = mapped_column(Boolean)
    before_value: Mapped[int | None] = mapped_column(BigInteger)
    before_type: Mapped[str | None] = mapped_column(String(32))
    after_present: Mapped[bool | None] = mapped_column(Boolean)
    after_value: Mapped[int | None] = mapped_column(BigInteger)
    after_type: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    requester: Mapped[str] = mapped_column(String(64))
    approver: Mapped[str | None] = mapped_column(String(64))  # who approved (approvals only)
    decided_by: Mapped[str | None] = mapped_column(String(64))  # who approved, denied, cancelled; oakley: expired
    reason: Mapped[str] = mapped_column(Text, default="")
    decision_reason: Mapped[str | None] = mapped_column(Text)
    kb_summary: Mapped[str] = mapped_column(Text, default="")
    outside_guidance: Mapped[str | None] = mapped_column(Text)
    acknowledged: Mapped[bool] = mapped_column(Boolean, default=False)
    reverts: Mapped[int | None] = mapped_column(Integer)
    requested_at: Mapped[datetime] = mapped_column()
    expires_at: Mapped[datetime] = mapped_column()
    decided_at: Mapped[datetime | None] = mapped_column()
    executed_at: Mapped[datetime | None] = mapped_column()
    error: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(String(64))
    message_ts: Mapped[str | None] = mapped_column(String(64))
    # Who executes it, and until when their heartbeat vouches for them (migration 0003): only a change
    # whose lease has run out is taken for a dead process's.
    owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column()
    # The data as text when the value is of another type than REG_DWORD (migration 0003).
    before_data: Mapped[str | None] = mapped_column(Text)
    after_data: Mapped[str | None] = mapped_column(Text)
    # A revert of a value of another type writes that type and data back (NULL: REG_DWORD target_value).
    target_type: Mapped[str | None] = mapped_column(String(32))
    target_data: Mapped[str | None] = mapped_column(Text)
    # An approved change outside OAKLEY_CHANGE_WINDOWS runs at this time (status `scheduled`; migration 0007).
    scheduled_for: Mapped[datetime | None] = mapped_column()

    __table_args__ = (
        Index("ix_changes_host_requested", "host", "requested_at"),
        Index("ix_changes_status", "status"),
        Index("ix_changes_requester", "requester"),
        Index("ix_changes_approver", "approver"),
        Index("ix_changes_requested", "requested_at"),
    )


class AuditEvent(Base):
    """Append-only; each row's hash covers its content and the previous hash."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column()
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    change_id: Mapped[int | None] = mapped_column(Integer)
    host: Mapped[str | None] = mapped_column(String(255))
    details: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_audit_change", "change_id"),
        Index("ix_audit_host_at", "host", "at"),
    )


class RequestAttempt(Base):
    """One change request by one user (migration 0003): the per-user rate limit counts these, so every
    process on the database shares it."""

    __tablename__ = "request_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column()

    __table_args__ = (Index("ix_request_attempts_user_at", "user", "at"),)


class ProcessedEvent(Base):
    """Chat event ids already handled, so retries and twin processes agree."""

    __tablename__ = "processed_events"

    event_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    processed_at: Mapped[datetime] = mapped_column()


class ChangeMessage(Base):
    """One Slack message showing a request: the approval post in a channel, a copy in each
    approver's DM, the requester's status note. All are updated after the decision."""

    __tablename__ = "change_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    group_id: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(64))
    ts: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # "approval" (buttons) or "status" (to the requester)
    lang: Mapped[str] = mapped_column(String(8), default="en", server_default="en")  # the reader's language

    __table_args__ = (
        Index("ix_change_messages_group", "group_id"),
        UniqueConstraint("channel", "ts", name="uq_change_messages_channel_ts"),
    )


class HostFact(Base):
    """What a host said about itself (migration 0006): its Windows version, read during a check and
    shared by every instance, so a check reads it again only when it is older than OAKLEY_OS_MAX_AGE."""

    __tablename__ = "host_facts"

    host: Mapped[str] = mapped_column(String(255), primary_key=True)
    os_name: Mapped[str | None] = mapped_column(String(32))      # windows-2003…; None: not read or not known
    os_version: Mapped[str | None] = mapped_column(String(16))   # CurrentVersion as read, e.g. 5.2
    os_product: Mapped[str | None] = mapped_column(String(80))   # ProductName as read (safe characters only)
    os_error_kind: Mapped[str | None] = mapped_column(String(32))
    os_error: Mapped[str | None] = mapped_column(String(300))
    read_at: Mapped[datetime] = mapped_column()


class Lease(Base):
    """A named lease (migration 0005): at most one live instance holds it, e.g. `watch` while it reads the
    fleet. A holder renews `until`; one whose lease ran out is presumed gone and may be replaced."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str | None] = mapped_column(String(64))
    until: Mapped[datetime | None] = mapped_column()


class Observation(Base):
    """The last value the drift watch read on a host (migration 0005): one row per host, replaced each
    round the host answers. With the host's last succeeded change it is the host's last known state."""

    __tablename__ = "observations"

    host: Mapped[str] = mapped_column(String(255), primary_key=True)
    observed_at: Mapped[datetime] = mapped_column()
    present: Mapped[bool] = mapped_column(Boolean)
    type: Mapped[str | None] = mapped_column(String(32))
    value: Mapped[int | None] = mapped_column(BigInteger)
    data: Mapped[str | None] = mapped_column(Text)
    compliant: Mapped[bool | None] = mapped_column(Boolean)
    snapshot_id: Mapped[int | None] = mapped_column(Integer)


class FleetSnapshot(Base):
    """One fleet reading (migration 0005): a watch round, or a `check` from chat. The App Home of every
    instance shows the newest one."""

    __tablename__ = "fleet_snapshots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    taken_at: Mapped[datetime] = mapped_column()  # when the reads began
    finished_at: Mapped[datetime] = mapped_column()
    source: Mapped[str] = mapped_column(String(16))  # "watch" or "check"
    actor: Mapped[str] = mapped_column(String(64))  # oakley-watch, or who asked for the check
    hosts: Mapped[int] = mapped_column(Integer)
    read: Mapped[int] = mapped_column(Integer)
    compliant: Mapped[int] = mapped_column(Integer)
    not_compliant: Mapped[int] = mapped_column(Integer)
    unreachable: Mapped[int] = mapped_column(Integer)
    drifted: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[str] = mapped_column(Text)  # plain text, escaped where it is shown

    __table_args__ = (Index("ix_fleet_snapshots_source_taken", "source", "taken_at"),)
