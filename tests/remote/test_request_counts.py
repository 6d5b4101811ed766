"""What a check and a change cost on the wire, counted at the lab.

Budgets (issue 13): at most 6 HTTP requests per check and 12 for a change's
drift re-read, write and read-back — one connection, one logon and one
shell per host per operation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from remote import registry
from remote.errors import RemoteError
from remote.inventory import Host
from remote.lab import Lab
from remote.lab.lab import LabHost
from remote.regexe import RegRead
from remote.winrm_client import WinRMClient
from tests.remote.conftest import ALLOW, FAST, NLBSFLAGS, creds, inventory_of


def counts(host: LabHost) -> tuple[int, int]:
    return host.requests, host.connections


def spent(host: LabHost, before: tuple[int, int]) -> tuple[int, int]:
    requests, connections = counts(host)
    return requests - before[0], connections - before[1]


def change(client: WinRMClient, data: int) -> RegRead:
    """What the workflow does for an approved change, in one session."""
    with client:
        registry.read(client, ALLOW, NLBSFLAGS)
        return registry.write_dword(client, ALLOW, NLBSFLAGS, data)


def test_check_over_http_with_message_encryption_costs_six_requests(lab: Lab, tmp_path: Path) -> None:
    fe01, served = inventory_of(lab, tmp_path).hosts["fe01"], lab.host("fe01")
    start = counts(served)
    assert registry.read(WinRMClient(fe01, creds(lab), FAST), ALLOW, NLBSFLAGS).value == 1
    # Negotiate (answered with the challenge), Authenticate, Create, Command, Receive, Delete
    assert spent(served, start) == (6, 1)
    assert served.sealed_messages == 4
    assert served.shells.open_shells == 0


def test_change_over_http_costs_twelve_requests_on_one_connection(lab: Lab, tmp_path: Path) -> None:
    fe02, served = inventory_of(lab, tmp_path).hosts["fe02"], lab.host("fe02")
    start = counts(served)
    assert change(WinRMClient(fe02, creds(lab), FAST), 1) == RegRead(True, "REG_DWORD", 1)
    # 2 to log on, Create, 3 x (Command, Receive), 2 Signals between commands, Delete
    assert spent(served, start) == (12, 1)
    assert served.nlbsflags() == 1 and served.shells.open_shells == 0


def test_delete_and_read_back_share_the_shell(lab: Lab, tmp_path: Path) -> None:
    fe01, served = inventory_of(lab, tmp_path).hosts["fe01"], lab.host("fe01")
    start = counts(served)
    client = WinRMClient(fe01, creds(lab), FAST)
    with client:
        assert registry.read(client, ALLOW, NLBSFLAGS).present
        assert registry.delete(client, ALLOW, NLBSFLAGS) == RegRead(False)
    assert spent(served, start) == (12, 1)
    assert served.nlbsflags() is None


def test_check_and_change_over_https_with_channel_binding(tls_lab: Lab, tmp_path: Path) -> None:
    inv = inventory_of(tls_lab, tmp_path)
    served = tls_lab.host("fe02")
    start = counts(served)
    assert registry.read(WinRMClient(inv.hosts["fe02"], creds(tls_lab), FAST), ALLOW, NLBSFLAGS) is not None
    # Create goes with the Negotiate message and again with Authenticate; then Command, Receive, Delete
    assert spent(served, start) == (5, 1)
    start = counts(served)
    target = 0 if served.nlbsflags() == 1 else 1
    assert change(WinRMClient(inv.hosts["fe02"], creds(tls_lab), FAST), target).value == target
    assert spent(served, start) == (11, 1)


def test_basic_over_https_needs_no_handshake(tls_lab: Lab, tmp_path: Path) -> None:
    fe01 = inventory_of(tls_lab, tmp_path).hosts["fe01"].model_copy(update={"transport": "basic"})
    served = tls_lab.host("fe01")
    start = counts(served)
    assert registry.read(WinRMClient(fe01, creds(tls_lab), FAST), ALLOW, NLBSFLAGS).present
    assert spent(served, start) == (4, 1)


def test_wrong_password_costs_the_handshake_only(lab: Lab, tmp_path: Path) -> None:
    fe01, served = inventory_of(lab, tmp_path).hosts["fe01"], lab.host("fe01")
    start = counts(served)
    with pytest.raises(RemoteError) as err:
        registry.read(WinRMClient(fe01, creds(lab, "wrong-password"), FAST), ALLOW, NLBSFLAGS)
    assert err.value.kind == "auth_failed" and "wrong-password" not in err.value.message
    assert spent(served, start) == (2, 1)


def test_a_failed_command_leaves_the_shell_usable(lab: Lab, tmp_path: Path) -> None:
    lab.host("fe02").faults.deny_writes = True
    client = WinRMClient(inventory_of(lab, tmp_path).hosts["fe02"], creds(lab), FAST)
    with client:
        with pytest.raises(RemoteError) as err:
            registry.write_dword(client, ALLOW, NLBSFLAGS, 1)
        assert err.value.kind == "access_denied"
        assert registry.read(client, ALLOW, NLBSFLAGS) == RegRead(False)
    assert lab.host("fe02").shells.open_shells == 0


def test_unreachable_host_inside_a_session(lab: Lab, tmp_path: Path) -> None:
    lab.host("be01").set_refusing(True)
    client = WinRMClient(inventory_of(lab, tmp_path).hosts["be01"], creds(lab), FAST)
    with pytest.raises(RemoteError) as err, client:
        pass
    assert err.value.kind == "unreachable"


def test_no_proxy_from_the_environment(lab: Lab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A proxy that does not exist: used, it would make the check fail.
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    fe01 = inventory_of(lab, tmp_path).hosts["fe01"]
    assert registry.read(WinRMClient(fe01, creds(lab), FAST), ALLOW, NLBSFLAGS).present


def test_the_inventory_proxy_is_used(lab: Lab, tmp_path: Path) -> None:
    fe01: Host = inventory_of(lab, tmp_path).hosts["fe01"].model_copy(update={"proxy": "http://127.0.0.1:9"})
    with pytest.raises(RemoteError) as err:
        registry.read(WinRMClient(fe01, creds(lab), FAST), ALLOW, NLBSFLAGS)
    assert err.value.kind == "unreachable"
