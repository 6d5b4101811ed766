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

Everything else — message encryption over HTTP (MS-WSMV 2.2.9.1.1), channel
binding over HTTPS, Basic, Kerberos, CredSSP, certificates — is pywinrm's.
"""

from __future__ import annotations

import base64
import functools
import typing as t
from urllib.parse import urlsplit

import requests
import spnego
import spnego.channel_bindings
from requests_ntlm import HttpNtlmAuth
from requests_ntlm.requests_ntlm import ShimSessionSecurity
from spnego._ntlm_raw.crypto import lmowfv1, ntowfv1
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


class LeanTransport(Transport):
    """pywinrm's transport with `PreemptiveNtlmAuth` and no proxy scan."""

    def __init__(self, *args: t.Any, proxies: dict[str, str] | None = None, **kwargs: t.Any) -> None:
        super().__init__(*args, **kwargs)
        self._proxies = dict(proxies or {})

    def build_session(self) -> requests.Session:
        if self.session is not None:
            return self.session
        ntlm, wanted = self.auth_method == "ntlm", self.message_encryption
        if ntlm:
            self.message_encryption = "never"  # set up below, once our auth is in place
        try:
            session = super().build_session()
        finally:
            self.message_encryption = wanted
        session.trust_env = False  # no proxy, netrc or CA bundle looked up in the environment per request
        session.proxies = dict(self._proxies)
        if ntlm:
            session.auth = PreemptiveNtlmAuth(t.cast(str, self.username), t.cast(str, self.password),
                                              hostname=urlsplit(self.endpoint).hostname or "",
                                              send_cbt=self.send_cbt)
            if wanted == "always" or (wanted == "auto" and not self.endpoint.lower().startswith("https")):
                self.setup_encryption(session)
        return session
