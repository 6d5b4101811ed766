"""The fleet runner: order, bounded concurrency, isolation, progress."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from remote import registry
from remote.errors import RemoteError
from remote.fleet import run_fleet
from remote.inventory import Host
from remote.lab import Lab, fleet_topology
from remote.winrm_client import WinRMClient
from tests.remote.conftest import ALLOW, FAST, NLBSFLAGS, creds, inventory_of

HOSTS = [Host(name=f"h{i:02d}", address="127.0.0.1", port=5986) for i in range(30)]


def test_results_keep_input_order_and_failures_stay_local() -> None:
    def work(host: Host) -> str:
        time.sleep(0.001 * (hash(host.name) % 7))
        if host.name == "h03":
            raise RemoteError("unreachable", "h03 is down")
        if host.name == "h04":
            raise KeyError("a bug")
        return host.name.upper()

    out = run_fleet(HOSTS, work, concurrency=8)
    assert [o.host.name for o in out] == [h.name for h in HOSTS]
    assert out[3].error is not None and out[3].error.kind == "unreachable"
    assert out[4].error is not None and out[4].error.kind == "command_failed"
    assert [o.value for o in out if o.ok] == [h.name.upper() for h in HOSTS if h.name not in ("h03", "h04")]


def test_concurrency_is_bounded() -> None:
    running, peak, lock = 0, 0, threading.Lock()

    def work(host: Host) -> None:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.01)
        with lock:
            running -= 1

    run_fleet(HOSTS, work, concurrency=5)
    assert peak == 5


def test_progress_reports_every_host_in_the_callers_thread() -> None:
    seen: list[tuple[int, int, str]] = []
    caller = threading.get_ident()

    def progress(done: int, total: int, outcome: object) -> None:
        assert threading.get_ident() == caller
        seen.append((done, total, outcome.host.name))  # type: ignore[attr-defined]

    run_fleet(HOSTS[:7], lambda h: None, concurrency=3, progress=progress)
    assert [d for d, _, _ in seen] == list(range(1, 8)) and {t for _, t, _ in seen} == {7}
    assert sorted(n for _, _, n in seen) == [h.name for h in HOSTS[:7]]


def test_bad_concurrency() -> None:
    with pytest.raises(ValueError):
        run_fleet(HOSTS, lambda h: None, concurrency=0)


def test_a_real_fleet_with_one_host_down(tmp_path: Path) -> None:
    with Lab(fleet_topology(12), state_dir=tmp_path / "lab") as lab:
        lab.host("fe005").set_refusing(True)
        hosts = list(inventory_of(lab, tmp_path).hosts.values())
        out = run_fleet(hosts, lambda h: registry.read(WinRMClient(h, creds(lab), FAST), ALLOW, NLBSFLAGS),
                        concurrency=4)
    assert [o.ok for o in out].count(False) == 1 and out[4].error is not None
    assert [o.value.present for o in out if o.value is not None] == [i % 2 == 0 for i in range(1, 13) if i != 5]
