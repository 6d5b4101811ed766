"""LeanTransport prepares a session's POST once; what goes out is what pywinrm would send."""

from __future__ import annotations

from pathlib import Path

import requests

from remote import registry
from remote.lab import Lab
from remote.regexe import RegRead
from remote.winrm_client import WinRMClient
from remote.winrm_transport import LeanTransport, PreemptiveNtlmAuth
from tests.remote.conftest import ALLOW, FAST, NLBSFLAGS, creds, inventory_of

MESSAGE = b"<s:Envelope>" + b"x" * 700 + b"</s:Envelope>"


def transport_of(client: WinRMClient) -> LeanTransport:
    assert client._shell is not None
    transport = client._shell.protocol.transport
    assert isinstance(transport, LeanTransport)
    return transport


def test_sealed_requests_carry_pywinrms_headers_in_pywinrms_order(lab: Lab, tmp_path: Path) -> None:
    client = WinRMClient(inventory_of(lab, tmp_path).hosts["fe01"], creds(lab), FAST)
    with client:
        assert registry.read(client, ALLOW, NLBSFLAGS).present  # logged on, prototype in use
        transport = transport_of(client)
        session = transport.session
        assert session is not None and transport.encryption is not None
        prototype = transport._ready(session)
        assert prototype is not None
        theirs = transport.encryption.prepare_encrypted_request(session, transport.endpoint, MESSAGE)
        ours = prototype.with_body(b"\0" * len(theirs.body or b""), theirs.headers["Content-Type"])
        assert list(ours.headers.items()) == list(theirs.headers.items())
        assert (ours.method, ours.url, ours.hooks) == (theirs.method, theirs.url, theirs.hooks)
        assert "Authorization" not in ours.headers and ours.headers["Connection"] == "Keep-Alive"


def test_basic_over_https_requests_carry_pywinrms_headers(tls_lab: Lab, tmp_path: Path) -> None:
    fe01 = inventory_of(tls_lab, tmp_path).hosts["fe01"].model_copy(update={"transport": "basic"})
    client = WinRMClient(fe01, creds(tls_lab), FAST)
    with client:
        assert registry.read(client, ALLOW, NLBSFLAGS).present
        transport = transport_of(client)
        session = transport.session
        assert session is not None and transport.encryption is None
        prototype = transport._ready(session)
        assert prototype is not None and prototype.send_kwargs["verify"] == session.verify
        theirs = session.prepare_request(requests.Request("POST", transport.endpoint, data=MESSAGE))
        ours = prototype.with_body(MESSAGE, None)
        assert list(ours.headers.items()) == list(theirs.headers.items())
        assert ours.headers["Authorization"].startswith("Basic ") and ours.body == theirs.body


def test_a_cookie_from_the_server_sends_requests_the_way_pywinrm_does(lab: Lab, tmp_path: Path) -> None:
    served = lab.host("fe02")
    client = WinRMClient(inventory_of(lab, tmp_path).hosts["fe02"], creds(lab), FAST)
    with client:
        assert registry.read(client, ALLOW, NLBSFLAGS) == RegRead(False)
        transport = transport_of(client)
        assert transport.session is not None
        transport.session.cookies.set("affinity", "node-2")  # as a load balancer would set it
        assert transport._ready(transport.session) is None
        start = served.requests
        assert registry.write_dword(client, ALLOW, NLBSFLAGS, 1) == RegRead(True, "REG_DWORD", 1)
        assert served.requests - start == 6  # (Signal, Command, Receive) for the write and for the read-back
    assert served.nlbsflags() == 1 and served.shells.open_shells == 0


def test_a_new_session_prepares_anew(lab: Lab, tmp_path: Path) -> None:
    client = WinRMClient(inventory_of(lab, tmp_path).hosts["fe01"], creds(lab), FAST)
    with client:
        registry.read(client, ALLOW, NLBSFLAGS)
        transport = transport_of(client)
        assert transport._prototype is not None
    assert transport._prototype is None and transport.session is None
    assert registry.read(client, ALLOW, NLBSFLAGS).present  # a shell of its own, logged on again


def test_the_logon_post_is_the_one_pywinrm_prepares(lab: Lab, tmp_path: Path) -> None:
    client = WinRMClient(inventory_of(lab, tmp_path).hosts["fe01"], creds(lab), FAST)
    with client:
        transport = transport_of(client)
        session, base = transport.session, transport._unauthenticated
        assert session is not None and base is not None
        auth = session.auth
        assert isinstance(auth, PreemptiveNtlmAuth)
        logged_on, auth.session_security = auth.session_security, None  # as before the logon
        try:
            ours = base.for_auth(auth)
            theirs = session.prepare_request(requests.Request("POST", transport.endpoint, data=None))
        finally:
            auth.session_security, auth._pending = logged_on, None
        assert list(ours.headers) == list(theirs.headers)
        assert {k: v for k, v in ours.headers.items() if k != "Authorization"} == \
            {k: v for k, v in theirs.headers.items() if k != "Authorization"}
        assert ours.headers["Authorization"].startswith("Negotiate TlRMTVNTUAAB")  # an NTLM Negotiate message
        assert (ours.method, ours.url, ours.body, ours.hooks) == (theirs.method, theirs.url, theirs.body, theirs.hooks)
