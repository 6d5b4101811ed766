"""Reading a fleet with worker processes: same outcomes, same order, errors kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from remote.errors import RemoteError
from remote.fleet import Outcome
from remote.fleet_processes import THRESHOLD, process_count, read_hosts_in_processes
from remote.inventory import Host
from remote.lab import HostSpec, Lab, fleet_topology
from remote.regexe import RegRead
from remote.winrm_client import Credentials
from tests.remote.conftest import ALLOW, FAST, NLBSFLAGS, creds, inventory_of


def test_process_count() -> None:
    assert process_count(THRESHOLD - 1, {}) == 1
    assert process_count(THRESHOLD, {"OAKLEY_FLEET_PROCESSES": "1"}) == 1
    assert process_count(10_000, {"OAKLEY_FLEET_PROCESSES": "3"}) == 3
    assert process_count(THRESHOLD, {"OAKLEY_FLEET_PROCESSES": "8"}) == 2  # a few hosts do not need 8 processes
    assert 1 <= process_count(10_000, {"OAKLEY_FLEET_PROCESSES": "auto"}) <= 8
    for bad in ("0", "lots", "65"):
        with pytest.raises(ValueError, match="OAKLEY_FLEET_PROCESSES"):
            process_count(10_000, {"OAKLEY_FLEET_PROCESSES": bad})


def test_processes_read_in_order_and_keep_each_hosts_error(tmp_path: Path) -> None:
    specs = [*fleet_topology(20), HostSpec("old", "windows-2000", nlbsflags=1)]
    with Lab(specs, state_dir=tmp_path / "lab") as lab:
        lab.host("fe005").set_refusing(True)
        lab.host("fe007").faults.malformed_output = True
        hosts = list(inventory_of(lab, tmp_path).hosts.values())
        good = creds(lab)

        def credentials(host: Host) -> Credentials:
            if host.name == "fe009":
                raise RemoteError("auth_failed", "no password for fe009")
            return Credentials(lab.username, "wrong") if host.name == "fe011" else good

        seen: list[int] = []
        read = read_hosts_in_processes(hosts, credentials, ALLOW, NLBSFLAGS, processes=2, concurrency=4,
                                       timeouts=FAST, progress=lambda done, total, o: seen.append(done))
    out = [Outcome(o.host, o.value.value if o.value else None, o.error) for o in read]  # NLBSFlags alone
    assert [o.host.name for o in out] == [h.name for h in hosts]
    assert seen == list(range(1, len(hosts) + 1))
    kinds = {o.host.name: o.error.kind for o in out if o.error is not None}
    assert kinds == {"fe005": "unreachable", "fe007": "parse_error", "fe009": "auth_failed", "fe011": "auth_failed"}
    assert out[1].value == RegRead(True, "REG_DWORD", 1) and out[0].value == RegRead(False)  # fe002 set, fe001 not
    assert out[-1].value == RegRead(True, "REG_DWORD", 1)  # reg.exe 3.0 output parsed in a worker
    assert "garbled" in (kinds and next(o.error.raw or "" for o in out if o.host.name == "fe007" and o.error))
