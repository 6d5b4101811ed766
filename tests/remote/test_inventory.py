"""Reading Ansible inventories: YAML, INI, group_vars/ and host_vars/."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    with pytest.raises(InventoryError, match="group web: expected a mapping"):
        inv("web: 3\n")
    with pytest.raises(InventoryError, match="not valid YAML"):
        inv("all: [\n")
    with pytest.raises(InventoryError, match="cannot read"):
        load_inventory("/nonexistent/hosts.yml")


def test_top_level_groups_are_children_of_all() -> None:
    inventory = inv("frontends:\n  vars: {oakley_role: front-end}\n  hosts:\n    fe01: {ansible_port: 5985}\n")
    assert [h.name for h in inventory.resolve(["frontends"])] == ["fe01"]
    assert inventory.hosts["fe01"].role == "front-end"


def test_host_names_match_regardless_of_case() -> None:
    inventory = inv(INVENTORY.replace("fe01: {ansible_host: 10.0.0.11}", "FE01: {ansible_host: 10.0.0.11}"))
    assert [h.name for h in inventory.resolve(["fe01", "Be01"])] == ["FE01", "be01"]
    assert "Fe01" in inventory.hosts and inventory.hosts.get("fe01").address == "10.0.0.11"
    assert [h.name for h in inventory.resolve(["FrontEnds"])] == ["FE01", "fe02"]
    merged = inv("all:\n  hosts:\n    FE01: {ansible_port: 1}\n  children:\n    g:\n      hosts:\n"
                 "        fe01: {ansible_port: 2}\n")
    assert len(merged) == 1 and merged.hosts["fe01"].port == 2 and merged.groups["g"] == ["FE01"]


INI = """
# Ansible's default format
loose01 ansible_host=10.0.0.9

[frontends]
fe01 ansible_host=10.0.0.11
fe02 ansible_host=10.0.0.12 oakley_os=windows-2000 oakley_password_env=FE02_PASSWORD ; a comment
fe[03:04].example.com:5985 ansible_winrm_scheme=http

[frontends:vars]
oakley_role=front-end
ansible_winrm_server_cert_validation = ignore

[backends]
be01 ansible_port=5985 ansible_winrm_scheme=http

[backends:vars]
oakley_role=back-end

[exchange:children]
frontends
backends

[exchange:vars]
oakley_os=windows-2003

[all:vars]
ansible_user=EXAMPLE\\oakley
"""


def test_ini_inventory() -> None:
    inventory = parse_inventory(INI, Path("hosts"))
    assert list(inventory.hosts) == ["loose01", "fe01", "fe02", "fe03.example.com", "fe04.example.com", "be01"]
    fe01, fe02, fe03 = (inventory.hosts[n] for n in ("fe01", "fe02", "fe03.example.com"))
    assert (fe01.address, fe01.port, fe01.scheme, fe01.role, fe01.os) == ("10.0.0.11", 5986, "https", "front-end",
                                                                          "windows-2003")
    assert fe01.cert_validation == "ignore" and fe01.user == "EXAMPLE\\oakley"
    assert (fe02.os, fe02.password_env) == ("windows-2000", "FE02_PASSWORD")
    assert (fe03.port, fe03.scheme) == (5985, "http")
    assert inventory.hosts["be01"].port == 5985 and inventory.hosts["be01"].role == "back-end"
    assert [h.name for h in inventory.resolve(["exchange"])] == [
        "fe01", "fe02", "fe03.example.com", "fe04.example.com", "be01"]
    assert inventory.groups["ungrouped"] == ["loose01"] and inventory.hosts["loose01"].role is None


@pytest.mark.parametrize(("text", "says"), [
    ("[frontends\nfe01\n", "line 1: a section is"),
    ("[g]\nfe01 ansible_password=Sup3rS3cret\n", "passwords do not go in the inventory"),
    ("[g:vars]\nSup3rS3cret\n", "line 2: expected name=value"),
    ("[g]\nfe01 ansible_user='Sup3rS3cret\n", "line 2: a quote is not closed"),
    ("[a:children]\nb\n[b:children]\na\n", "its own ancestor"),
    ("[g]\nfe[1:99999]\n", "between 1 and 10000 hosts"),
    ("[g]\nfe01 ansible_connection=ssh\n", "WinRM only"),
])
def test_ini_errors_name_the_line_not_its_text(text: str, says: str) -> None:
    with pytest.raises(InventoryError, match=re.escape(says)) as err:
        parse_inventory(text, Path("hosts.ini"))
    assert "Sup3rS3cret" not in str(err.value)


def test_group_vars_and_host_vars_beside_the_inventory(tmp_path: Path) -> None:
    (tmp_path / "hosts").write_text(INI)
    (tmp_path / "group_vars" / "frontends").mkdir(parents=True)
    (tmp_path / "group_vars" / "frontends" / "winrm.yml").write_text("ansible_winrm_transport: basic\n")
    (tmp_path / "group_vars" / "all.yaml").write_text("ansible_winrm_path: /wsman-all\n")
    (tmp_path / "group_vars" / "backends.yml").write_text("oakley_role: domain-controller\n")
    (tmp_path / "group_vars" / "README.txt").write_text("not vars")
    (tmp_path / "host_vars").mkdir()
    (tmp_path / "host_vars" / "FE01.yml").write_text("ansible_port: 6000\n")
    inventory = load_inventory(tmp_path / "hosts")
    fe01 = inventory.hosts["fe01"]
    assert (fe01.port, fe01.transport, fe01.path) == (6000, "basic", "/wsman-all")
    assert inventory.hosts["be01"].role == "domain-controller"  # group_vars/ win over [backends:vars]
    assert inventory.hosts["fe02"].port == 5986


SECRET_YAML = """all:
  hosts:
    fe01:
      ansible_user: oakley
      ansible_password: "Sup3rS3cret
"""


def test_yaml_errors_give_line_and_column_never_the_line() -> None:
    with pytest.raises(InventoryError) as err:
        inv(SECRET_YAML)
    message = str(err.value)
    assert "Sup3rS3cret" not in message and "ansible_password" not in message
    assert re.search(r"not valid YAML at line \d+, column \d+", message), message
    assert len(message.splitlines()) == 1


@pytest.mark.parametrize("where", ["inline", "group_vars"])
def test_a_vault_value_is_refused_naming_the_variable(tmp_path: Path, where: str) -> None:
    vaulted = ("ansible_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n"
               "  62313365396662343061393464336163383764373764613633653634306231386433626436623361\n")
    if where == "inline":
        (tmp_path / "hosts.yml").write_text("all:\n  hosts:\n    fe01:\n" + "".join(
            "      " + line + "\n" for line in vaulted.splitlines()))
    else:
        (tmp_path / "hosts.yml").write_text("all:\n  hosts:\n    fe01:\n")
        (tmp_path / "host_vars").mkdir()
        (tmp_path / "host_vars" / "fe01.yml").write_text(vaulted)
    with pytest.raises(InventoryError) as err:
        load_inventory(tmp_path / "hosts.yml")
    message = str(err.value)
    assert len(message.splitlines()) == 1 and "6231336539" not in message
    assert "host fe01: ansible_password is encrypted with Ansible Vault (!vault)" in message
    assert "oakley_password_env" in message


def test_a_vault_encrypted_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "hosts.yml").write_text("$ANSIBLE_VAULT;1.1;AES256\n3432\n")
    with pytest.raises(InventoryError, match="encrypted with Ansible Vault"):
        load_inventory(tmp_path / "hosts.yml")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("[]:=#; \n\t'\"abc019_-.!{}"), max_size=400),
       st.sampled_from(["ini", "yaml"]))
def test_any_text_is_an_inventory_or_an_inventory_error(text: str, fmt: str) -> None:
    with contextlib.suppress(InventoryError):
        parse_inventory(text, Path("hosts"), fmt=fmt)
