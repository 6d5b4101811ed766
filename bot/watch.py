"""The drift watch: values changed outside Oakley, found by reading the fleet (DESIGN.md §2, §6).

A round reads NLBSFlags on every host of the inventory and compares each with the host's last known
state: the newer of its last succeeded change's `after` and the watch's last observation of it. A
difference is recorded as an `observed` change row (requester `oakley-watch`, before → after, the
observation time as requested_at/executed_at) and an `observed` audit event carrying the row, so
`oakley audit verify` replays it like any change. Nothing changed → nothing recorded.

- A host never seen before (no observation, no succeeded change) gets a baseline observation, not
  a change: the watch cannot know what it was before.
- An unreachable host is reported, never recorded, and keeps its last known state.
- Oakley's own changes are not drift. A host whose change finished after the round's reads began
  is skipped (the value read may predate it). A host with a change in flight (approved,
  executing, unknown) is skipped when it holds the value that change asks for (its write may have
  landed); any other value is compared as usual — so a change stuck `unknown` does not blind the
  watch to a hand-made value that is neither. `scheduled` is not in flight until it executes.
- One instance at a time: a round holds the `watch` lease (bot/leases.py) while it reads; the
  recording itself is one transaction, serialised across processes (an advisory lock on
  PostgreSQL, BEGIN IMMEDIATE on SQLite), and leaves alone a host some other round observed after
  this one's reads began — so two rounds never record one change twice, even without the lease.
- Every round, drift or not, writes a fleet compliance snapshot (bot/compliance.py).

Times compared across processes (executed_at, observed_at) are wall-clock UTC, like the leases.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from bot import audit, compliance
from bot.checks import CredentialSource, describe_value, nlbsflags_value, read_fleet, verdict
from bot.db.models import Change, Lease, Observation
from bot.leases import DEFAULT_LEASE, NamedLease, new_owner_id, wall_clock
from bot.workflow import columns, describe_read, read_state_of, target_state
from kb.store import KnowledgeBase
from remote.errors import RemoteError
from remote.fleet import Outcome
from remote.inventory import Inventory
from remote.regexe import RegRead
from remote.winrm_client import Timeouts

log = logging.getLogger("oakley.watch")
WATCHER = "oakley-watch"  # the requester of observed rows and the actor of their audit events
LEASE = "watch"
REASON = "changed outside Oakley"
IN_FLIGHT = ("approved", "executing", "unknown")
SHOWN = 5  # host names listed per kind in a summary line
State = tuple[bool, str | None, str | None]  # as bot.workflow compares values: present, type, data as text


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Known:
    """A host's last known state and where it comes from."""

    state: State
    columns: dict[str, Any]  # before_* columns of an observed row
    source: str  # "change 12" or "observation at …"
    shown: str


@dataclass(frozen=True)
class Drift:
    host: str
    change_id: int
    before: str
    after: str


@dataclass
class RoundResult:
    """What one round found. `ran` is False when another instance held the watch lease."""

    ran: bool
    started: datetime
    finished: datetime | None = None
    hosts: int = 0
    drifted: list[Drift] = field(default_factory=list)
    unreachable: list[tuple[str, RemoteError]] = field(default_factory=list)
    first_seen: list[str] = field(default_factory=list)
    busy: list[tuple[str, int]] = field(default_factory=list)  # host, the change in flight there
    unchanged: list[str] = field(default_factory=list)
    compliant: int = 0
    not_compliant: int = 0
    holder: str | None = None  # who held the lease when the round did not run
    snapshot_id: int | None = None

    @property
    def noteworthy(self) -> bool:
        """Worth a message in OAKLEY_WATCH_CHANNEL: drift found, or hosts that could not be read."""
        return bool(self.drifted or self.unreachable)

    def summary(self) -> str:
        """`read 6 hosts: 1 changed outside Oakley (fe01 1 → 0), 1 unreachable (fe03), 4 unchanged`."""
        if not self.ran:
            return f"another instance is watching ({self.holder or 'unknown owner'}); this round did not run"
        parts = []
        if self.drifted:
            parts.append(f"{len(self.drifted)} changed outside Oakley ("
                         + _listed([f"{d.host} {d.before} → {d.after}" for d in self.drifted]) + ")")
        if self.first_seen:
            parts.append(f"{len(self.first_seen)} seen for the first time ({_listed(self.first_seen)}; "
                         "recorded as the baseline)")
        if self.busy:
            parts.append(f"{len(self.busy)} skipped while Oakley changes them ("
                         + _listed([f"{h}: change {cid}" for h, cid in self.busy]) + ")")
        if self.unreachable:
            parts.append(f"{len(self.unreachable)} unreachable ({_listed([h for h, _ in self.unreachable])})")
        if self.unchanged:
            parts.append(f"{len(self.unchanged)} unchanged")
        return f"read {self.hosts} host{'s' if self.hosts != 1 else ''}: " + (", ".join(parts) or "nothing")

    def compliance_line(self) -> str:
        read = self.hosts - len(self.unreachable)
        unjudged = read - self.compliant - self.not_compliant
        return (f"{self.compliant} as KB 821839 recommends, {self.not_compliant} not, {unjudged} without a "
                f"recommendation; {len(self.unreachable)} unreachable")

    def report(self) -> str:
        """The channel message: the summary, then one line per finding (plain text; escape to show)."""
        lines = [f"Drift watch: {self.summary()}"]
        for d in self.drifted:
            lines.append(f"• {d.host}: changed outside Oakley: {d.before} → {d.after} (change {d.change_id}, "
                         f"seen by {WATCHER})")
        for host, error in self.unreachable[:20]:
            lines.append(f"• {host}: not read ({error.kind}) — {error.message}")
        if len(self.unreachable) > 20:
            lines.append(f"…and {len(self.unreachable) - 20} more unreachable")
        return "\n".join(lines)


def _listed(items: list[str]) -> str:
    return ", ".join(items[:SHOWN]) + (f", … {len(items) - SHOWN} more" if len(items) > SHOWN else "")


def _observation_state(o: Observation) -> State:
    if not o.present:
        return (False, None, None)
    return (True, o.type or "REG_DWORD", o.data if o.data is not None else str(o.value))


def _change_after_state(c: Any) -> State:
    if not c.after_present:
        return (False, None, None)
    return (True, c.after_type or "REG_DWORD", c.after_data if c.after_data is not None else str(c.after_value))


class Watch:
    """One drift-watch round at a time across processes; `round()` does one."""

    def __init__(self, sessions: sessionmaker[Session], kb: KnowledgeBase, inventory: Inventory,
                 credentials: CredentialSource, *, audit_key: bytes | None = None, concurrency: int = 16,
                 timeouts: Timeouts | None = None, clock: Callable[[], datetime] = _now, owner: str | None = None,
                 lease: timedelta = DEFAULT_LEASE, lease_clock: Callable[[], datetime] = wall_clock,
                 processes: int | None = None) -> None:
        self.sessions = sessions
        self.kb = kb
        self.inventory = inventory
        self.credentials = credentials
        self.audit_key = audit_key
        self.concurrency = concurrency
        self.timeouts = timeouts or Timeouts()
        self.clock = clock
        self.processes = processes
        self.value = nlbsflags_value(kb)
        self.lease = NamedLease(sessions, LEASE, owner or new_owner_id(), lease, lease_clock)

    def round(self, progress: Callable[[int, int, Outcome[object]], None] | None = None, *,
              every: timedelta | None = None) -> RoundResult:
        """Read the fleet and record what changed outside Oakley; does nothing when another instance
        holds the watch lease (`ran` False, `holder` says who), or — with `every` (the loop) — when
        another instance's round is less than `every` old (checked again once the lease is held, so
        two loops never both run a round they each found due)."""
        started = self.clock()
        with self.lease.held() as mine:
            if not mine:
                return RoundResult(False, started, holder=self.lease.holder()[0])
            if every is not None and self.until_due(every) > timedelta(0):
                return RoundResult(False, started, holder="a round within the interval")
            started = self.clock()
            hosts = list(self.inventory.hosts.values())
            reads = read_fleet(self.kb, hosts, self.credentials, concurrency=self.concurrency,
                               timeouts=self.timeouts, progress=progress, processes=self.processes)
            result = RoundResult(True, started, self.clock(), len(hosts))
            with self.sessions.begin() as s:
                ours = self._still_ours(s)
                if ours:
                    self._serialise(s)
                    self._record(s, reads, result)
            if not ours:
                log.warning("the watch lease was taken over during the round (this instance was presumed gone); "
                            "nothing recorded")
                return RoundResult(False, started, holder=self.lease.holder()[0])
        for d in result.drifted:
            log.warning("%s: NLBSFlags changed outside Oakley: %s → %s (change %s)", d.host, d.before, d.after,
                        d.change_id, extra={"change_id": d.change_id})
        return result

    def until_due(self, every: timedelta) -> timedelta:
        """How long until a round is due: `every` after the newest round of any instance."""
        last = compliance.latest(self.sessions, "watch")
        if last is None:
            return timedelta(0)
        return max(timedelta(0), last.taken_at + every - self.clock())

    # --- recording ------------------------------------------------------------------

    def _still_ours(self, s: Session) -> bool:
        """Fencing: renew the lease in the recording transaction; a holder presumed gone records nothing."""
        won = s.execute(update(Lease).where(Lease.name == LEASE, Lease.owner == self.lease.owner)
                        .values(until=self.lease.clock() + self.lease.lease)
                        .execution_options(synchronize_session=False))
        return bool(won.rowcount)  # type: ignore[attr-defined]

    @staticmethod
    def _serialise(s: Session) -> None:
        if s.get_bind().dialect.name == "postgresql":
            s.execute(text("SELECT pg_advisory_xact_lock(hashtext('oakley-watch'))"))

    def _record(self, s: Session, reads: list[Outcome[RegRead]], result: RoundResult) -> None:
        started = result.started
        names = [o.host.name for o in reads]
        observations = {o.host: o for o in s.execute(select(Observation)).scalars()}
        finished: dict[str, int] = {}  # host -> a change that finished after the reads began
        in_flight: dict[str, list[tuple[int, State]]] = {}  # host -> (change, the value it asks for)
        for change in s.execute(select(Change).where(
                Change.status != "observed",
                or_(Change.status.in_(IN_FLIGHT), Change.executed_at >= started)).order_by(Change.id)).scalars():
            if change.executed_at is not None and change.executed_at >= started:
                finished.setdefault(change.host, change.id)
            if change.status in IN_FLIGHT:
                in_flight.setdefault(change.host, []).append((change.id, target_state(change)))
        last_changes = self._last_succeeded(s, names)
        found: list[tuple[Outcome[RegRead], Observation | None]] = []
        for outcome in reads:
            name = outcome.host.name
            if outcome.error is not None or outcome.value is None:
                result.unreachable.append((name, outcome.error or RemoteError("command_failed", "no value read")))
                continue
            judged = verdict(self.kb, outcome.host, outcome.value).compliant
            result.compliant += judged is True
            result.not_compliant += judged is False
            now = read_state_of(outcome.value)
            mine = finished.get(name) or next((cid for cid, wanted in in_flight.get(name, []) if wanted == now), None)
            if mine is not None:
                result.busy.append((name, mine))
                continue
            seen = observations.get(name)
            if seen is not None and seen.observed_at > started:
                result.unchanged.append(name)  # observed by a newer round meanwhile: its finding stands
                continue
            known = self._known(seen, last_changes.get(name))
            if known is None:
                result.first_seen.append(name)
            elif known.state == now:
                result.unchanged.append(name)
            else:
                result.drifted.append(self._record_drift(s, outcome, known, started))
            found.append((outcome, seen))
        snapshot = compliance.add(
            s, taken_at=started, finished_at=result.finished or started, source="watch", actor=WATCHER,
            hosts=result.hosts, read=result.hosts - len(result.unreachable), compliant=result.compliant,
            not_compliant=result.not_compliant, unreachable=len(result.unreachable), drifted=len(result.drifted),
            summary=f"Read {result.hosts} hosts: {result.compliance_line()}; "
                    f"{len(result.drifted)} changed outside Oakley")
        result.snapshot_id = snapshot.id
        for outcome, seen in found:
            assert outcome.value is not None
            self._observe(s, seen, outcome, started, snapshot.id)

    def _last_succeeded(self, s: Session, names: list[str]) -> dict[str, Any]:
        """Each host's newest succeeded change (by when it ran), its `after` columns."""
        when = func.coalesce(Change.executed_at, Change.decided_at, Change.requested_at)
        ranked = (select(Change.id, Change.host, Change.after_present, Change.after_type, Change.after_value,
                         Change.after_data,
                         func.row_number().over(partition_by=Change.host, order_by=(when.desc(), Change.id.desc()))
                         .label("rank"), when.label("at"))
                  .where(Change.status == "succeeded").subquery())
        rows = s.execute(select(ranked).where(ranked.c.rank == 1)).all()
        wanted = set(names)
        return {r.host: r for r in rows if r.host in wanted}

    def _known(self, seen: Observation | None, change: Any) -> Known | None:
        """The newer of the last observation and the last succeeded change's `after`."""
        if change is not None and change.after_present is not None and (seen is None
                                                                         or change.at > seen.observed_at):
            state = _change_after_state(change)
            return Known(state, {"before_present": change.after_present, "before_type": change.after_type,
                                 "before_value": change.after_value, "before_data": change.after_data},
                         f"change {change.id}", describe_value(change.after_present, change.after_value,
                                                               change.after_type, change.after_data))
        if seen is None:
            return None
        return Known(_observation_state(seen), {"before_present": seen.present, "before_type": seen.type,
                                                "before_value": seen.value, "before_data": seen.data},
                     f"observation at {seen.observed_at:%Y-%m-%d %H:%M:%S} UTC",
                     describe_value(seen.present, seen.value, seen.type, seen.data))

    def _record_drift(self, s: Session, outcome: Outcome[RegRead], known: Known, at: datetime) -> Drift:
        read = outcome.value
        assert read is not None
        note = verdict(self.kb, outcome.host, read).note
        change = Change(host=outcome.host.name, value_name=self.value.name,
                        action="set" if read.present else "delete", target_value=None,
                        **known.columns, **columns("after", read), status="observed", requester=WATCHER,
                        reason=REASON, kb_summary=note, acknowledged=False, requested_at=at, expires_at=at,
                        executed_at=at)
        s.add(change)
        s.flush()
        change.group_id = change.id
        after = describe_read(read)
        audit.append(s, self.audit_key, actor=WATCHER, action="observed", change_id=change.id,
                     host=outcome.host.name, at=at, row=audit.row_snapshot(change),
                     details={"before": known.shown, "after": after, "known_from": known.source, "reason": REASON})
        return Drift(outcome.host.name, change.id, known.shown, after)

    def _observe(self, s: Session, seen: Observation | None, outcome: Outcome[RegRead], at: datetime,
                 snapshot_id: int) -> None:
        read = outcome.value
        assert read is not None
        cols = columns("x", read)
        values = {"observed_at": at, "present": read.present, "type": cols["x_type"], "value": cols["x_value"],
                  "data": cols["x_data"], "compliant": verdict(self.kb, outcome.host, read).compliant,
                  "snapshot_id": snapshot_id}
        if seen is None:
            s.add(Observation(host=outcome.host.name, **values))
        else:
            for key, value in values.items():
                setattr(seen, key, value)


def run_loop(watch: Watch, every: timedelta, stop: threading.Event,
             on_round: Callable[[RoundResult], None], *, tick: timedelta | None = None) -> None:
    """Until `stop` is set: a round whenever the newest round of any instance is `every` old.

    Instances sharing the database take turns through the lease and the shared last-round time, so the
    fleet is read about once per `every`, not once per instance. A failing round (the database away for
    a moment) is logged and tried again at the next tick.
    """
    tick_s = (tick or min(every, timedelta(minutes=1))).total_seconds()
    while not stop.is_set():
        wait = tick_s
        try:
            due = watch.until_due(every)
            if due <= timedelta(0):
                result = watch.round(every=every)
                if result.ran:
                    on_round(result)
            else:
                wait = min(tick_s, due.total_seconds())
        except Exception:
            log.exception("drift watch round failed")
        stop.wait(max(wait, 0.01))
