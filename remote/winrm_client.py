"""Running one command on one host through pywinrm's cmd shell.

A thin layer over `winrm.Protocol` that adds what pywinrm leaves to its
callers: certificate validation that does not silently inherit
`REQUESTS_CA_BUNDLE`, no proxy from the environment, a deadline (pywinrm
retries OperationTimeout forever), and every failure turned into a
`RemoteError` whose message tells a person what to check — without ever
carrying the credential.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import time
from collections.abc import Callable
from typing import NamedTuple

import requests
import winrm
import winrm.exceptions

from remote.errors import MissingCredentials, RemoteError
from remote.inventory import Host
from remote.regexe import RegCommand
from remote.winrm_transport import LeanProtocol, LeanTransport


class Credentials:
    """A user name and password; the password never shows in repr or str."""

    __slots__ = ("_password", "username")

    def __init__(self, username: str, password: str) -> None:
        self.username = username
        self._password = password

    @property
    def password(self) -> str:
        return self._password

    def __repr__(self) -> str:
        return f"Credentials(username={self.username!r}, password='***')"

    __str__ = __repr__


class Timeouts(NamedTuple):
    """Seconds: one WS-Man operation, one HTTP read, and the whole command."""

    operation: int = 20
    read: int = 30
    deadline: float = 60.0


DEFAULT_TIMEOUTS = Timeouts()

#: told (action, seconds, error kind or None) after every command — how bot.metrics sees WinRM
OBSERVERS: list[Callable[[str, float, str | None], None]] = []


class _Shell:
    """An open shell: the protocol (one session, one connection) and the shell's id."""

    __slots__ = ("protocol", "shell_id", "unacknowledged")

    def __init__(self, protocol: winrm.Protocol, shell_id: str) -> None:
        self.protocol = protocol
        self.shell_id = shell_id
        self.unacknowledged: str | None = None  # a finished command not yet sent Terminate


class CommandOutput(NamedTuple):
    exit_code: int
    stdout: bytes
    stderr: bytes


def resolve_credentials(host: Host, environ: dict[str, str] | os._Environ[str],
                        default_user: str | None, default_password: str | None) -> Credentials:
    """The host's user, and its password from the environment (never the inventory)."""
    user = host.user or default_user
    if host.password_env:
        password = environ.get(host.password_env)
        source = host.password_env
    else:
        password, source = default_password, "OAKLEY_WINRM_PASSWORD"
    if host.transport == "certificate":
        return Credentials(user or "", password or "")
    if not user:
        raise MissingCredentials(f"no user for {host.name}: set ansible_user in the inventory "
                          "or OAKLEY_WINRM_USERNAME")
    if not password:
        raise MissingCredentials(f"no password for {host.name}: set {source} in the environment")
    return Credentials(user, password)


class WinRMClient:
    """Runs reg.exe commands on one host.

    Used as a context manager, the client logs on and opens one shell, and
    every command run inside the `with` block goes through that shell over
    that connection; the shell is deleted once at the end. Outside a `with`
    block, `run` opens and closes a shell for the one command.
    """

    def __init__(self, host: Host, credentials: Credentials, timeouts: Timeouts = DEFAULT_TIMEOUTS) -> None:
        if timeouts.operation >= timeouts.read:
            raise ValueError("the read timeout must exceed the operation timeout")
        self.host = host
        self.credentials = credentials
        self.timeouts = timeouts
        self._shell: _Shell | None = None

    def _protocol(self) -> winrm.Protocol:
        h = self.host
        protocol = LeanProtocol(
            endpoint=h.endpoint,
            transport=h.transport,
            username=self.credentials.username or None,
            password=self.credentials.password or None,
            server_cert_validation=h.cert_validation,
            # None: use the CA bundle requests ships, not REQUESTS_CA_BUNDLE.
            ca_trust_path=h.ca_trust_path,  # type: ignore[arg-type]
            cert_pem=h.cert_pem,
            cert_key_pem=h.cert_key_pem,
            read_timeout_sec=self.timeouts.read,
            operation_timeout_sec=self.timeouts.operation,
            message_encryption="auto",
            proxy=None,
        )
        old = protocol.transport
        protocol.transport = LeanTransport(
            endpoint=old.endpoint, username=old.username, password=old.password, realm=old.realm,
            service=old.service, keytab=old.keytab, ca_trust_path=old.ca_trust_path, cert_pem=old.cert_pem,
            cert_key_pem=old.cert_key_pem, read_timeout_sec=old.read_timeout_sec,
            server_cert_validation=old.server_cert_validation, kerberos_delegation=old.kerberos_delegation,
            kerberos_hostname_override=old.kerberos_hostname_override, auth_method=old.auth_method,
            message_encryption=old.message_encryption, send_cbt=old.send_cbt, proxy=None,
            proxies={"http": h.proxy, "https": h.proxy} if h.proxy else None,
        )
        return protocol

    def __enter__(self) -> WinRMClient:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self) -> None:
        """Log on and create the shell that the following commands share."""
        if self._shell is not None:
            return
        try:
            protocol = self._protocol()
        except (winrm.exceptions.WinRMError, ValueError) as exc:
            raise self._scrub(RemoteError("auth_failed", f"cannot set up WinRM for {self.host.name}: {exc}")) from None
        try:
            shell_id = protocol.open_shell()
        except Exception as exc:
            self._quietly(protocol.transport.close_session)
            raise self._failure(exc) from None
        self._shell = _Shell(protocol, shell_id)

    def close(self) -> None:
        """Delete the shell and close the connection.

        No Signal/Terminate for the last command first: deleting a shell ends
        the commands in it and frees their resources (MS-WSMV 3.1.4.4.1,
        "Remote Shells": any commands in progress SHOULD be immediately
        terminated and all resources for the Shell SHOULD be freed).
        """
        shell, self._shell = self._shell, None
        if shell is not None:
            self._quietly(lambda: shell.protocol.close_shell(shell.shell_id, close_session=True))
            self._quietly(shell.protocol.transport.close_session)

    def run(self, command: RegCommand) -> CommandOutput:
        """Run one command and wait for its exit code, within the deadline."""
        started, kind = time.monotonic(), None
        try:
            return self._run(command)
        except RemoteError as exc:
            kind = exc.kind
            raise
        finally:
            for observe in OBSERVERS:
                observe(command.action, time.monotonic() - started, kind)

    def _run(self, command: RegCommand) -> CommandOutput:
        if self._shell is None:  # one command: a shell of its own
            with self:
                return self._run(command)
        shell = self._shell
        deadline = time.monotonic() + self.timeouts.deadline
        protocol, shell_id = shell.protocol, shell.shell_id
        try:
            if shell.unacknowledged is not None:
                # MS-WSMV 2.2.4.38: the client MUST send Terminate for a finished
                # command before a new command can be executed in the shell.
                previous, shell.unacknowledged = shell.unacknowledged, None
                protocol.cleanup_command(shell_id, previous)
            command_id = protocol.run_command(shell_id, command.command, command.arguments)
            out: list[bytes] = []
            err: list[bytes] = []
            while True:
                if time.monotonic() > deadline:
                    shell.unacknowledged = command_id
                    raise RemoteError("timeout", f"{self.host.name} did not finish the command within "
                                      f"{self.timeouts.deadline:g} s — the host may be overloaded")
                try:
                    stdout, stderr, code, done = protocol.get_command_output_raw(shell_id, command_id)
                except winrm.exceptions.WinRMOperationTimeoutError:
                    continue  # still running; the deadline above bounds the wait
                out.append(stdout)
                err.append(stderr)
                if done:
                    break
            shell.unacknowledged = command_id
            return CommandOutput(code, b"".join(out), b"".join(err))
        except RemoteError as exc:
            raise self._scrub(exc) from None
        except Exception as exc:
            raise self._failure(exc) from None

    def _failure(self, exc: Exception) -> RemoteError:
        return self._scrub(exc if isinstance(exc, RemoteError) else self._translate(exc))

    @staticmethod
    def _quietly(action: Callable[[], object]) -> None:
        with contextlib.suppress(Exception):  # clean-up must not hide the result
            action()

    def _scrub(self, error: RemoteError) -> RemoteError:
        secret = self.credentials.password
        if secret and len(secret) >= 3:
            error.message = error.message.replace(secret, "***")
            error.args = (error.message,)
            if error.raw:
                error.raw = error.raw.replace(secret, "***")
        return error

    def _translate(self, exc: Exception) -> RemoteError:
        h = self.host
        at = f"{h.address}:{h.port}"
        if isinstance(exc, winrm.exceptions.InvalidCredentialsError):
            user = self.credentials.username or "the configured user"
            return RemoteError("auth_failed", f"the password for {user} on {h.name} was rejected — check "
                               f"{h.password_env or 'OAKLEY_WINRM_PASSWORD'} and that the account may use WinRM")
        if isinstance(exc, requests.exceptions.SSLError):
            reason = _ssl_reason(exc)
            return RemoteError("tls_error", f"the TLS connection to {h.name} ({at}) failed: {reason} — set "
                               "ansible_winrm_ca_trust_path to the CA that signed its certificate (or check that "
                               "the port speaks HTTPS)")
        if isinstance(exc, requests.exceptions.ConnectTimeout | requests.exceptions.ReadTimeout):
            return RemoteError("timeout", f"{h.name} ({at}) did not answer within {self.timeouts.read} s — "
                               "check that the host is up and WinRM is responsive")
        if isinstance(exc, requests.exceptions.ConnectionError):
            if _dropped(exc):
                return RemoteError("unreachable", f"{h.name} ({at}) closed the connection before answering — "
                                   "check the WinRM service there; the command's outcome is unknown")
            return RemoteError("unreachable", f"could not connect to {h.name} at {at} — check that WinRM listens "
                               f"on {h.port} ({h.scheme.upper()}) and the firewall allows it")
        if isinstance(exc, winrm.exceptions.WinRMOperationTimeoutError):
            return RemoteError("timeout", f"{h.name} did not finish the command in time")
        if isinstance(exc, winrm.exceptions.WSManFaultError):
            if exc.wsman_fault_code == 5 or "access is denied" in (exc.reason or "").lower():
                return RemoteError("access_denied", f"{h.name} denied access to WinRM: {exc.reason}",
                                   raw=exc.response)
            return RemoteError("command_failed", f"WinRM on {h.name} refused the operation: {exc.reason}",
                               raw=exc.response)
        if isinstance(exc, winrm.exceptions.WinRMTransportError):
            return RemoteError("command_failed", f"WinRM on {h.name} answered HTTP {exc.code}",
                               raw=exc.response_text)
        if isinstance(exc, winrm.exceptions.WinRMError):
            if "not installed" in str(exc):
                extra = {"kerberos": "kerberos", "credssp": "credssp"}.get(h.transport, h.transport)
                return RemoteError("auth_failed", f"{h.name} uses the {h.transport} transport, which needs "
                                   f"`pip install 'pywinrm[{extra}]'` on the machine running Oakley")
            return RemoteError("command_failed", f"WinRM on {h.name} failed: {exc}")
        if isinstance(exc, StopIteration | KeyError | ValueError | SyntaxError):
            return RemoteError("parse_error", f"{h.name} sent a WS-Management reply Oakley could not read")
        return RemoteError("command_failed", f"talking to {h.name} failed: {type(exc).__name__}")


def _ssl_reason(exc: Exception) -> str:
    text = str(exc)
    for marker in ("certificate verify failed: ", "SSL: "):
        if marker in text:
            return text.split(marker, 1)[1].split("(")[0].split("'")[0].strip(" ]),") or "TLS handshake failed"
    return "TLS handshake failed"


def _dropped(exc: Exception) -> bool:
    """Did the peer close an open connection (rather than refuse a new one)?"""
    seen: BaseException | None = exc
    for _ in range(10):  # exception chains are short; never loop on a cycle
        if seen is None:
            break
        if isinstance(seen, http.client.RemoteDisconnected | ConnectionResetError | BrokenPipeError):
            return True
        if "RemoteDisconnected" in repr(seen) or "Connection aborted" in str(seen):
            return True
        nested = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        seen = seen.__cause__ or seen.__context__ or nested
    return False

