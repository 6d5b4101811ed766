"""Progress notes for fleet work: every 25 hosts or every 5 seconds, not more."""

from __future__ import annotations

import time
from collections.abc import Callable

from handlers.reply import Progress


def fleet_progress(progress: Progress, label: str, every: int = 25,
                   seconds: float = 5.0) -> Callable[[int, int, object], None]:
    last = time.monotonic()

    def step(done: int, total: int, _outcome: object) -> None:
        nonlocal last
        now = time.monotonic()
        if done < total and (done % every == 0 or now - last >= seconds):
            last = now
            progress(f"{label}: {done}/{total} hosts done…")

    return step
