"""The lab: simulated Windows hosts that pywinrm talks to unmodified.

Each host has its own listener, registry (kept in a state file, so a lab
restarted keeps its values), Windows version (which decides reg.exe's output
style and what `CurrentVersion`/`ProductName` say), role, and fault settings.
A host can run another Windows than its inventory entry says
(`HostSpec.inventory_os`), and a running lab takes out-of-band changes from
the `oakley lab set` control (remote/lab/control.py). The default topology mirrors KB 821839:
two Windows Server 2003 front-ends, a Windows 2000 front-end, two back-end
cluster nodes and a domain controller.
"""

from __future__ import annotations

import atexit
import json
import os
import secrets
import ssl
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from spnego._ntlm_raw.crypto import lmowfv1, ntowfv1

from remote.lab.certs import channel_binding_hash, ensure_certificate
from remote.lab.regsim import Output, RegExe, Registry, Value
from remote.lab.server import Listener, check_secret
from remote.lab.wsman import Shells

OAKLEY_KEY = r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\PolicyAgent\Oakley"
WINDOWS_KEY = r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion"
#: what each Windows writes in WINDOWS_KEY: CurrentVersion, ProductName
WINDOWS_VERSIONS = {
    "windows-2000": ("5.0", "Microsoft Windows 2000"),
    "windows-2003": ("5.2", "Microsoft Windows Server 2003"),
    "windows-2008": ("6.0", "Windows Server (R) 2008 Standard"),
    "windows-2008-r2": ("6.1", "Windows Server 2008 R2 Standard"),
    "windows-2012": ("6.2", "Windows Server 2012 Standard"),
    "windows-2012-r2": ("6.3", "Windows Server 2012 R2 Standard"),
    "windows-2016": ("6.3", "Windows Server 2016 Standard"),
    "windows-2019": ("6.3", "Windows Server 2019 Standard"),
    "windows-2022": ("6.3", "Windows Server 2022 Standard"),
}
LEGACY_OS = frozenset({"windows-2000", "windows-2003"})
GROUPS = {"front-end": "frontends", "back-end": "backends", "domain-controller": "domain_controllers"}


@dataclass
class Faults:
    """What can go wrong on a host; change them while the lab runs."""

    latency: float = 0.0              # seconds added to every request
    reject_auth: bool = False         # every logon fails, as with a wrong password
    refuse_connections: bool = False  # nothing listens on the port
    deny_writes: bool = False         # reg add/delete: Access is denied
    command_seconds: float = 0.0      # how long each command runs (OperationTimeout past it)
    drop_on: str | None = None        # "Command" or "Receive": connection closed instead of a reply
    allow_unencrypted: bool = False   # Windows' AllowUnencrypted: Basic and plain SOAP over HTTP
    malformed_output: bool = False    # reg.exe prints something unparseable and exits 0
    os_read: str | None = None        # reading WINDOWS_KEY: "denied" (Access is denied) or "malformed"
    drop_after_write: bool = False    # reg add/delete is applied, then the connection closes unanswered
    down_after_write: bool = False    # after applying a write the host stops accepting connections


@dataclass
class HostSpec:
    name: str
    os: str = "windows-2003"
    role: str = "front-end"
    nlbsflags: int | None = None
    faults: Faults = field(default_factory=Faults)
    inventory_os: str | None = None  # what the inventory says it runs, when that is wrong (default: `os`)


def default_topology() -> list[HostSpec]:
    return [
        HostSpec("fe01", "windows-2003", "front-end", nlbsflags=1),
        HostSpec("fe02", "windows-2003", "front-end"),
        HostSpec("fe03", "windows-2000", "front-end"),
        HostSpec("be01", "windows-2003", "back-end"),
        HostSpec("be02", "windows-2003", "back-end"),
        HostSpec("dc01", "windows-2003", "domain-controller"),
    ]


def fleet_topology(count: int) -> list[HostSpec]:
    """A larger fleet of Windows Server 2003 front-ends, half already set."""
    return [HostSpec(f"fe{i:03d}", nlbsflags=1 if i % 2 == 0 else None) for i in range(1, count + 1)]


class _UserFile:
    """pyspnego's NTLM acceptor reads users from the file in NTLM_USER_FILE;
    one such file serves every lab in this process.

    Each user is written in the smbpasswd form (`USER:UID:LM_HASH:NT_HASH:FLAGS:LCT`)
    that pyspnego also reads, with the hashes derived once here: in the
    `DOMAIN:USER:PASSWORD` form pyspnego derives them (pure-Python DES and
    MD4) again at every logon, the lab's largest cost per check. The acceptor
    verifies the client's response against the same NT hash either way.
    """

    def __init__(self) -> None:
        self._users: dict[str, tuple[bytes, bytes]] = {}
        self._lock = threading.Lock()
        self._path: str | None = None

    def _write(self) -> None:
        if self._path is None:
            fd, self._path = tempfile.mkstemp(prefix="oakley-lab-ntlm-")
            os.close(fd)
            atexit.register(lambda p=self._path: os.path.exists(p) and os.unlink(p))
        with open(self._path, "w", encoding="utf-8") as fh:
            fh.writelines(f"{u}:1000:{lm.hex().upper()}:{nt.hex().upper()}:[U]:LCT-00000000\n"
                          for u, (lm, nt) in self._users.items())
        os.environ["NTLM_USER_FILE"] = self._path

    def add(self, user: str, password: str) -> None:
        with self._lock:
            self._users[user] = (lmowfv1(password), ntowfv1(password))
            self._write()

    def remove(self, user: str) -> None:
        with self._lock:
            self._users.pop(user, None)
            self._write()


_USERS = _UserFile()


class LabHost:
    """One simulated Windows host."""

    def __init__(self, lab: Lab, spec: HostSpec, registry: Registry) -> None:
        self.lab = lab
        self.name = spec.name
        self.os = spec.os
        self.inventory_os = spec.inventory_os or spec.os
        self.role = spec.role
        self.faults = spec.faults
        self.registry = registry
        self.path = "/wsman"
        self.port = 0
        self.requests = 0
        self.sealed_messages = 0  # SOAP messages that arrived encrypted
        self.connections = 0  # TCP connections accepted (NTLM authenticates each one)
        self._count_lock = threading.Lock()
        self.shells = Shells(spec.name.upper(), self._execute, lambda: self.faults.command_seconds)
        self._local = threading.local()
        self.listener: Listener | None = None

    @property
    def endpoint(self) -> str:
        return f"{self.lab.scheme}://{self.lab.address}:{self.port}{self.path}"

    def count_request(self, sealed: bool = False) -> None:
        with self._count_lock:
            if sealed:
                self.sealed_messages += 1
            else:
                self.requests += 1

    def count_connection(self) -> None:
        with self._count_lock:
            self.connections += 1

    def latency(self) -> float:
        return self.lab.latency + self.faults.latency

    def check_password(self, user: str, password: str) -> bool:
        return self.accepts_user(user) and check_secret(self.lab.password, password)

    def accepts_user(self, principal: str | None) -> bool:
        return (principal or "").rsplit("\\", 1)[-1].lower() == self.lab.username.lower()

    def nlbsflags(self) -> int | None:
        """The lab's view of the value (tests compare it with what Oakley read)."""
        value = self.registry.get(OAKLEY_KEY, "NLBSFlags")
        return None if value is None else int(value.data)

    def value(self) -> Value | None:
        """NLBSFlags with its type, whatever the type."""
        return self.registry.get(OAKLEY_KEY, "NLBSFlags")

    def set_value(self, type_: str, data: int | str) -> None:
        """Change NLBSFlags out of band, with any type: REG_SZ "1", REG_BINARY "01000000"…"""
        self.registry.set(OAKLEY_KEY, Value("NLBSFlags", type_, data))
        self.lab.save()

    def take_drop(self) -> bool:
        """Whether the reply to the request just handled on this thread must be dropped."""
        drop = getattr(self._local, "drop", False)
        self._local.drop = False
        return drop

    def set_nlbsflags(self, data: int | None) -> None:
        if data is None:
            self.registry.delete(OAKLEY_KEY, "NLBSFlags")
        else:
            self.registry.set(OAKLEY_KEY, Value("NLBSFlags", "REG_DWORD", data))
        self.lab.save()

    def set_os(self, os_name: str) -> None:
        """Make the host run another Windows (its reg.exe style and version values), the inventory unchanged."""
        if os_name not in WINDOWS_VERSIONS:
            raise ValueError(f"the lab knows no {os_name!r}; one of {', '.join(WINDOWS_VERSIONS)}")
        self.os = os_name
        version, product = WINDOWS_VERSIONS[os_name]
        self.registry.set(WINDOWS_KEY, Value("CurrentVersion", "REG_SZ", version))
        self.registry.set(WINDOWS_KEY, Value("ProductName", "REG_SZ", product))
        self.lab.save()

    def set_refusing(self, refuse: bool) -> None:
        self.faults.refuse_connections = refuse
        if self.listener is not None:
            self.listener.set_refusing(refuse)

    def _execute(self, command: str, arguments: str) -> Output:
        if self.faults.malformed_output:
            return Output(0, b"\r\nHKEY_LOCAL_MACHINE\\SYSTEM\r\n<<garbled output>>\r\n", b"")
        reg = RegExe(legacy=self.os in LEGACY_OS, deny_writes=self.faults.deny_writes)
        if self.faults.os_read and "windows nt" in arguments.lower():
            if self.faults.os_read == "denied":
                return reg.denied()
            return Output(0, b"\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\r\n<<garbled output>>\r\n", b"")
        result = reg.run(self.registry, command, arguments)
        action = arguments.split(maxsplit=1)[0].lower() if arguments.strip() else ""
        if result.exit_code == 0 and action in ("add", "delete"):
            self.lab.save()
            self._local.drop = self.faults.drop_after_write
            if self.faults.down_after_write:
                self.set_refusing(True)
        return result


class Lab:
    """A set of simulated hosts; a context manager for tests and `oakley lab`."""

    def __init__(
        self,
        hosts: list[HostSpec] | None = None,
        *,
        latency: float = 0.0,
        tls: bool = False,
        state_dir: str | os.PathLike[str] | None = None,
        username: str | None = None,
        password: str | None = None,
        address: str = "127.0.0.1",
        control: bool = False,
    ) -> None:
        """`control`: answer `oakley lab set` requests left in STATE_DIR/control (remote/lab/control.py)."""
        self.specs = hosts if hosts is not None else default_topology()
        self.latency = latency
        self.tls = tls
        self.address = address
        self.state_dir = Path(state_dir) if state_dir is not None else Path(tempfile.mkdtemp(prefix="oakley-lab-"))
        self.username = username or f"lab-{secrets.token_hex(3)}"
        self.password = password or secrets.token_urlsafe(18)
        self.hosts: dict[str, LabHost] = {}
        self._save_lock = threading.Lock()
        self.cert_path: Path | None = None
        self.control = control
        self._control: Any = None

    @property
    def scheme(self) -> str:
        return "https" if self.tls else "http"

    @property
    def state_file(self) -> Path:
        return self.state_dir / "lab-state.json"

    def host(self, name: str) -> LabHost:
        return self.hosts[name]

    def start(self) -> Lab:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        saved = self._load_state()
        tls_context, cbt = None, None
        if self.tls:
            self.cert_path, key_path = ensure_certificate(
                self.state_dir, [s.name for s in self.specs], [self.address, "127.0.0.1"]
            )
            tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            tls_context.load_cert_chain(self.cert_path, key_path)
            cbt = channel_binding_hash(self.cert_path)
        _USERS.add(self.username, self.password)
        for spec in self.specs:
            if spec.name in saved:
                registry = Registry.from_json(saved[spec.name]["registry"])
                port = int(saved[spec.name].get("port", 0))
            else:
                registry = Registry()
                if spec.nlbsflags is not None:
                    registry.set(OAKLEY_KEY, Value("NLBSFlags", "REG_DWORD", spec.nlbsflags))
                port = 0
            for name, data in zip(("CurrentVersion", "ProductName"), WINDOWS_VERSIONS.get(spec.os, ()), strict=False):
                registry.set(WINDOWS_KEY, Value(name, "REG_SZ", data))  # what the host runs, on every start
            host = LabHost(self, spec, registry)
            host.listener = Listener(host, self.address, port, tls_context, cbt)
            try:
                host.port = host.listener.start()
            except OSError:  # the saved port is taken now: take any
                host.listener.port = 0
                host.port = host.listener.start()
            self.hosts[spec.name] = host
        self.save()
        if self.control:
            from remote.lab.control import ControlWatcher

            self._control = ControlWatcher(self).start()
        return self

    def stop(self) -> None:
        if self._control is not None:
            self._control.stop()
            self._control = None
        listeners = [h.listener for h in self.hosts.values() if h.listener is not None]
        with ThreadPoolExecutor(max_workers=32) as pool:
            list(pool.map(lambda listener: listener.stop(), listeners))
        _USERS.remove(self.username)

    def __enter__(self) -> Lab:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _load_state(self) -> dict[str, Any]:
        try:
            return json.loads(self.state_file.read_text(encoding="utf-8")).get("hosts", {})
        except (OSError, ValueError):
            return {}

    def save(self) -> None:
        """Persist registries (never credentials) so a restarted lab keeps them."""
        with self._save_lock:
            state = {"hosts": {n: {"port": h.port, "registry": h.registry.to_json()} for n, h in self.hosts.items()}}
            tmp = self.state_file.with_suffix(".tmp")
            tmp.write_text(json.dumps(state, indent=1), encoding="utf-8")
            os.replace(tmp, self.state_file)

    def inventory(self) -> dict[str, Any]:
        """An Ansible YAML inventory for these hosts (no password in it)."""
        groups: dict[str, dict[str, Any]] = {}
        for host in self.hosts.values():
            name = GROUPS.get(host.role, "others")
            group = groups.setdefault(name, {"hosts": {}, "vars": {"oakley_role": host.role}})
            group["hosts"][host.name] = {"ansible_host": self.address, "ansible_port": host.port,
                                         "oakley_os": host.inventory_os}
        common: dict[str, Any] = {
            "ansible_connection": "winrm",
            "ansible_user": self.username,
            "ansible_winrm_scheme": self.scheme,
            "ansible_winrm_transport": "ntlm",
        }
        if self.tls and self.cert_path is not None:
            common["ansible_winrm_server_cert_validation"] = "validate"
            common["ansible_winrm_ca_trust_path"] = str(self.cert_path)
        return {"all": {"vars": common, "children": groups}}

    def write_inventory(self, path: str | os.PathLike[str]) -> Path:
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("# Written by `oakley lab`; the password is in OAKLEY_WINRM_PASSWORD, not here.\n"
                          + yaml.safe_dump(self.inventory(), sort_keys=False), encoding="utf-8")
        return target
