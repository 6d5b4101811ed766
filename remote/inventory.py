"""The Ansible YAML inventory Oakley reads its hosts from (DESIGN.md §4).

`all` → `children` → groups with `hosts` and `vars`; group vars are inherited
(deeper groups win over their parents, host vars win over all). Targets are
resolved only from this file: an unknown name is an error, never a
connection attempt. Passwords never come from the file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from remote.errors import InventoryError

Transport = Literal["ntlm", "basic", "kerberos", "credssp", "certificate"]
Role = Literal["front-end", "back-end", "domain-controller"]
PASSWORD_KEYS = frozenset({
    "ansible_password", "ansible_winrm_password", "ansible_pass", "ansible_ssh_pass",
    "ansible_become_password", "ansible_become_pass",
})
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,252}$")
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# inventory variable -> Host field
_FIELDS = {
    "ansible_host": "address",
    "ansible_port": "port",
    "ansible_user": "user",
    "ansible_winrm_scheme": "scheme",
    "ansible_winrm_transport": "transport",
    "ansible_winrm_server_cert_validation": "cert_validation",
    "ansible_winrm_ca_trust_path": "ca_trust_path",
    "ansible_winrm_path": "path",
    "ansible_winrm_proxy": "proxy",
    "ansible_winrm_cert_pem": "cert_pem",
    "ansible_winrm_cert_key_pem": "cert_key_pem",
    "oakley_role": "role",
    "oakley_os": "os",
    "oakley_password_env": "password_env",
}


class Host(BaseModel):
    """One host as Oakley connects to it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    address: str
    port: int = Field(ge=1, le=65535)
    user: str | None = None
    scheme: Literal["http", "https"] = "https"
    transport: Transport = "ntlm"
    cert_validation: Literal["validate", "ignore"] = "validate"
    ca_trust_path: str | None = None
    path: str = "/wsman"
    proxy: str | None = None  # http(s)://host:port; never taken from the environment
    cert_pem: str | None = None
    cert_key_pem: str | None = None
    role: Role | None = None
    os: str | None = None
    password_env: str | None = None
    groups: tuple[str, ...] = ()

    @field_validator("os")
    @classmethod
    def _os(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"windows-[a-z0-9.-]+", value):
            raise ValueError("must look like 'windows-2003' or 'windows-2000'")
        return value

    @field_validator("password_env")
    @classmethod
    def _env_name(cls, value: str | None) -> str | None:
        if value is not None and not _ENV_NAME.fullmatch(value):
            raise ValueError("must be the name of an environment variable")
        return value

    @field_validator("proxy")
    @classmethod
    def _proxy(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"(https?|socks5h?)://[^\s/@]+(:\d{1,5})?/?", value):
            raise ValueError("must look like 'http://proxy.example:3128' (no credentials in the inventory)")
        return value

    @field_validator("path")
    @classmethod
    def _path(cls, value: str) -> str:
        if not value.startswith("/"):
            raise ValueError("must start with '/'")
        return value

    @property
    def endpoint(self) -> str:
        address = f"[{self.address}]" if ":" in self.address else self.address
        return f"{self.scheme}://{address}:{self.port}{self.path}"


class Inventory:
    """Hosts in file order, and the groups that name them."""

    def __init__(self, path: Path, hosts: list[Host], groups: dict[str, list[str]]) -> None:
        self.path = path
        self.hosts = {h.name: h for h in hosts}
        self.groups = groups

    def __len__(self) -> int:
        return len(self.hosts)

    def resolve(self, targets: Iterable[str]) -> list[Host]:
        """Hosts named by host, group or `all`, in inventory order."""
        wanted: set[str] = set()
        unknown: list[str] = []
        for target in targets:
            if target == "all":
                wanted.update(self.hosts)
            elif target in self.hosts:
                wanted.add(target)
            elif target in self.groups:
                wanted.update(self.groups[target])
            else:
                unknown.append(target)
        if unknown:
            raise InventoryError(
                f"{self.path}: no host or group named {', '.join(map(repr, unknown))} "
                f"(groups: {', '.join(sorted(self.groups)) or 'none'})"
            )
        return [h for name, h in self.hosts.items() if name in wanted]


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InventoryError(f"{where}: expected a mapping, found {type(value).__name__}")
    return value


def _walk(path: Path, name: str, node: Mapping[str, Any], depth: int, parents: tuple[str, ...],
          groups: dict[str, dict[str, Any]], host_order: list[str]) -> None:
    where = f"{path}: group {name}"
    unknown = set(node) - {"hosts", "vars", "children"}
    if unknown:
        raise InventoryError(f"{where}: unexpected key {sorted(unknown)[0]!r} (expected hosts, vars, children)")
    group = groups.setdefault(name, {"depth": depth, "vars": {}, "hosts": {}, "parents": set()})
    group["depth"] = max(group["depth"], depth)
    group["parents"].update(parents)
    group["vars"].update(_mapping(node.get("vars"), f"{where}: vars"))
    for host, host_vars in _mapping(node.get("hosts"), f"{where}: hosts").items():
        host = str(host)
        if not _NAME.fullmatch(host):
            raise InventoryError(f"{path}: host {host!r}: not a valid host name")
        group["hosts"][host] = {**group["hosts"].get(host, {}), **_mapping(host_vars, f"{path}: host {host}")}
        if host not in host_order:
            host_order.append(host)
    for child, child_node in _mapping(node.get("children"), f"{where}: children").items():
        _walk(path, str(child), _mapping(child_node, f"{path}: group {child}"), depth + 1, (*parents, name),
              groups, host_order)


def parse_inventory(text: str, path: Path) -> Inventory:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InventoryError(f"{path}: not valid YAML: {exc}") from None
    data = _mapping(data, str(path))
    if "all" not in data:
        raise InventoryError(f"{path}: an Ansible YAML inventory starts with 'all:'")
    groups: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    _walk(path, "all", _mapping(data["all"], f"{path}: all"), 0, (), groups, order)

    # Every group a host belongs to, directly or through its parents.
    member_of: dict[str, set[str]] = {h: set() for h in order}
    for gname, group in groups.items():
        for host in group["hosts"]:
            member_of[host].update({gname, *group["parents"]})
    group_members: dict[str, list[str]] = {
        g: [h for h in order if g in member_of[h]] for g in groups if g != "all"
    }
    hosts = [_host(path, name, groups, member_of[name]) for name in order]
    return Inventory(path, hosts, group_members)


def _host(path: Path, name: str, groups: dict[str, dict[str, Any]], member_of: set[str]) -> Host:
    merged: dict[str, Any] = {}
    for gname in sorted(member_of | {"all"}, key=lambda g: (groups[g]["depth"], g)):
        merged.update(groups[gname]["vars"])
    for gname in sorted(member_of, key=lambda g: (groups[g]["depth"], g)):
        merged.update(groups[gname]["hosts"].get(name, {}))
    where = f"{path}: host {name}"
    secret = sorted(PASSWORD_KEYS & merged.keys())
    if secret:
        raise InventoryError(
            f"{where}: {secret[0]}: passwords do not go in the inventory — put the password in an environment "
            "variable and name that variable with oakley_password_env (or set OAKLEY_WINRM_PASSWORD for all hosts)"
        )
    connection = merged.get("ansible_connection", "winrm")
    if connection != "winrm":
        raise InventoryError(f"{where}: ansible_connection: is {connection!r}; Oakley reaches hosts over WinRM only")
    fields: dict[str, Any] = {"name": name, "address": str(merged.get("ansible_host", name)),
                              "groups": tuple(sorted(member_of - {"all"}))}
    for var, field in _FIELDS.items():
        if var in merged and var != "ansible_host":
            fields[field] = merged[var]
    if isinstance(fields.get("ca_trust_path"), str):
        fields["ca_trust_path"] = os.path.expanduser(fields["ca_trust_path"])
    fields.setdefault("port", 5985 if fields.get("scheme") == "http" else 5986)
    try:
        return Host(**fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else "?"
        var = next((v for v, f in _FIELDS.items() if f == field), field)
        detail = err["msg"]
        if field == "transport":
            detail = (f"{merged.get(var)!r} is not a transport Oakley knows "
                      "(use ntlm, basic, kerberos, credssp or certificate)")
        raise InventoryError(f"{where}: {var}: {detail}") from None


def load_inventory(path: str | os.PathLike[str]) -> Inventory:
    target = Path(path)
    try:
        text = target.read_text(encoding="utf-8")
    except OSError as exc:
        raise InventoryError(f"{target}: cannot read the inventory ({exc.strerror})") from None
    return parse_inventory(text, target)

