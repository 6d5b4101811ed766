"""pywinrm's HTTP transport, with fewer round trips and less work per request.

Three things pywinrm's `Transport` does that cost a fleet dearly:

* NTLM starts with an anonymous request whose only purpose is to collect a
  `401 WWW-Authenticate: Negotiate`. A WinRM listener always offers
  Negotiate, so the NTLM Negotiate message goes out on the first request
  (`PreemptiveNtlmAuth`): the handshake is two requests, not three.
* pyspnego derives the LM and NT hashes from the password (pure-Python DES
  and MD4) at every logon; here they are derived once per password and
  handed to pyspnego as an `NTLMHash` credential — the same bytes on the
  wire.
* requests scans the environment for proxies on every send. The session
  does not trust the environment (`trust_env = False`); a proxy comes only
  from the inventory (`ansible_winrm_proxy`).
* requests prepares every request from scratch (merging session settings,
  cookies, auth, hooks) and `Session.send` resolves proxies and redirects
  around the adapter: a quarter of the client's CPU for a check. Once a
  session is logged on, every WS-Man request is the same POST but for its
  body, so it is prepared once per session (`_Prototype`) and each message
  gets a copy with its body and lengths, handed to the session's adapter
  with what `Session.send` would pass it. The headers, their order and the
  body are the ones pywinrm sends (tests/remote/test_winrm_messages.py
  compares them); anything else (cookies set by the server, a redirect,
  Kerberos or CredSSP) takes pywinrm's path.

Everything else — message encryption over HTTP (MS-WSMV 2.2.9.1.1), channel
binding over HTTPS, Basic, Kerberos, CredSSP, certificates — is pywinrm's.
"""

from __future__ import annotations

import base64
import functools
import re
import typing as t
import uuid
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape

import requests
import requests.auth
import requests.cookies
import requests.hooks
import spnego
import spnego.channel_bindings
import winrm
import winrm.exceptions
from requests_ntlm import HttpNtlmAuth
from requests_ntlm.requests_ntlm import ShimSessionSecurity
from spnego._ntlm_raw.crypto import lmowfv1, ntowfv1
from winrm.encryption import Encryption
from winrm.transport import Transport

_SCHEME = "Negotiate"


@functools.lru_cache(maxsize=32)
def _password_hashes(password: str) -> tuple[str, str]:
    """LM and NT hash of a password (hex), computed once per process and password."""
    return base64.b16encode(lmowfv1(password)).decode(), base64.b16encode(ntowfv1(password)).decode()


class PreemptiveNtlmAuth(HttpNtlmAuth):
    """NTLM over HTTP that sends the Negotiate message with the first request.

    The server answers it with the challenge (401); the Authenticate message
    is then sent on the same connection with the same body, as requests-ntlm
    does after its anonymous request. Once the context is complete, requests
    go without a token (NTLM authenticates the connection); a 401 later (a
    new connection) falls back to requests-ntlm's full handshake.
    """

    def __init__(self, username: str, password: str, *, hostname: str, send_cbt: bool = True) -> None:
        super().__init__(username, password, send_cbt=send_cbt)
        self._hostname = hostname
        self._pending: t.Any = None  # the spnego context of a handshake in flight

    def _context(self) -> t.Any:
        username = t.cast(str, self.username)
        lm_hash, nt_hash = _password_hashes(t.cast(str, self.password))
        return spnego.client(
            [spnego.NTLMHash(username=username, lm_hash=lm_hash, nt_hash=nt_hash)],
            hostname=self._hostname, service="http", protocol="ntlm",
            options=spnego.NegotiateOptions.use_ntlm,
        )

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        r = super().__call__(r)  # keep-alive, and requests-ntlm's hook for a 401 after logon
        if self.session_security is None:
            self._pending = self._context()
            r.headers["Authorization"] = f"{_SCHEME} {base64.b64encode(self._pending.step() or b'').decode()}"
            r.register_hook("response", self._answer_challenge)
        return r

    def _answer_challenge(self, response: requests.Response, **kwargs: t.Any) -> requests.Response:
        context, self._pending = self._pending, None
        if response.status_code != 401 or context is None:
            return response
        offered = response.headers.get("www-authenticate", "")
        token = next((part.strip()[len(_SCHEME) + 1:] for part in offered.split(",")
                      if part.strip().lower().startswith(_SCHEME.lower() + " ")), None)
        if not token:
            return response  # no challenge: the 401 stands (pywinrm reports rejected credentials)
        certificate_hash = self._get_server_cert(response)  # before the connection is released
        bindings = None
        if certificate_hash:
            bindings = spnego.channel_bindings.GssChannelBindings(
                application_data=b"tls-server-end-point:" + certificate_hash)
        authenticate = context.step(base64.b64decode(token), channel_bindings=bindings)
        response.content  # noqa: B018 - read the 401 so the connection can carry the next request
        response.raw.release_conn()
        request = response.request.copy()
        request.headers["Authorization"] = f"{_SCHEME} {base64.b64encode(authenticate or b'').decode()}"
        final = response.connection.send(request, **kwargs)  # type: ignore[attr-defined]
        final.history.append(response)
        self.session_security = ShimSessionSecurity(context)
        return t.cast(requests.Response, final)


_ENCRYPTED_TYPE = 'multipart/encrypted;protocol="{}";boundary="Encrypted Boundary"'


class _Prototype(t.NamedTuple):
    """A logged-on session's POST, prepared once; each message copies it with its body."""

    request: requests.PreparedRequest
    adapter: requests.adapters.BaseAdapter
    send_kwargs: dict[str, t.Any]

    def with_body(self, body: bytes, content_type: str | None) -> requests.PreparedRequest:
        proto = self.request
        request = requests.PreparedRequest()
        request.method, request.url, request.hooks = proto.method, proto.url, proto.hooks
        request._cookies = proto._cookies  # empty (checked before each use); never written to
        request.headers = proto.headers.copy()
        request.headers["Content-Length"] = str(len(body))
        if content_type is not None:
            request.headers["Content-Type"] = content_type
        request.body = body
        return request

    def for_auth(self, auth: requests.auth.AuthBase) -> requests.PreparedRequest:
        """A copy of the prototype (no body) with hooks of its own, handed to `auth` as prepare_auth does."""
        proto = self.request
        request = requests.PreparedRequest()
        request.method, request.url = proto.method, proto.url
        request.hooks = {event: list(hooks) for event, hooks in proto.hooks.items()}
        request._cookies = proto._cookies
        request.headers = proto.headers.copy()
        request.body = None
        request.headers["Content-Length"] = "0"  # as requests prepares a POST without a body
        return t.cast(requests.PreparedRequest, auth(request))


class _EndpointAdapter(requests.adapters.HTTPAdapter):
    """requests' HTTP adapter, for a session that talks to one endpoint.

    For every request requests' adapter looks up the connection pool (URL
    parsing, proxy selection, the PoolManager's key) and the URL to put on
    the request line; a WinRM session sends every message to the same URL
    with the same settings. Both are worked out by requests' own methods —
    the extension points requests documents for subclasses — and the last
    answer is kept for the next request with the same URL and settings. A
    single entry: the pool kept is always the one the PoolManager handed
    out last, which it cannot have evicted (one endpoint per session), and
    `close` forgets it with the pools.
    """

    def __init__(self) -> None:
        super().__init__()
        self._pool: tuple[tuple[object, ...], t.Any] | None = None
        self._url: tuple[tuple[object, ...], str] | None = None

    @staticmethod
    def _settings(proxies: dict[str, str] | None) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(proxies.items())) if proxies else ()

    def get_connection_with_tls_context(self, request: requests.PreparedRequest, verify: t.Any,
                                        proxies: dict[str, str] | None = None, cert: t.Any = None) -> t.Any:
        key = (request.url, verify, cert if cert is None or isinstance(cert, str) else tuple(cert),
               self._settings(proxies))
        if self._pool is not None and self._pool[0] == key:
            return self._pool[1]
        pool = super().get_connection_with_tls_context(request, verify, proxies=proxies, cert=cert)
        self._pool = (key, pool)
        return pool

    def request_url(self, request: requests.PreparedRequest, proxies: dict[str, str] | None) -> str:
        key = (request.url, self._settings(proxies))
        if self._url is not None and self._url[0] == key:
            return self._url[1]
        url = super().request_url(request, proxies)
        self._url = (key, url)
        return url

    def close(self) -> None:
        self._pool = self._url = None
        super().close()


def _no_auth(request: requests.PreparedRequest) -> requests.PreparedRequest:
    return request  # a prototype carries no authentication; it is applied to each copy


class LeanTransport(Transport):
    """pywinrm's transport with `PreemptiveNtlmAuth`, no proxy scan, and requests prepared once per session."""

    def __init__(self, *args: t.Any, proxies: dict[str, str] | None = None, **kwargs: t.Any) -> None:
        super().__init__(*args, **kwargs)
        self._proxies = dict(proxies or {})
        self._hostname = urlsplit(self.endpoint).hostname or ""
        self._prototype: _Prototype | None = None
        self._unauthenticated: _Prototype | None = None  # NTLM: the POST before auth is applied

    def build_session(self) -> requests.Session:
        if self.session is not None:
            return self.session
        ntlm, wanted = self.auth_method == "ntlm", self.message_encryption
        if ntlm and self.ca_trust_path != "legacy_requests":
            session = self._ntlm_session()
        else:
            if ntlm:
                self.message_encryption = "never"  # set up below, once our auth is in place
            try:
                session = super().build_session()
            finally:
                self.message_encryption = wanted
        session.trust_env = False  # no proxy, netrc or CA bundle looked up in the environment per request
        session.proxies = dict(self._proxies)
        session.mount(f"{urlsplit(self.endpoint).scheme.lower()}://", _EndpointAdapter())
        if ntlm:
            session.auth = PreemptiveNtlmAuth(t.cast(str, self.username), t.cast(str, self.password),
                                              hostname=self._hostname, send_cbt=self.send_cbt)
            self.session = session
            if wanted == "always" or (wanted == "auto" and not self.endpoint.lower().startswith("https")):
                self.setup_encryption(session)
        return session

    def _ntlm_session(self) -> requests.Session:
        """What pywinrm's `build_session` sets up for NTLM, without its look at the environment.

        pywinrm merges the environment's proxy and CA settings and then, for
        the settings Oakley passes (no proxy, a CA path or requests' bundle),
        uses none of them; the look costs a scan of the environment per host.
        """
        session = requests.Session()
        session.trust_env = False
        session.verify = self.server_cert_validation == "validate"
        if session.verify and self.ca_trust_path is not None:
            session.verify = self.ca_trust_path
        session.headers.update(self.default_headers)
        return session

    def close_session(self) -> None:
        self._prototype = self._unauthenticated = None
        super().close_session()

    def setup_encryption(self, session: requests.Session) -> None:
        """pywinrm's: an empty POST that logs on, then message encryption for the session.

        With our NTLM the empty POST is a copy of the session's prototype with
        the auth applied, sent as `_send_prepared` sends messages: the same
        headers in the same order as `session.prepare_request` gives it, without
        preparing it from scratch nor `Session.send`'s work around the adapter.
        """
        auth = session.auth
        if not isinstance(auth, PreemptiveNtlmAuth) or session.cookies:
            return super().setup_encryption(session)
        base = self._unauthenticated = self._prepare(session, _no_auth)
        self._send_prepared(session, base, base.for_auth(auth))
        self.encryption = Encryption(session, self.auth_method)
        return None

    def _prepare(self, session: requests.Session, auth: t.Any = None) -> _Prototype:
        request = session.prepare_request(requests.Request("POST", self.endpoint, data=b"-", auth=auth))
        kwargs = {"stream": False, "timeout": self.read_timeout_sec, "verify": session.verify,
                  "cert": session.cert, "proxies": dict(session.proxies)}
        return _Prototype(request, session.get_adapter(self.endpoint), kwargs)

    def send_message(self, message: str | bytes) -> bytes:
        session = self.build_session()
        if isinstance(message, str):
            message = message.encode("utf-8")
        prototype = self._ready(session)
        if prototype is None:
            return super().send_message(message)
        if self.encryption is not None:
            encryption = self.encryption
            # As pywinrm's Encryption.prepare_encrypted_request builds it for NTLM.
            body = encryption._encrypt_message(message, self._hostname) + encryption.MIME_BOUNDARY + b"--\r\n"
            request = prototype.with_body(body, _ENCRYPTED_TYPE.format(encryption.protocol_string.decode()))
        else:
            request = prototype.with_body(message, None)
        return self._get_message_response_text(self._send_prepared(session, prototype, request))

    def _ready(self, session: requests.Session) -> _Prototype | None:
        """The session's prototype request, if a message can take the short path now."""
        if session.cookies:
            return None  # the server set a cookie: requests' own preparation sends it back
        auth = session.auth
        if isinstance(auth, PreemptiveNtlmAuth):
            if auth.session_security is None or (self.encryption is not None and self.encryption.protocol != "ntlm"):
                return None  # logon in progress: its requests carry tokens
        elif not (auth is None or type(auth) is requests.auth.HTTPBasicAuth) or self.encryption is not None:
            return None  # Kerberos, CredSSP: per-request tokens or wrapping stay pywinrm's
        if self._prototype is None:
            base = self._unauthenticated
            if base is not None and isinstance(auth, PreemptiveNtlmAuth):  # what prepare_auth would add
                request = base.for_auth(auth)
                request.headers["Content-Length"] = base.request.headers["Content-Length"]
                request.body = base.request.body
                self._prototype = base._replace(request=request)
            else:
                self._prototype = self._prepare(session)
        return self._prototype

    def _send_prepared(self, session: requests.Session, prototype: _Prototype,
                       request: requests.PreparedRequest) -> requests.Response:
        """What `Session.send` and pywinrm's `_send_message_request` do with a response."""
        kwargs = prototype.send_kwargs
        response = prototype.adapter.send(request, **kwargs)
        response = requests.hooks.dispatch_hook("response", request.hooks, response, **kwargs)
        if response.history or "set-cookie" in response.headers:
            for earlier in response.history:
                requests.cookies.extract_cookies_to_jar(session.cookies, earlier.request, earlier.raw)
            requests.cookies.extract_cookies_to_jar(session.cookies, request, response.raw)
        if response.is_redirect:
            history = list(session.resolve_redirects(response, request, **kwargs))
            if history:
                history.insert(0, response)
                response = history.pop()
                response.history = history
        response.content  # noqa: B018 - as Session.send without stream
        try:
            response.raise_for_status()
        except requests.HTTPError as ex:
            if response.status_code == 401:
                raise winrm.exceptions.InvalidCredentialsError(
                    "the specified credentials were rejected by the server") from None
            text = self._get_message_response_text(response) if response.content else b""
            raise winrm.exceptions.WinRMTransportError("http", response.status_code, text.decode()) from ex
        return response


class _Rendered(Exception):  # a control-flow signal: the message pywinrm would have sent
    def __init__(self, message: str | bytes) -> None:
        super().__init__()
        self.message = message if isinstance(message, str) else message.decode("utf-8")


_SHELL, _COMMAND_ID, _COMMAND, _ARGUMENTS = "OAKLEY-SHELL-ID", "OAKLEY-COMMAND-ID", "OAKLEY-COMMAND", "OAKLEY-ARGS"
_MESSAGE_ID = re.compile(r"(<a:MessageID>uuid:)([0-9a-fA-F-]{36})(</a:MessageID>)")
_TOKEN = re.compile("|".join(map(re.escape, (_SHELL, _COMMAND_ID, _COMMAND, _ARGUMENTS))))  # longest first
_ID = re.compile(r"^[A-Za-z0-9:_.-]{1,128}$")  # ids the server sent that need no XML escaping
_TEMPLATES: dict[tuple[str, float], tuple[str, str]] = {}


class LeanProtocol(winrm.Protocol):
    """pywinrm's `Protocol`, minus rendering every SOAP message with xmltodict.

    Each kind of message (Create, Command, Receive, Signal, Delete) is
    rendered once per process by pywinrm's own method, with placeholders for
    the ids and the command line; later messages fill them in. The bytes on
    the wire are the ones pywinrm would send. Anything unusual (options other
    than Oakley's defaults, ids that would need escaping) goes to pywinrm
    unchanged.
    """

    def _template(self, kind: str, render: t.Callable[[], object]) -> tuple[str, str]:
        key = (kind, float(self.operation_timeout_sec))
        cached = _TEMPLATES.get(key)
        if cached is None:
            self.send_message = self._capture  # type: ignore[method-assign]
            try:
                render()
            except _Rendered as rendered:
                head, _, tail = _MESSAGE_ID.sub("\\1\x00\\3", rendered.message).partition("\x00")
                cached = _TEMPLATES[key] = (head, tail)
            finally:
                del self.send_message
        assert cached is not None
        return cached

    @staticmethod
    def _capture(message: str | bytes) -> bytes:
        raise _Rendered(message)

    def _fill(self, kind: str, render: t.Callable[[], object], message_id: uuid.UUID, **values: str) -> str:
        head, tail = self._template(kind, render)
        # One pass, so a value can never be taken for another placeholder.
        return _TOKEN.sub(lambda m: values[m.group()], f"{head}{message_id}{tail}")

    def _relates_to(self, res: bytes) -> uuid.UUID:
        root = ET.fromstring(res)
        relates = next(node for node in root.iter() if node.tag.endswith("RelatesTo")).text or ""
        return uuid.UUID(relates.replace("uuid:", ""))

    def open_shell(self, *args: t.Any, **kwargs: t.Any) -> str:
        if args or kwargs:
            return super().open_shell(*args, **kwargs)
        res = self.send_message(self._fill("create", super().open_shell, uuid.uuid4()))
        root = ET.fromstring(res)
        return t.cast(str, next(node for node in root.iter() if node.get("Name") == "ShellId").text)

    def run_command(self, shell_id: str, command: str, arguments: t.Iterable[str | bytes] = (),
                    *args: t.Any, **kwargs: t.Any) -> str:
        arguments = [a if isinstance(a, str) else a.decode("utf-8") for a in arguments]
        if args or kwargs or not arguments or not _ID.fullmatch(shell_id):
            return super().run_command(shell_id, command, arguments, *args, **kwargs)
        render = functools.partial(super().run_command, _SHELL, _COMMAND, [_ARGUMENTS])
        message = self._fill("command", render, uuid.uuid4(), **{
            _SHELL: shell_id, _COMMAND: xml_escape(command), _ARGUMENTS: xml_escape(" ".join(arguments))})
        root = ET.fromstring(self.send_message(message))
        return t.cast(str, next(node for node in root.iter() if node.tag.endswith("CommandId")).text)

    def get_command_output_raw(self, shell_id: str, command_id: str) -> tuple[bytes, bytes, int, bool]:
        if not (_ID.fullmatch(shell_id) and _ID.fullmatch(command_id)):
            return super().get_command_output_raw(shell_id, command_id)
        render = functools.partial(super().get_command_output_raw, _SHELL, _COMMAND_ID)
        root = ET.fromstring(self.send_message(self._fill("receive", render, uuid.uuid4(),
                                                          **{_SHELL: shell_id, _COMMAND_ID: command_id})))
        # As pywinrm reads a ReceiveResponse.
        stdout: list[bytes] = []
        stderr: list[bytes] = []
        for node in root.iter():
            if node.tag.endswith("Stream") and node.text:
                if node.attrib.get("Name") == "stdout":
                    stdout.append(base64.b64decode(node.text.encode("ascii")))
                elif node.attrib.get("Name") == "stderr":
                    stderr.append(base64.b64decode(node.text.encode("ascii")))
        done = [node for node in root.iter() if node.get("State", "").endswith("CommandState/Done")]
        code = -1
        if len(done) == 1:
            code = int(next(node for node in root.iter() if node.tag.endswith("ExitCode")).text or -1)
        return b"".join(stdout), b"".join(stderr), code, len(done) == 1

    def cleanup_command(self, shell_id: str, command_id: str) -> None:
        if not (_ID.fullmatch(shell_id) and _ID.fullmatch(command_id)):
            return super().cleanup_command(shell_id, command_id)
        message_id = uuid.uuid4()
        render = functools.partial(super().cleanup_command, _SHELL, _COMMAND_ID)
        res = self.send_message(self._fill("signal", render, message_id, **{_SHELL: shell_id,
                                                                          _COMMAND_ID: command_id}))
        if self._relates_to(res) != message_id:
            raise winrm.exceptions.WinRMError("the Signal reply does not relate to the Signal sent")
        return None

    def close_shell(self, shell_id: str, close_session: bool = True) -> None:
        if not _ID.fullmatch(shell_id):
            return super().close_shell(shell_id, close_session)
        message_id = uuid.uuid4()
        render = functools.partial(super().close_shell, _SHELL, close_session=False)
        try:
            res = self.send_message(self._fill("delete", render, message_id, **{_SHELL: shell_id}))
            relates_to = self._relates_to(res)
        finally:
            if close_session:
                self.transport.close_session()
        if relates_to != message_id:
            raise winrm.exceptions.WinRMError("the Delete reply does not relate to the Delete sent")
        return None
