"""Every chat copy of a request, recorded once even when two processes record it."""

from __future__ import annotations

import threading

from bot import messages
from bot.db.engine import make_engine, session_factory, upgrade


def test_copies_are_kept_in_order_and_recorded_once(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    try:
        sessions = session_factory(engine)
        messages.add(sessions, 7, "C_APPROVALS", "1.1", "approval")
        messages.add(sessions, 7, "D_BOB", "1.2", "approval")
        messages.add(sessions, 8, "D_CAROL", "1.3", "approval")
        # Two instances recording the same post (a retried delivery): one row.
        threads = [threading.Thread(target=messages.add, args=(sessions, 7, "D_ALICE", "1.4", "status"))
                   for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [c[:3] for c in messages.of(sessions, 7)] == [
            ("C_APPROVALS", "1.1", "approval"), ("D_BOB", "1.2", "approval"), ("D_ALICE", "1.4", "status")]
        messages.add(sessions, 8, "D_DAVE", "1.5", "status", "fr")
        assert messages.of(sessions, 8)[-1].lang == "fr"
        assert messages.of(sessions, 9) == []
    finally:
        engine.dispose()
