"""The Ansible inventory Oakley reads its hosts from (DESIGN.md §4).

YAML (`all` → `children` → groups with `hosts` and `vars`) or INI (parsed in
remote/inventory_ini.py into the same shape), with `group_vars/` and
`host_vars/` beside the file. Group vars are inherited (deeper groups win over
their parents, host vars win over all, the vars directories over the file).
Host names match regardless of case. Targets are resolved only from the
inventory: an unknown name is an error, never a connection attempt.
Passwords never come from the inventory, and a `!vault` value is refused.
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


class _HostIndex(dict[str, Host]):
    """Hosts by name, looked up regardless of case (DNS names are case-insensitive)."""

    def __init__(self, hosts: Iterable[Host]) -> None:
        super().__init__((h.name, h) for h in hosts)
        self._folded = {name.casefold(): name for name in self}

    def canonical(self, name: object) -> str | None:
        return self._folded.get(name.casefold()) if isinstance(name, str) else None

    def __contains__(self, name: object) -> bool:
        return self.canonical(name) is not None

    def __getitem__(self, name: str) -> Host:
        return super().__getitem__(self.canonical(name) or name)

    def get(self, name: str, default: Any = None) -> Any:  # type: ignore[override]
        canonical = self.canonical(name)
        return default if canonical is None else super().__getitem__(canonical)


class Inventory:
    """Hosts in file order, and the groups that name them."""

    def __init__(self, path: Path, hosts: list[Host], groups: dict[str, list[str]]) -> None:
        self.path = path
        self.hosts: dict[str, Host] = _HostIndex(hosts)
        self.groups = groups
        self._groups_folded = {g.casefold(): g for g in groups}

    def __len__(self) -> int:
        return len(self.hosts)

    def resolve(self, targets: Iterable[str]) -> list[Host]:
        """Hosts named by host, group or `all`, in inventory order; names match regardless of case."""
        wanted: set[str] = set()
        unknown: list[str] = []
        index = self.hosts
        assert isinstance(index, _HostIndex)
        for target in targets:
            host = index.canonical(target)
            group = target if target in self.groups else self._groups_folded.get(target.casefold())
            if target.casefold() == "all":
                wanted.update(self.hosts)
            elif host is not None:
                wanted.add(host)
            elif group is not None:
                wanted.update(self.groups[group])
            else:
                unknown.append(target)
        if unknown:
            raise InventoryError(
                f"{self.path}: no host or group named {', '.join(map(repr, unknown))} "
                f"(groups: {', '.join(sorted(self.groups)) or 'none'})"
            )
        return [h for name, h in self.hosts.items() if name in wanted]


class _Vaulted:
    """An Ansible Vault value; the ciphertext is not kept."""

    def __repr__(self) -> str:
        return "<vaulted>"


VAULTED = _Vaulted()


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader plus Ansible's tags: `!vault` becomes a marker, `!unsafe` a plain string."""


_Loader.add_constructor("!vault", lambda loader, node: VAULTED)
_Loader.add_constructor("!unsafe", lambda loader, node: loader.construct_scalar(node))  # type: ignore[arg-type]

_MAX_DEPTH = 64


def _yaml(text: str, where: str) -> Any:
    """YAML as Ansible writes it; an error gives line and column, never the text of the line
    (it may be the line that holds a secret)."""
    if text.lstrip().startswith("$ANSIBLE_VAULT;"):
        raise InventoryError(f"{where}: the file is encrypted with Ansible Vault, which Oakley does not read — keep "
                             "passwords out of it and name each host's password variable with oakley_password_env")
    try:
        return yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = (exc.problem or exc.context or "").split("\n")[0][:120]
        raise InventoryError(f"{where}: not valid YAML{at}: {problem}") from None
    except yaml.YAMLError as exc:
        position = getattr(exc, "position", None)
        at = f" at character {position}" if isinstance(position, int) else ""
        raise InventoryError(f"{where}: not valid YAML{at} ({type(exc).__name__})") from None


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InventoryError(f"{where}: expected a mapping, found {type(value).__name__}")
    return value


def _walk(path: Path, name: str, node: Mapping[str, Any], depth: int, parents: tuple[str, ...],
          groups: dict[str, dict[str, Any]], host_order: list[str], folded: dict[str, str]) -> None:
    where = f"{path}: group {name}"
    if name in parents or depth > _MAX_DEPTH:
        raise InventoryError(f"{where}: is its own ancestor (groups: {' -> '.join((*parents, name))})")
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
            raise InventoryError(f"{path}: host {host[:80]!r}: not a valid host name")
        host = folded.setdefault(host.casefold(), host)  # FE01 and fe01 are one host
        group["hosts"][host] = {**group["hosts"].get(host, {}), **_mapping(host_vars, f"{path}: host {host}")}
        if host not in host_order:
            host_order.append(host)
    for child, child_node in _mapping(node.get("children"), f"{where}: children").items():
        _walk(path, str(child), _mapping(child_node, f"{path}: group {child}"), depth + 1, (*parents, name),
              groups, host_order, folded)


def parse_inventory(text: str, path: Path, *, group_vars: Mapping[str, Mapping[str, Any]] | None = None,
                    host_vars: Mapping[str, Mapping[str, Any]] | None = None, fmt: str | None = None) -> Inventory:
    """An inventory from its text (YAML or INI, as `fmt` says or as the text looks), plus the
    variables of `group_vars/` and `host_vars/` (which win over the file's own, as in Ansible)."""
    fmt = fmt or _sniff(text, path)
    if fmt == "ini":
        from remote.inventory_ini import parse_ini

        data: Mapping[str, Any] = parse_ini(text, path)
    else:
        data = _mapping(_yaml(text, str(path)), str(path))
    if "all" not in data:  # Ansible: top-level groups are children of `all`
        data = {"all": {"children": dict(data)}}
    groups: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    folded: dict[str, str] = {}
    _walk(path, "all", _mapping(data["all"], f"{path}: all"), 0, (), groups, order, folded)
    for gname, variables in (group_vars or {}).items():
        if gname in groups:
            groups[gname]["vars"].update(variables)
    extra_host_vars: dict[str, dict[str, Any]] = {}
    for hname, variables in (host_vars or {}).items():
        canonical = folded.get(hname.casefold())
        if canonical is not None:
            extra_host_vars.setdefault(canonical, {}).update(variables)

    # Every group a host belongs to, directly or through its parents.
    member_of: dict[str, set[str]] = {h: set() for h in order}
    for gname, group in groups.items():
        for host in group["hosts"]:
            member_of[host].update({gname, *group["parents"]})
    group_members: dict[str, list[str]] = {
        g: [h for h in order if g in member_of[h]] for g in groups if g != "all"
    }
    hosts = [_host(path, name, groups, member_of[name], extra_host_vars.get(name, {})) for name in order]
    return Inventory(path, hosts, group_members)


def _sniff(text: str, path: Path) -> str:
    """"ini" or "yaml": by extension, else by the first meaningful line (Ansible's default `hosts` is INI)."""
    suffix = path.suffix.lower()
    if suffix in (".yml", ".yaml", ".json"):
        return "yaml"
    if suffix in (".ini", ".cfg"):
        return "ini"
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";", "---")):
            continue
        if stripped.startswith("[") or ":" not in stripped.split("=")[0] or "=" in stripped.split(":")[0]:
            return "ini"
        return "yaml"
    return "yaml"


def _host(path: Path, name: str, groups: dict[str, dict[str, Any]], member_of: set[str],
          extra: Mapping[str, Any]) -> Host:
    merged: dict[str, Any] = {}
    for gname in sorted(member_of | {"all"}, key=lambda g: (groups[g]["depth"], g)):
        merged.update(groups[gname]["vars"])
    for gname in sorted(member_of, key=lambda g: (groups[g]["depth"], g)):
        merged.update(groups[gname]["hosts"].get(name, {}))
    merged.update(extra)
    where = f"{path}: host {name}"
    vaulted = sorted(k for k, v in merged.items() if v is VAULTED)
    if vaulted:
        raise InventoryError(
            f"{where}: {vaulted[0]} is encrypted with Ansible Vault (!vault), which Oakley does not read — put the "
            "password in an environment variable and name that variable with oakley_password_env"
        )
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


_VARS_SUFFIXES = ("", ".yml", ".yaml", ".json")


def _vars_dir(directory: Path) -> dict[str, dict[str, Any]]:
    """`group_vars/` or `host_vars/`: NAME, NAME.yml|.yaml|.json, or a directory NAME/ of such files."""
    found: dict[str, dict[str, Any]] = {}
    if not directory.is_dir():
        return found
    for entry in sorted(directory.iterdir()):
        if entry.name.startswith("."):
            continue
        files = sorted(f for f in entry.iterdir() if f.is_file() and f.suffix.lower() in _VARS_SUFFIXES
                       and not f.name.startswith(".")) if entry.is_dir() else [entry]
        name = entry.name if entry.is_dir() else entry.name.removesuffix(entry.suffix)
        if not entry.is_dir() and entry.suffix.lower() not in _VARS_SUFFIXES:
            continue
        for file in files:
            try:
                text = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise InventoryError(f"{file}: cannot read ({getattr(exc, 'strerror', None) or 'not UTF-8'})") from None
            found.setdefault(name, {}).update(_mapping(_yaml(text, str(file)), str(file)))
    return found


def load_inventory(path: str | os.PathLike[str]) -> Inventory:
    """An Ansible inventory file (YAML or INI) with the `group_vars/` and `host_vars/` beside it."""
    target = Path(path)
    try:
        text = target.read_text(encoding="utf-8")
    except OSError as exc:
        raise InventoryError(f"{target}: cannot read the inventory ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InventoryError(f"{target}: cannot read the inventory (not UTF-8 text)") from None
    return parse_inventory(text, target, group_vars=_vars_dir(target.parent / "group_vars"),
                           host_vars=_vars_dir(target.parent / "host_vars"))

