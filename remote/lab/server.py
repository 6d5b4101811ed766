"""One simulated host's WinRM listener: HTTP(S), authentication, encryption.

What a real Windows listener does and pywinrm relies on: NTLM (through
pyspnego's acceptor) authenticates the connection, not the request, so the
handler keeps the security context per connection; over HTTP every message
is then sealed in a `multipart/encrypted` envelope (MS-WSMV 2.2.9.1.1);
over HTTPS the context carries channel binding to the certificate. Basic
is refused over HTTP unless the host allows unencrypted traffic, as
Windows does.
"""

from __future__ import annotations

import base64
import contextlib
import email.utils
import hmac
import os
import selectors
import socket
import ssl
import struct
import threading
import time
from collections.abc import Sequence
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol

import spnego
import spnego.channel_bindings
import spnego.exceptions

from remote.lab.wsman import Shells, peek_action


class ServedHost(Protocol):
    """What the listener needs of a simulated host (remote.lab.lab.LabHost)."""

    name: str
    path: str
    faults: Any
    shells: Shells

    @property
    def endpoint(self) -> str: ...
    def count_request(self, sealed: bool = False) -> None: ...
    def count_connection(self) -> None: ...
    def latency(self) -> float: ...
    def check_password(self, user: str, password: str) -> bool: ...
    def accepts_user(self, principal: str | None) -> bool: ...
    def take_drop(self) -> bool: ...

BOUNDARY = b"--Encrypted Boundary"
SPNEGO_ENCRYPTED = "application/HTTP-SPNEGO-session-encrypted"
MUTUAL = "http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/mutual"


class HostServer(ThreadingHTTPServer):
    """One host's listening socket; each connection is handled in a thread of its own.

    Connections are accepted by the process's `_Acceptor`, not by a
    `serve_forever` thread per host; the TLS handshake happens in the
    connection's thread, so a slow one holds up no other connection.
    """

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, host: ServedHost, address: tuple[str, int], tls: ssl.SSLContext | None,
                 cbt_hash: bytes | None) -> None:
        self.host = host
        self.tls = tls
        self.cbt_hash = cbt_hash
        super().__init__(address, Handler)

    def finish_request(self, request: Any, client_address: Any) -> None:
        if self.tls is None:
            return super().finish_request(request, client_address)
        request.settimeout(10)
        try:
            secured = self.tls.wrap_socket(request, server_side=True)  # takes over the socket
        except (ssl.SSLError, OSError):
            return None  # the plain socket is closed by shutdown_request
        try:
            secured.settimeout(None)
            super().finish_request(secured, client_address)
        finally:
            self.shutdown_request(secured)
        return None

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that went away mid-handshake is not the lab's problem


class _Acceptor:
    """One thread that accepts connections for every listener of the process.

    A `serve_forever` thread per host polls its socket every 0.2 s: a lab of
    1000 hosts kept 1000 threads waking 5000 times a second, which cost a
    tenth of a core idle, and more under load. This thread sleeps in one
    `select` over all the listening sockets until one has a connection (or
    a listener is added or removed) and hands each connection to its
    server, which handles it in a new thread, as `serve_forever` did.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._selector = selectors.DefaultSelector()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._selector.register(self._wake_r, selectors.EVENT_READ)
        self._changes: list[_Change] = []

    def add(self, server: HostServer) -> None:
        self._change(True, server)

    def remove(self, server: HostServer) -> None:
        """Stop accepting for `server`; returns once no connection of it will be accepted any more."""
        self._change(False, server)

    def _change(self, add: bool, server: HostServer) -> None:
        change = _Change(add, server)
        with self._lock:
            self._changes.append(change)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="lab-acceptor", daemon=True)
                self._thread.start()
        if threading.current_thread() is self._thread:  # never waits on itself
            self._apply()
        else:
            self._wake_w.send(b"x")
            change.done.wait()
        if change.error is not None:
            raise change.error

    def _apply(self) -> None:
        with self._lock:
            changes, self._changes = self._changes, []
        for change in changes:
            try:
                if change.add:
                    self._selector.register(change.server.socket, selectors.EVENT_READ, change.server)
                else:
                    with contextlib.suppress(KeyError, ValueError):
                        self._selector.unregister(change.server.socket)
            except Exception as exc:  # told to the caller, not lost with this thread
                change.error = exc
            finally:
                change.done.set()

    def _run(self) -> None:
        while True:
            for key, _ in self._selector.select():
                if key.data is None:
                    with contextlib.suppress(BlockingIOError):
                        self._wake_r.recv(4096)
                    self._apply()
                    continue
                if self._selector.get_map().get(key.fd) is key:  # not removed by a change just applied
                    with contextlib.suppress(Exception):  # a failed accept is that connection's, not the lab's
                        key.data._handle_request_noblock()  # accept, then a thread for the connection


class _Change:
    __slots__ = ("add", "done", "error", "server")

    def __init__(self, add: bool, server: HostServer) -> None:
        self.add, self.server = add, server
        self.done = threading.Event()
        self.error: Exception | None = None


_ACCEPTOR = _Acceptor()


def _after_fork() -> None:  # a forked child has none of the parent's threads: it starts its own acceptor
    global _ACCEPTOR
    _ACCEPTOR = _Acceptor()


os.register_at_fork(after_in_child=_after_fork)

_MAX_LINE, _MAX_HEADERS = 65536, 100  # http.client's limits
_DATE: tuple[int, str] = (0, "")


def _http_date() -> str:
    """The Date header's value, formatted once a second."""
    global _DATE
    now = int(time.time())
    if _DATE[0] != now:
        _DATE = (now, email.utils.formatdate(now, usegmt=True))
    return _DATE[1]


class _Headers(dict[str, str]):
    """A request's headers by lower-cased name, the first of a repeated one kept:
    what the handler reads of `email.message.Message`, for a fraction of its parsing."""

    def get(self, name: str, default: Any = None) -> Any:  # type: ignore[override]
        return super().get(name.lower(), default)

    def __getitem__(self, name: str) -> str:
        return super().__getitem__(name.lower())

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and super().__contains__(name.lower())


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # A reply (status line, headers, body) is written at once when the request
    # is done (handle_one_request flushes wfile), and with TCP_NODELAY it goes
    # out then, not after the client's delayed ACK (~40 ms), as from a Windows host.
    wbufsize = 64 * 1024
    disable_nagle_algorithm = True
    server: HostServer

    def setup(self) -> None:
        super().setup()
        self.ntlm: spnego.ContextProxy | None = None
        self.server.host.count_connection()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def version_string(self) -> str:
        return "Microsoft-HTTPAPI/2.0"  # the one Server header HTTP.sys sends (not BaseHTTP's as well)

    def parse_request(self) -> bool:
        """BaseHTTPRequestHandler's, for an HTTP/1.x request line, without the email parser for the headers.

        Parsing headers with `email.parser` was a third of the lab's CPU per
        request. Anything but `METHOD PATH HTTP/1.x` gets the standard
        library's parsing (and its errors); the header limits are http.client's.
        """
        words = self.raw_requestline.split()
        if len(words) != 3 or words[2] not in (b"HTTP/1.1", b"HTTP/1.0"):
            return bool(super().parse_request())
        self.requestline = str(self.raw_requestline, "iso-8859-1").rstrip("\r\n")
        self.command, path, self.request_version = (str(w, "iso-8859-1") for w in words)
        self.path = "/" + path.lstrip("/") if path.startswith("//") else path
        self.close_connection = self.request_version != "HTTP/1.1"
        headers = _Headers()
        for _ in range(_MAX_HEADERS + 1):
            line = self.rfile.readline(_MAX_LINE + 1)
            if len(line) > _MAX_LINE:
                self.send_error(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Line too long")
                return False
            if line in (b"\r\n", b"\n", b""):
                break
            name, colon, value = str(line, "iso-8859-1").partition(":")
            if colon:
                headers.setdefault(name.strip().lower(), value.strip())
        else:
            self.send_error(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Too many headers")
            return False
        self.headers = headers  # type: ignore[assignment]
        connection = headers.get("connection", "").lower()
        if connection == "close":
            self.close_connection = True
        elif connection == "keep-alive":
            self.close_connection = False
        if headers.get("expect", "").lower() == "100-continue" and self.request_version == "HTTP/1.1":
            return bool(self.handle_expect_100())
        return True

    def handle_expect_100(self) -> bool:
        ok = bool(super().handle_expect_100())
        self.wfile.flush()  # the client waits for the 100 before it sends the body
        return ok

    # --- HTTP ---------------------------------------------------------------

    def do_POST(self) -> None:
        host = self.server.host
        host.count_request()
        delay = host.latency()
        if delay > 0:
            time.sleep(delay)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.rstrip("/") != host.path.rstrip("/"):
            return self._send(404, b"")
        scheme, _, token = self.headers.get("Authorization", "").partition(" ")
        if scheme.lower() in ("negotiate", "ntlm") and token:
            return self._ntlm(scheme, token.strip(), body)
        if scheme.lower() == "basic":
            return self._basic(token.strip(), body)
        if self.ntlm is not None and self.ntlm.complete:
            return self._serve(body)
        return self._unauthorized()

    def _send(self, status: int, body: bytes, headers: Sequence[tuple[str, str]] = ()) -> None:
        """What send_response, send_header and end_headers write (status line, Server, Date, the
        headers given, Content-Length), built in one string: they cost the lab more than the reply."""
        head = [f"{self.protocol_version} {status} {self.responses[status][0]}\r\n"
                f"Server: {self.version_string()}\r\nDate: {_http_date()}\r\n"]
        head.extend(f"{name}: {value}\r\n" for name, value in headers)  # a list: WWW-Authenticate may repeat
        head.append(f"Content-Length: {len(body)}\r\n\r\n")
        self.wfile.write("".join(head).encode("latin-1") + body)

    def _unauthorized(self, challenge: str = "Negotiate") -> None:
        headers = [("WWW-Authenticate", challenge)]
        if self.server.tls is not None or self.server.host.faults.allow_unencrypted:
            headers.append(("WWW-Authenticate", 'Basic realm="WSMAN"'))
        self._send(401, b"", headers)

    # --- authentication -------------------------------------------------------

    def _ntlm(self, scheme: str, token: str, body: bytes) -> None:
        try:
            raw = base64.b64decode(token)
        except ValueError:
            return self._unauthorized()
        message_type = struct.unpack("<I", raw[8:12])[0] if raw[:8] == b"NTLMSSP\x00" and len(raw) >= 12 else 0
        if message_type == 1:
            bindings = None
            if self.server.cbt_hash is not None:
                bindings = spnego.channel_bindings.GssChannelBindings(
                    application_data=b"tls-server-end-point:" + self.server.cbt_hash
                )
            self.ntlm = spnego.server(protocol="ntlm", channel_bindings=bindings)
            challenge = self.ntlm.step(raw) or b""
            return self._unauthorized(f"{scheme} {base64.b64encode(challenge).decode()}")
        if message_type == 3 and self.ntlm is not None and not self.ntlm.complete:
            try:
                self.ntlm.step(raw)
            except spnego.exceptions.SpnegoError:
                self.ntlm = None
                return self._unauthorized()
            if self.server.host.faults.reject_auth or not self.server.host.accepts_user(self.ntlm.client_principal):
                self.ntlm = None
                return self._unauthorized()
            return self._serve(body)
        self.ntlm = None
        return self._unauthorized()

    def _basic(self, token: str, body: bytes) -> None:
        host = self.server.host
        if self.server.tls is None and not host.faults.allow_unencrypted:
            return self._unauthorized()
        try:
            user, _, password = base64.b64decode(token).decode("utf-8").partition(":")
        except ValueError:
            return self._unauthorized()
        if host.faults.reject_auth or not host.check_password(user, password):
            return self._unauthorized()
        return self._serve(body, sealed_allowed=False)

    # --- messages -------------------------------------------------------------

    def _serve(self, body: bytes, *, sealed_allowed: bool = True) -> None:
        host = self.server.host
        encrypted = self.headers.get("Content-Type", "").startswith("multipart/encrypted")
        if encrypted:
            if not sealed_allowed or self.ntlm is None:
                return self._unauthorized()
            try:
                body = self._unseal(body)
            except (ValueError, spnego.exceptions.SpnegoError):
                return self._send(400, b"")
            host.count_request(sealed=True)
        elif body and self.server.tls is None and not host.faults.allow_unencrypted:
            return self._send(400, b"")  # Windows refuses unencrypted SOAP over HTTP
        if not body:
            return self._send(200, b"")
        if host.faults.drop_on and peek_action(body) == host.faults.drop_on:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return None
        reply = host.shells.handle(body, host.endpoint)
        if host.take_drop():  # the command ran (a write applied); its reply is lost on the way
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return None
        if encrypted and self.ntlm is not None:
            sealed = self._seal(reply.body)
            content_type = f'multipart/encrypted;protocol="{SPNEGO_ENCRYPTED}";boundary="Encrypted Boundary"'
            return self._send(reply.status, sealed, [("Content-Type", content_type)])
        return self._send(reply.status, reply.body, [("Content-Type", "application/soap+xml;charset=UTF-8")])

    def _unseal(self, body: bytes) -> bytes:
        assert self.ntlm is not None
        parts = [p for p in body.split(BOUNDARY + b"\r\n") if p]
        if len(parts) < 2 or b"Length=" not in parts[0]:
            raise ValueError("not an encrypted WinRM message")
        length = int(parts[0].split(b"Length=")[1].split(b"\r\n")[0])
        payload = parts[1]
        if payload.endswith(BOUNDARY + b"--\r\n"):
            payload = payload[: -len(BOUNDARY + b"--\r\n")]
        payload = payload.replace(b"\tContent-Type: application/octet-stream\r\n", b"", 1)
        sig_len = struct.unpack("<i", payload[:4])[0]
        message = self.ntlm.unwrap(payload[4 : 4 + sig_len] + payload[4 + sig_len :]).data
        if len(message) != length:
            raise ValueError("decrypted length does not match")
        return message

    def _seal(self, message: bytes) -> bytes:
        assert self.ntlm is not None
        wrapped = self.ntlm.wrap(message, encrypt=True).data
        signature, sealed = wrapped[:16], wrapped[16:]
        return (
            BOUNDARY + b"\r\n"
            + f"\tContent-Type: {SPNEGO_ENCRYPTED}\r\n".encode()
            + f"\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length={len(message)}\r\n".encode()
            + BOUNDARY + b"\r\n"
            + b"\tContent-Type: application/octet-stream\r\n"
            + struct.pack("<i", len(signature)) + signature + sealed
            + BOUNDARY + b"--\r\n"
        )


class Listener:
    """Runs a host's server in a thread; can refuse connections on demand."""

    def __init__(self, host: ServedHost, address: str, port: int, tls: ssl.SSLContext | None,
                 cbt_hash: bytes | None) -> None:
        self.host, self.address, self.port = host, address, port
        self.tls, self.cbt_hash = tls, cbt_hash
        self._server: HostServer | None = None
        self._hold: socket.socket | None = None

    def start(self) -> int:
        if self.host.faults.refuse_connections:
            self._refuse()
        else:
            self._serve()
        return self.port

    def _serve(self) -> None:
        self._server = HostServer(self.host, (self.address, self.port), self.tls, self.cbt_hash)
        self.port = self._server.server_address[1]
        _ACCEPTOR.add(self._server)

    def _refuse(self) -> None:
        # A bound socket that never listens: connections get RST, and the
        # port stays ours so the host can come back on it.
        self._hold = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._hold.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._hold.bind((self.address, self.port))
        self.port = self._hold.getsockname()[1]

    def set_refusing(self, refuse: bool) -> None:
        if refuse and self._server is not None:
            self.stop()
            self._refuse()
        elif not refuse and self._hold is not None:
            self._hold.close()
            self._hold = None
            self._serve()

    def stop(self) -> None:
        if self._server is not None:
            _ACCEPTOR.remove(self._server)
            self._server.server_close()
            self._server = None
        if self._hold is not None:
            self._hold.close()
            self._hold = None


def check_secret(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode(), given.encode())
