"""pywinrm, unmodified, against the lab: each transport and each failure."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import winrm
import winrm.exceptions

from remote import registry
from remote.errors import RemoteError
from remote.inventory import Host
from remote.lab import HostSpec, Lab
from remote.regexe import RegRead
from remote.winrm_client import Credentials, Timeouts, WinRMClient, resolve_credentials
from tests.remote.conftest import ALLOW, FAST, NLBSFLAGS, creds, inventory_of


def read(host: Host, credentials: Credentials, timeouts: Timeouts = FAST) -> RegRead:
    return registry.read(WinRMClient(host, credentials, timeouts), ALLOW, NLBSFLAGS)


def failure(host: Host, credentials: Credentials, timeouts: Timeouts = FAST) -> RemoteError:
    with pytest.raises(RemoteError) as err:
        read(host, credentials, timeouts)
    return err.value


def test_ntlm_over_http_encrypts_every_message(lab: Lab, tmp_path: Path) -> None:
    fe01 = inventory_of(lab, tmp_path).hosts["fe01"]
    assert fe01.scheme == "http" and fe01.transport == "ntlm"
    assert read(fe01, creds(lab)) == RegRead(True, "REG_DWORD", 1)
    # Create, Command, Receive, Delete: all sealed with the NTLM session key (no Signal before Delete)
    assert lab.host("fe01").sealed_messages == 4


def test_write_then_read_back_and_delete(lab: Lab, tmp_path: Path) -> None:
    fe02 = inventory_of(lab, tmp_path).hosts["fe02"]
    client = WinRMClient(fe02, creds(lab), FAST)
    assert registry.write_dword(client, ALLOW, NLBSFLAGS, 1) == RegRead(True, "REG_DWORD", 1)
    assert lab.host("fe02").nlbsflags() == 1
    assert registry.delete(client, ALLOW, NLBSFLAGS) == RegRead(False)
    assert lab.host("fe02").nlbsflags() is None


def test_windows_2000_and_vista_styles_both_parse(tmp_path: Path) -> None:
    specs = [HostSpec("old", "windows-2000", nlbsflags=1), HostSpec("new", "windows-2008", nlbsflags=1)]
    with Lab(specs, state_dir=tmp_path / "lab") as lab:
        inv = inventory_of(lab, tmp_path)
        for name in ("old", "new"):
            assert read(inv.hosts[name], creds(lab)) == RegRead(True, "REG_DWORD", 1)


def test_basic_over_https_with_certificate_validation(tls_lab: Lab, tmp_path: Path) -> None:
    fe01 = inventory_of(tls_lab, tmp_path).hosts["fe01"].model_copy(update={"transport": "basic"})
    assert fe01.scheme == "https" and fe01.ca_trust_path
    assert read(fe01, creds(tls_lab)).present


def test_ntlm_over_https_with_channel_binding(tls_lab: Lab, tmp_path: Path) -> None:
    fe01 = inventory_of(tls_lab, tmp_path).hosts["fe01"]
    before = tls_lab.host("fe01").sealed_messages
    assert read(fe01, creds(tls_lab)).present
    assert tls_lab.host("fe01").sealed_messages == before  # TLS protects it; no double encryption


def test_untrusted_certificate_is_a_tls_error(tls_lab: Lab, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    fe01 = inventory_of(tls_lab, tmp_path).hosts["fe01"].model_copy(update={"ca_trust_path": None})
    # An environment CA bundle must not be trusted silently.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tls_lab.cert_path))
    err = failure(fe01, creds(tls_lab))
    assert err.kind == "tls_error"
    assert "ansible_winrm_ca_trust_path" in err.message and "certificate" in err.message


def test_validation_off_when_the_inventory_says_so(tls_lab: Lab, tmp_path: Path) -> None:
    fe01 = inventory_of(tls_lab, tmp_path).hosts["fe01"].model_copy(
        update={"ca_trust_path": None, "cert_validation": "ignore"})
    assert read(fe01, creds(tls_lab)).present


def test_https_client_against_http_listener_is_a_tls_error(lab: Lab, tmp_path: Path) -> None:
    fe01 = inventory_of(lab, tmp_path).hosts["fe01"].model_copy(update={"scheme": "https"})
    assert failure(fe01, creds(lab)).kind == "tls_error"


def test_wrong_password(lab: Lab, tmp_path: Path) -> None:
    err = failure(inventory_of(lab, tmp_path).hosts["fe01"], creds(lab, "not-the-password"))
    assert err.kind == "auth_failed"
    assert "was rejected" in err.message and "not-the-password" not in err.message


def test_host_that_rejects_every_logon(lab: Lab, tmp_path: Path) -> None:
    lab.host("fe01").faults.reject_auth = True
    assert failure(inventory_of(lab, tmp_path).hosts["fe01"], creds(lab)).kind == "auth_failed"


def test_basic_over_http_is_refused_as_windows_does(lab: Lab, tmp_path: Path) -> None:
    fe01 = inventory_of(lab, tmp_path).hosts["fe01"].model_copy(update={"transport": "basic"})
    assert failure(fe01, creds(lab)).kind == "auth_failed"
    lab.host("fe01").faults.allow_unencrypted = True
    assert read(fe01, creds(lab)).present


def test_connection_refused(lab: Lab, tmp_path: Path) -> None:
    lab.host("be01").set_refusing(True)
    err = failure(inventory_of(lab, tmp_path).hosts["be01"], creds(lab))
    assert err.kind == "unreachable"
    assert f"listens on {lab.host('be01').port}" in err.message and "firewall" in err.message
    lab.host("be01").set_refusing(False)
    assert not read(inventory_of(lab, tmp_path).hosts["be01"], creds(lab)).present


def test_nothing_listening_at_all() -> None:
    ghost = Host(name="ghost", address="127.0.0.1", port=9, scheme="http")
    assert failure(ghost, Credentials("u", "p")).kind == "unreachable"


def test_command_past_the_deadline_is_a_timeout(lab: Lab, tmp_path: Path) -> None:
    lab.host("fe01").faults.command_seconds = 30  # Receive answers OperationTimeout until then
    start = time.monotonic()
    err = failure(inventory_of(lab, tmp_path).hosts["fe01"], creds(lab), Timeouts(operation=1, read=3, deadline=2.5))
    assert err.kind == "timeout" and "did not finish" in err.message
    assert time.monotonic() - start < 10


def test_slow_host_is_a_read_timeout(lab: Lab, tmp_path: Path) -> None:
    lab.host("fe01").faults.latency = 3
    err = failure(inventory_of(lab, tmp_path).hosts["fe01"], creds(lab), Timeouts(operation=1, read=2, deadline=5))
    assert err.kind == "timeout" and "did not answer within 2 s" in err.message


def test_access_denied_on_write(lab: Lab, tmp_path: Path) -> None:
    lab.host("fe02").faults.deny_writes = True
    client = WinRMClient(inventory_of(lab, tmp_path).hosts["fe02"], creds(lab), FAST)
    with pytest.raises(RemoteError) as err:
        registry.write_dword(client, ALLOW, NLBSFLAGS, 1)
    assert err.value.kind == "access_denied"
    assert lab.host("fe02").nlbsflags() is None


@pytest.mark.parametrize("action", ["Command", "Receive"])
def test_dropped_connection_mid_command(lab: Lab, tmp_path: Path, action: str) -> None:
    lab.host("fe01").faults.drop_on = action
    err = failure(inventory_of(lab, tmp_path).hosts["fe01"], creds(lab))
    assert err.kind == "unreachable" and "closed the connection" in err.message


def test_malformed_output_is_a_parse_error_with_raw_text(lab: Lab, tmp_path: Path) -> None:
    lab.host("fe01").faults.malformed_output = True
    err = failure(inventory_of(lab, tmp_path).hosts["fe01"], creds(lab))
    assert err.kind == "parse_error" and "garbled" in (err.raw or "")


def test_faults_and_relates_to_seen_by_plain_pywinrm(lab: Lab, tmp_path: Path) -> None:
    endpoint = lab.host("fe01").endpoint
    protocol = winrm.Protocol(endpoint, transport="ntlm", username=lab.username, password=lab.password,
                              ca_trust_path=None)  # type: ignore[arg-type]
    with pytest.raises(winrm.exceptions.WSManFaultError) as err:
        protocol.run_command("NO-SUCH-SHELL", "reg", ["query", "x"])
    assert err.value.wsman_fault_code == 2150858843
    shell = protocol.open_shell()
    protocol.close_shell(shell)  # asserts RelatesTo == MessageID inside pywinrm
    assert lab.host("fe01").shells.open_shells == 0


def test_registry_survives_a_lab_restart(tmp_path: Path) -> None:
    state = tmp_path / "state"
    with Lab(state_dir=state) as lab:
        client = WinRMClient(inventory_of(lab, tmp_path).hosts["fe02"], creds(lab), FAST)
        registry.write_dword(client, ALLOW, NLBSFLAGS, 1)
    with Lab(state_dir=state) as again:
        assert again.host("fe02").nlbsflags() == 1
        assert read(inventory_of(again, tmp_path).hosts["fe02"], creds(again)).value == 1


def test_credentials_never_show() -> None:
    c = Credentials("ops", "s3cret-value")
    assert "s3cret-value" not in repr(c) and "s3cret-value" not in str(c)


def test_credentials_come_from_the_environment_only() -> None:
    host = Host(name="fe01", address="fe01", port=5986, password_env="FE01_PW")
    assert resolve_credentials(host, {"FE01_PW": "x"}, "ops", None).password == "x"
    with pytest.raises(RemoteError) as err:
        resolve_credentials(host, {}, "ops", "default-pw")
    assert err.value.kind == "auth_failed" and "FE01_PW" in err.value.message
    plain = Host(name="fe02", address="fe02", port=5986)
    with pytest.raises(RemoteError, match="OAKLEY_WINRM_PASSWORD"):
        resolve_credentials(plain, {}, "ops", None)


def test_transport_without_its_extra_says_what_to_install() -> None:
    host = Host(name="fe09", address="127.0.0.1", port=9, scheme="http", transport="credssp")
    err = failure(host, Credentials("u", "p"))
    assert err.kind == "auth_failed" and "pywinrm[credssp]" in err.message


def test_one_thread_accepts_for_every_host_and_a_stopped_lab_accepts_nothing(tmp_path: Path) -> None:
    import socket
    import threading

    from remote.lab import fleet_topology

    def listening_threads() -> int:
        return sum(1 for t in threading.enumerate() if t.name.startswith("lab-"))

    before = listening_threads()
    with Lab(fleet_topology(40), state_dir=tmp_path / "lab") as lab:
        inventory = inventory_of(lab, tmp_path)
        assert listening_threads() <= max(before, 1)  # the acceptor, not a thread per host
        for name in ("fe001", "fe020", "fe040"):
            assert read(inventory.hosts[name], creds(lab)).present == (int(name[2:]) % 2 == 0)
        ports = [h.port for h in lab.hosts.values()]
    for port in ports[:5]:
        with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            pass
