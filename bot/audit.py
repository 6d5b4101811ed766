"""The tamper-evident audit chain, and the proof that the `changes` table agrees with it.

Every transition and every remote write appends an event whose `hash`
covers its own content and the previous event's hash: HMAC-SHA-256 keyed
with `OAKLEY_AUDIT_KEY` when it is set (then only the key holder can forge
a consistent chain), plain SHA-256 otherwise. Appends are serialised (an
advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite) so that two
processes never fork the chain.

History, chat and the App Home read the `changes` table, so the chain must
cover it too: each event about a change carries, under `row`, the columns
that transition wrote (all of them for `requested`). `verify` replays those
per change and names any row whose fields differ from the replay. It
streams plain rows (Core selects, no ORM objects) in constant memory.

With `OAKLEY_AUDIT_EXPORT` set (see `configure_export`) every committed
event is also appended as one JSON line to an append-only file, written and
fsynced under an exclusive lock while the chain lock is still held, so the
file's order is the chain's order and the step an event records goes on
only once the line is on disk. `verify_export` compares the database with
that file: a truncated tail or a deleted middle event is then detectable
even when whoever did it recomputed every hash.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import itertools
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

import orjson
from sqlalchemy import String, event, func, select, text, type_coerce
from sqlalchemy.orm import Session, object_session, sessionmaker

from bot.db.models import AuditEvent, Change

GENESIS = "0" * 64
_LOCK_KEY = 821839  # pg_advisory_xact_lock key for the chain head
_EXPORT = "oakley_audit_export"  # Session.info key: the export path
_PENDING = "oakley_audit_pending"  # Session.info key: lines to export at commit
_WRITTEN = "oakley_audit_written"  # Session.info key: lines exported, commit not yet confirmed
_INSERTED = "oakley_audit_inserted"  # Session.info key: change id -> row snapshot of rows inserted in this transaction

# The `changes` columns people read (history, chat, Home): each is bound to the chain.
# `channel`/`message_ts` only say where the Slack message is, so they are left out.
ROW_FIELDS = (
    "group_id", "host", "value_name", "action", "target_value", "before_present", "before_value", "before_type",
    "after_present", "after_value", "after_type", "status", "requester", "approver", "decided_by", "reason",
    "decision_reason", "kb_summary", "outside_guidance", "acknowledged", "reverts", "requested_at", "expires_at",
    "decided_at", "executed_at", "error", "scheduled_for",
)
# Bound columns added after chains existed: events written before them did not record them.
_ADDED_LATER = {"scheduled_for": None}
_ROW_SET = frozenset(ROW_FIELDS)


def _digest(key: bytes | None, payload: bytes) -> str:
    if key:
        return hmac.new(key, payload, hashlib.sha256).hexdigest()
    return hashlib.sha256(payload).hexdigest()


def _stamp(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event_hash(key: bytes | None, prev_hash: str, at: datetime, actor: str, action: str,
               change_id: int | None, host: str | None, details: str) -> str:
    return _hash_stamped(key, prev_hash, _stamp(at), actor, action, change_id, host, details)


def _hash_stamped(key: bytes | None, prev_hash: str, stamp: str, actor: str, action: str,
                  change_id: int | None, host: str | None, details: str) -> str:
    return _digest(key, payload(prev_hash, stamp, actor, action, change_id, host, details).encode())


_quote = json.encoder.encode_basestring  # type: ignore[attr-defined]  # the C quoting json.dumps uses


def payload(prev_hash: str, stamp: str, actor: str, action: str, change_id: int | None, host: str | None,
            details: str) -> str:
    """Exactly `json.dumps([...], separators=(",", ":"), ensure_ascii=False)`, several times faster
    (verify hashes a million of these; tests/bot/test_audit.py checks the equivalence)."""
    cid = "null" if change_id is None else str(int(change_id))
    where = "null" if host is None else _quote(host)
    return (f"[{_quote(prev_hash)},{_quote(stamp)},{_quote(actor)},{_quote(action)},{cid},{where},"
            f"{_quote(details)}]")


def _jsonable(value: Any) -> Any:
    return _stamp(value) if isinstance(value, datetime) else value


def row_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """The bound columns among `values` (what an UPDATE or INSERT wrote), JSON-ready."""
    return {k: _jsonable(v) for k, v in values.items() if k in _ROW_SET}


def row_snapshot(change: Change) -> dict[str, Any]:
    """Every bound column of a change: the `row` of its `requested` (or `observed`) event."""
    return {f: _jsonable(getattr(change, f)) for f in ROW_FIELDS}


def _body(details: Mapping[str, Any] | None) -> str:
    return json.dumps(dict(details or {}), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def append(session: Session, key: bytes | None, *, actor: str, action: str, change_id: int | None = None,
           host: str | None = None, details: Mapping[str, Any] | None = None, at: datetime | None = None,
           row: Mapping[str, Any] | None = None) -> AuditEvent:
    """Add an event in the caller's transaction, chained to the current head.

    `row` is what this step wrote to the change's row (`row_values`/`row_snapshot`);
    it is stored under `details["row"]` so that `verify` can replay the row.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
    head = session.execute(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).scalar()
    prev = head or GENESIS
    when = at or datetime.now(UTC)
    data = dict(details or {})
    inserted = session.info.get(_INSERTED)
    if inserted and change_id is not None:
        snapshot = inserted.pop(change_id, None)
        if row is None:  # a row added in this transaction and audited without `row`: bind what was inserted
            row = snapshot
    if row is not None:
        data["row"] = row_values(row)
    body = _body(data)
    event = AuditEvent(at=when, actor=actor, action=action, change_id=change_id, host=host, details=body,
                       prev_hash=prev, hash=event_hash(key, prev, when, actor, action, change_id, host, body))
    session.add(event)
    session.flush()
    if session.info.get(_EXPORT):
        session.info.setdefault(_PENDING, []).append(export_line(event.id, when, actor, action, change_id, host,
                                                                 body, prev, event.hash))
    return event


# --- verification ------------------------------------------------------------------------------


class Problem(NamedTuple):
    """The first bad entry: an event (`kind` "event") or a change row (`kind` "change")."""

    kind: str
    id: int
    reason: str
    field: str | None = None

    @property
    def event_id(self) -> int:
        return self.id

    def describe(self) -> str:
        return f"{self.kind} {self.id}: {self.reason}"


_EVENT_COLUMNS = (AuditEvent.id, AuditEvent.at, AuditEvent.actor, AuditEvent.action, AuditEvent.change_id,
                  AuditEvent.host, AuditEvent.details, AuditEvent.prev_hash, AuditEvent.hash)


def _stamp_column(session: Session) -> Any:
    """`at` as the hashed stamp text, without building a datetime per row."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", AuditEvent.at), 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
    return type_coerce(AuditEvent.at, String)  # SQLite's stored text, YYYY-MM-DD HH:MM:SS.ffffff


def _as_stamp(raw: Any) -> str:
    if isinstance(raw, datetime):
        return _stamp(raw)
    if len(raw) == 26 and raw[10] == " " and raw[19] == ".":
        return f"{raw[:10]}T{raw[11:]}Z"
    if raw.endswith("Z"):
        return raw
    try:
        return _stamp(datetime.fromisoformat(raw).replace(tzinfo=UTC))
    except ValueError:
        return raw  # unreadable: the hash cannot match, so the event is reported


def _reader(session: Session) -> Any:
    """The session's connection; on SQLite, when it starts here, a snapshot that does not block writers."""
    if session.in_transaction():
        return session.connection()
    return session.connection(execution_options={"sqlite_read_only": True})


_CURSORS = itertools.count(1)


def _stream(session: Session, stmt: Any, batch: int = 20_000) -> Iterator[Any]:
    """Rows as plain tuples, never all in memory: SQLite's cursor steps lazily by itself (and is fastest
    iterated plainly); PostgreSQL gets a server-side cursor fetched in batches."""
    conn = _reader(session)
    if conn.dialect.name == "sqlite":
        yield from conn.execute(stmt)
        return
    # psycopg's own named cursor, not SQLAlchemy's Result: its tuples come straight from the C loader,
    # with no Row object and no result processing per row (a third of the PostgreSQL verify time).
    compiled = stmt.compile(dialect=conn.dialect)
    raw = conn.connection.driver_connection
    with raw.cursor(name=f"oakley_audit_{next(_CURSORS)}") as cur:
        cur.itersize = batch
        cur.execute(str(compiled), compiled.params)
        while part := cur.fetchmany(batch):
            yield from part


def verify_chain(session: Session, key: bytes | None) -> tuple[int, Problem | None]:
    """Walk the hash chain; return how many events were checked and the first problem."""
    prev = GENESIS
    count = 0
    columns = (AuditEvent.id, _stamp_column(session), *_EVENT_COLUMNS[2:])
    new = hashlib.sha256 if key is None else None
    quote = _quote
    # PostgreSQL's to_char already gives the hashed stamp, digits and -:.TZ only (nothing to escape).
    stamped = session.get_bind().dialect.name == "postgresql"
    # actor, action and host take few values: quote each once (bounded, so memory stays constant).
    quoted: dict[str, str] = {}
    for eid, at, actor, action, change_id, host, details, prev_hash, digest in _stream(
            session, select(*columns).order_by(AuditEvent.id)):
        count += 1
        if prev_hash != prev:
            return count, Problem("event", eid, "its prev_hash does not match the event before it "
                                  "(an event was removed, inserted or moved)")
        # payload() inlined; prev_hash needs no quoting: it equals the hex digest checked just before.
        cid = "null" if change_id is None else str(int(change_id))
        if host is None:
            where = "null"
        elif (where := quoted.get(host)) is None:
            where = quote(host)
            if len(quoted) < 4096:
                quoted[host] = where
        if (who := quoted.get(actor)) is None:
            who = quote(actor)
            if len(quoted) < 4096:
                quoted[actor] = who
        if (what := quoted.get(action)) is None:
            what = quote(action)
            if len(quoted) < 4096:
                quoted[action] = what
        when = f'"{at}"' if stamped else quote(_as_stamp(at))
        text_ = f'["{prev_hash}",{when},{who},{what},{cid},{where},{quote(details)}]'.encode()
        expected = new(text_).hexdigest() if new is not None else _digest(key, text_)
        if not hmac.compare_digest(expected, digest):
            return count, Problem("event", eid, "its content does not match its hash (the event was altered, "
                                  "or it was written with a different OAKLEY_AUDIT_KEY)")
        prev = digest
    return count, None


def _show(value: Any) -> str:
    shown = "null" if value is None else json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 80 else shown[:77] + "…"


def _same(a: Any, b: Any) -> bool:
    return a == b and type(a) is type(b)


def _replay(events: Iterable[str]) -> dict[str, Any]:
    state: dict[str, Any] = dict(_ADDED_LATER)
    for details in events:
        if '"row":' not in details:
            continue  # e.g. remote_write: wrote nothing to the row
        try:
            row = orjson.loads(details).get("row")
        except (ValueError, AttributeError):
            row = None
        if isinstance(row, dict):
            state.update(row)
    return state


_MISSING = object()
_TIME_FIELDS = frozenset({"requested_at", "expires_at", "decided_at", "executed_at", "scheduled_for"})


def _row_columns(session: Session) -> list[Any]:
    """The bound columns, times as the stamp text (no datetime per value)."""
    postgres = session.get_bind().dialect.name == "postgresql"
    columns: list[Any] = []
    for name in ROW_FIELDS:
        column = getattr(Change, name)
        if name in _TIME_FIELDS:
            column = (func.to_char(func.timezone("UTC", column), 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') if postgres
                      else type_coerce(column, String))
        columns.append(column)
    return columns


def verify_changes(session: Session) -> tuple[int, Problem | None]:
    """Replay each change's events and compare with its row; (rows checked, first problem).

    Two ordered streams merged by change id, so memory holds one change at a time.
    """
    times = [i for i, name in enumerate(ROW_FIELDS) if name in _TIME_FIELDS]
    stamped = session.get_bind().dialect.name == "postgresql"  # to_char already gave the stamp text
    rows = _stream(session, select(Change.id, *_row_columns(session)).order_by(Change.id))
    events = _stream(session, select(AuditEvent.change_id, AuditEvent.details)
                     .where(AuditEvent.change_id.is_not(None)).order_by(AuditEvent.change_id, AuditEvent.id))
    pending = next(events, None)
    count = 0
    for row in rows:
        cid = row[0]
        if pending is not None and pending[0] < cid:
            return count, Problem("change", pending[0], "it has audit events but no row (the row was deleted)")
        mine: list[str] = []
        while pending is not None and pending[0] == cid:
            mine.append(pending[1])
            pending = next(events, None)
        count += 1
        if not mine:
            return count, Problem("change", cid, "its row has no audit events (it was inserted outside Oakley)")
        state = _replay(mine)
        actual = list(row[1:])
        if not stamped:
            for i in times:
                if actual[i] is not None:
                    actual[i] = _as_stamp(actual[i])
        if dict(zip(ROW_FIELDS, actual, strict=True)) == state:  # the common case: no Python loop per field
            continue
        expected = [state.get(name, _MISSING) for name in ROW_FIELDS]
        for name, value, wanted in zip(ROW_FIELDS, actual, expected, strict=True):
            if wanted is _MISSING:
                return count, Problem("change", cid, f"{name} is {_show(value)} but no audit event recorded it",
                                      name)
            if not _same(value, wanted):
                return count, Problem("change", cid, f"{name} is {_show(value)} but its audit events say "
                                      f"{_show(wanted)} (the row was edited outside Oakley)", name)
    if pending is not None:
        return count, Problem("change", pending[0], "it has audit events but no row (the row was deleted)")
    return count, None


def _changes_at(url: str) -> tuple[int, Problem | None]:
    from bot.db.engine import make_engine, session_factory

    engine = make_engine(url)
    try:
        with session_factory(engine)() as s:
            return verify_changes(s)
    finally:
        engine.dispose()


@dataclass
class Report:
    events: int
    rows: int
    problem: Problem | None


def verify_database(url: str, key: bytes | None) -> Report:
    """The chain and the rows; on SQLite, each pass in its own process when there is a second CPU.

    Call with no connection of this process open on `url`: the row pass is forked.
    """
    from bot.db.engine import make_engine, session_factory

    pool = None
    # On PostgreSQL the server works for each pass too: on two CPUs the passes then only compete
    # (bench/audit_bench.py measured the parallel run slower there), so they run one after the other.
    if (os.cpu_count() or 1) > 1 and url.startswith("sqlite"):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        rows_future = pool.submit(_changes_at, url)
    try:
        engine = make_engine(url)
        try:
            with session_factory(engine)() as s:
                events, problem = verify_chain(s, key)
        finally:
            engine.dispose()
        rows, row_problem = rows_future.result() if pool is not None else _changes_at(url)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return Report(events, rows, problem or row_problem)


def verify(session: Session, key: bytes | None) -> tuple[int, Problem | None]:
    """The chain, then every change row against its events; (events checked, first problem)."""
    count, problem = verify_chain(session, key)
    if problem is None:
        _, problem = verify_changes(session)
    return count, problem


# --- the append-only export ------------------------------------------------------------------------


def export_line(seq: int, at: datetime, actor: str, action: str, change_id: int | None, host: str | None,
                details: str, prev_hash: str, digest: str) -> str:
    """One `OAKLEY_AUDIT_EXPORT` line (DESIGN.md §2)."""
    return json.dumps({"seq": seq, "at": _stamp(at), "actor": actor, "action": action, "change_id": change_id,
                       "host": host, "data": json.loads(details), "prev_hash": prev_hash, "hash": digest},
                      separators=(",", ":"), ensure_ascii=False)


def configure_export(sessions: sessionmaker[Session], path: str | os.PathLike[str] | None) -> None:
    """Make every session of `sessions` append its committed audit events to `path`."""
    if path:
        sessions.configure(info={_EXPORT: os.fspath(path)})


def _append_lines(path: str, lines: list[str]) -> None:
    # One process at a time (flock); "a" mode so every write lands at the end; fsync before going on.
    with open(path, "a", encoding="utf-8") as out:
        fcntl.flock(out.fileno(), fcntl.LOCK_EX)
        try:
            out.write("".join(line + "\n" for line in lines))
            out.flush()
            os.fsync(out.fileno())
        finally:
            fcntl.flock(out.fileno(), fcntl.LOCK_UN)


@event.listens_for(Change, "after_insert")
def _remember_insert(_mapper: Any, _connection: Any, target: Change) -> None:
    session = object_session(target)
    if session is not None:
        session.info.setdefault(_INSERTED, {})[target.id] = row_snapshot(target)


@event.listens_for(Session, "before_commit")
def _export_before_commit(session: Session) -> None:
    # Still inside the transaction, so still holding the chain lock: lines land in chain order.
    lines = session.info.pop(_PENDING, None)
    if lines:
        _append_lines(session.info[_EXPORT], lines)
        session.info[_WRITTEN] = lines


@event.listens_for(Session, "after_commit")
def _export_after_commit(session: Session) -> None:
    session.info.pop(_WRITTEN, None)
    session.info.pop(_INSERTED, None)


@event.listens_for(Session, "after_rollback")
def _export_after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_INSERTED, None)
    written = session.info.pop(_WRITTEN, None)
    if written:  # the commit failed after the lines were written: say they never happened
        retractions = [json.dumps({"retracted": json.loads(line)["seq"], "hash": json.loads(line)["hash"]},
                                  separators=(",", ":")) for line in written]
        _append_lines(session.info[_EXPORT], retractions)


def _export_lines(path: str | os.PathLike[str]) -> Iterator[tuple[int, dict[str, Any] | None]]:
    with open(path, encoding="utf-8") as src:
        for number, line in enumerate(src, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError:
                item = None
            yield number, item if isinstance(item, dict) else None


def verify_export(session: Session, path: str | os.PathLike[str]) -> tuple[int, Problem | None]:
    """Compare the database's events with the export; (events matched, first problem).

    Events in the export but not the database (a truncated tail, a deleted
    middle), in the database but not the export, in another order, or with
    other content are all reported. Database events older than the export's
    first line are not compared (the export was switched on later).
    """
    retracted = {(item.get("retracted"), item.get("hash")) for _, item in _export_lines(path)
                 if item is not None and "retracted" in item}
    db = _stream(session, select(*_EVENT_COLUMNS).order_by(AuditEvent.id))
    current = next(db, None)
    matched = 0
    last_seq = 0
    started = False
    for number, item in _export_lines(path):
        if item is None:
            return matched, Problem("export line", number, "it is not a JSON object (the export was damaged)")
        if "retracted" in item:
            continue
        seq, digest = item.get("seq"), item.get("hash")
        if not isinstance(seq, int) or (seq, digest) in retracted:
            if not isinstance(seq, int):
                return matched, Problem("export line", number, "it has no sequence number")
            continue
        if seq <= last_seq:
            return matched, Problem("event", seq, f"the export lists it out of order (line {number} follows "
                                    f"event {last_seq}): the export was reordered")
        last_seq = seq
        if not started:
            while current is not None and current[0] < seq:
                current = next(db, None)
            started = True
        if current is None:
            return matched, Problem("event", seq, "it is in the export but not in the database "
                                    "(the database's tail was truncated)")
        if current[0] > seq:
            return matched, Problem("event", seq, "it is in the export but not in the database "
                                    "(it was deleted)")
        if current[0] < seq:
            return matched, Problem("event", current[0], f"it is in the database but the export has event {seq} "
                                    "in its place (written without the export, inserted outside Oakley, or the "
                                    "export's lines were reordered)")
        eid, at, actor, action, change_id, host, details, prev_hash, hash_ = current
        ours = {"at": _stamp(at), "actor": actor, "action": action, "change_id": change_id, "host": host,
                "data": json.loads(details), "prev_hash": prev_hash, "hash": hash_}
        for name, value in ours.items():
            if item.get(name) != value:
                return matched, Problem("event", eid, f"its {name} differs from the export "
                                        f"(database {_show(value)}, export {_show(item.get(name))})", name)
        matched += 1
        current = next(db, None)
    if current is not None and started:
        return matched, Problem("event", current[0], "it is in the database but not in the export "
                                "(written without the export, or inserted outside Oakley)")
    return matched, None


# --- checkpoints: a witness outside the database -------------------------------------------------------


class Checkpoint(NamedTuple):
    seq: int
    hash: str
    at: datetime


def head(session: Session) -> Checkpoint | None:
    """The newest event's sequence number and hash."""
    row = session.execute(select(AuditEvent.id, AuditEvent.hash, AuditEvent.at)
                          .order_by(AuditEvent.id.desc()).limit(1)).first()
    return Checkpoint(row[0], row[1], row[2]) if row else None


def checkpoint_text(cp: Checkpoint | None, keyed: bool) -> str:
    if cp is None:
        return "Audit checkpoint: the chain is empty."
    return (f"Audit checkpoint: event {cp.seq}, hash `{cp.hash}` ({'HMAC-SHA-256' if keyed else 'SHA-256'}, "
            f"{_stamp(cp.at)}). Keep this message: `oakley audit verify` must reach this event with this hash.")


@dataclass
class Checkpointer:
    """Posts the chain head to `OAKLEY_AUDIT_CHANNEL` after each change and once a day.

    The Slack layer calls `after_change()` when a change reaches an outcome and
    `tick()` from its background loop; `post(text)` sends to the channel.
    Nothing is posted when the head has not moved since the last post.
    """

    sessions: sessionmaker[Session]
    post: Callable[[str], None]
    keyed: bool
    every: timedelta = timedelta(days=1)
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    _last_seq: int | None = None
    _last_at: datetime | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def after_change(self) -> bool:
        return self._post(force=False)

    def tick(self) -> bool:
        """The daily checkpoint: posts when a day has passed since the last one (even if unchanged)."""
        with self._lock:
            if self._last_at is not None and self.clock() - self._last_at < self.every:
                return False
        return self._post(force=True)

    def _post(self, *, force: bool) -> bool:
        with self._lock:  # Slack workers finish changes concurrently: one post per head
            with self.sessions() as s:
                cp = head(s)
            seq = cp.seq if cp else 0
            if not force and seq == self._last_seq:
                return False
            self._last_seq, self._last_at = seq, self.clock()
        self.post(checkpoint_text(cp, self.keyed))
        return True


def export_path_ok(path: str | os.PathLike[str]) -> str | None:
    """None when the export file can be appended to, else why not (for start-up checks)."""
    target = Path(path)
    try:
        with open(target, "a", encoding="utf-8"):
            pass
    except OSError as exc:
        return f"cannot append to {target}: {exc.strerror or exc}"
    return None
