"""Reading Ansible YAML inventories."""

from __future__ import annotations

from pathlib import Path

import pytest

from remote.errors import InventoryError
from remote.inventory import load_inventory, parse_inventory

INVENTORY = """
all:
  vars:
    ansible_user: EXAMPLE\\oakley
    ansible_winrm_transport: ntlm
  children:
    exchange:
      vars:
        ansible_winrm_scheme: https
        oakley_os: windows-2003
      children:
        frontends:
          vars: {oakley_role: front-end, ansible_winrm_server_cert_validation: ignore}
          hosts:
            fe01: {ansible_host: 10.0.0.11}
            fe02: {ansible_host: 10.0.0.12, oakley_os: windows-2000, oakley_password_env: FE02_PASSWORD}
        backends:
          vars: {oakley_role: back-end, ansible_port: 5985, ansible_winrm_scheme: http}
          hosts:
            be01:
    dcs:
      hosts:
        dc01: {oakley_role: domain-controller, ansible_winrm_transport: basic}
"""


def inv(text: str = INVENTORY):
    return parse_inventory(text, Path("hosts.yml"))


def test_inheritance_and_defaults() -> None:
    i = inv()
    fe01, fe02, be01, dc01 = (i.hosts[n] for n in ("fe01", "fe02", "be01", "dc01"))
    assert fe01.user == "EXAMPLE\\oakley" and fe01.transport == "ntlm"
    assert fe01.os == "windows-2003" and fe01.role == "front-end"
    assert fe01.endpoint == "https://10.0.0.11:5986/wsman" and fe01.cert_validation == "ignore"
    assert fe02.os == "windows-2000" and fe02.password_env == "FE02_PASSWORD"  # host vars win
    assert be01.endpoint == "http://be01:5985/wsman" and be01.cert_validation == "validate"
    assert dc01.transport == "basic" and dc01.scheme == "https" and dc01.port == 5986
    assert fe01.groups == ("exchange", "frontends")


def test_targets_resolve_in_inventory_order() -> None:
    i = inv()
    assert [h.name for h in i.resolve(["all"])] == ["fe01", "fe02", "be01", "dc01"]
    assert [h.name for h in i.resolve(["dc01", "frontends"])] == ["fe01", "fe02", "dc01"]
    assert [h.name for h in i.resolve(["exchange"])] == ["fe01", "fe02", "be01"]


def test_unknown_target_is_an_error_not_a_connection() -> None:
    with pytest.raises(InventoryError, match="no host or group named 'fe99'"):
        inv().resolve(["fe01", "fe99"])


@pytest.mark.parametrize("key", ["ansible_password", "ansible_winrm_password", "ansible_ssh_pass"])
def test_password_in_file_is_refused_with_where_it_goes(key: str) -> None:
    text = INVENTORY.replace("fe01: {ansible_host: 10.0.0.11}", f"fe01: {{ansible_host: 10.0.0.11, {key}: hunter2}}")
    with pytest.raises(InventoryError) as err:
        inv(text)
    message = str(err.value)
    assert "host fe01" in message and key in message and "oakley_password_env" in message
    assert "hunter2" not in message


def test_password_in_group_vars_is_refused_too() -> None:
    with pytest.raises(InventoryError, match="ansible_password"):
        inv(INVENTORY.replace("ansible_winrm_transport: ntlm", "ansible_password: x"))


def test_bad_transport_is_named() -> None:
    with pytest.raises(InventoryError) as err:
        inv(INVENTORY.replace("ansible_winrm_transport: basic", "ansible_winrm_transport: telnet"))
    assert "host dc01: ansible_winrm_transport: 'telnet' is not a transport" in str(err.value)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("oakley_role: back-end,", "host be01: oakley_role"),
        ("ansible_port: 5985", "host be01: ansible_port"),
        ("oakley_os: windows-2003", "host fe01: oakley_os"),
    ],
)
def test_bad_values_name_host_and_field(change: str, expected: str) -> None:
    bad = {"oakley_role: back-end,": "oakley_role: mailbox,", "ansible_port: 5985": "ansible_port: 70000",
           "oakley_os: windows-2003": "oakley_os: solaris"}[change]
    with pytest.raises(InventoryError, match=expected):
        inv(INVENTORY.replace(change, bad))


def test_non_winrm_hosts_and_malformed_files() -> None:
    with pytest.raises(InventoryError, match="WinRM only"):
        inv("all:\n  hosts:\n    web01: {ansible_connection: ssh}\n")
    with pytest.raises(InventoryError, match="starts with 'all:'"):
        inv("web:\n  hosts: {}\n")
    with pytest.raises(InventoryError, match="not valid YAML"):
        inv("all: [\n")
    with pytest.raises(InventoryError, match="cannot read"):
        load_inventory("/nonexistent/hosts.yml")
