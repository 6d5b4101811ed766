"""LeanProtocol sends the very bytes pywinrm would, without rendering each message anew."""

from __future__ import annotations

import re
from typing import Any

import pytest
import winrm

from remote.lab.regsim import Output
from remote.lab.wsman import Shells
from remote.winrm_transport import LeanProtocol

ENDPOINT = "http://127.0.0.1:5985/wsman"
_ID = re.compile(r"<a:MessageID>uuid:[0-9a-fA-F-]{36}</a:MessageID>")


class Captured(Exception):
    pass


class Pywinrm(winrm.Protocol):
    """pywinrm as it is: the message each call would send."""

    def send_message(self, message: str) -> bytes:
        raise Captured(message)


class Recording(LeanProtocol):
    """LeanProtocol against the lab's WS-Management shell, recording what it sends."""

    def __init__(self, shells: Shells, **kwargs: Any) -> None:
        super().__init__(ENDPOINT, username="u", password="p", **kwargs)
        self.shells = shells
        self.sent: list[str] = []

    def send_message(self, message: str | bytes) -> bytes:
        text = message if isinstance(message, str) else message.decode()
        self.sent.append(text)
        reply = self.shells.handle(text.encode(), ENDPOINT)
        assert reply.status == 200, reply.body
        return reply.body


def plain(call: str, *args: Any, **kwargs: Any) -> str:
    protocol = Pywinrm(ENDPOINT, username="u", password="p", **kwargs.pop("options", {}))
    with pytest.raises(Captured) as sent:
        getattr(protocol, call)(*args, **kwargs)
    return str(sent.value.args[0])


def same(a: str, b: str) -> bool:
    return _ID.sub("ID", a) == _ID.sub("ID", b)


@pytest.mark.parametrize("options", [{}, {"operation_timeout_sec": 5, "read_timeout_sec": 9}])
def test_every_message_is_what_pywinrm_sends(options: dict[str, int]) -> None:
    shells = Shells("FE01", lambda c, a: Output(0, b"out & <more>", b"err"), lambda: 0.0)
    lean = Recording(shells, **options)
    arguments = ["query", '"HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent\\Oakley"', "/v", "NLBSFlags"]
    for _ in range(2):  # the first round renders the templates, the second uses them
        lean.sent.clear()
        shell = lean.open_shell()
        command = lean.run_command(shell, "reg", arguments)
        assert lean.get_command_output_raw(shell, command) == (b"out & <more>", b"err", 0, True)
        lean.cleanup_command(shell, command)
        lean.close_shell(shell, close_session=False)
        expected = [
            plain("open_shell", options=options),
            plain("run_command", shell, "reg", arguments, options=options),
            plain("get_command_output_raw", shell, command, options=options),
            plain("cleanup_command", shell, command, options=options),
            plain("close_shell", shell, close_session=False, options=options),
        ]
        assert len(lean.sent) == len(expected)
        for sent, wanted in zip(lean.sent, expected, strict=True):
            assert same(sent, wanted), (sent, wanted)
        ids = [_ID.search(m).group() for m in lean.sent]  # type: ignore[union-attr]
        assert len(set(ids)) == len(ids)  # a fresh MessageID each time
    assert shells.open_shells == 0


def test_markup_in_a_command_line_is_escaped_as_pywinrm_does() -> None:
    shells = Shells("FE01", lambda c, a: Output(0, b"", b""), lambda: 0.0)
    lean = Recording(shells)
    shell = lean.open_shell()
    lean.run_command(shell, "reg", ["a&b", "<c>", "OAKLEY-SHELL-ID"])
    assert same(lean.sent[-1], plain("run_command", shell, "reg", ["a&b", "<c>", "OAKLEY-SHELL-ID"]))


def test_unusual_ids_go_through_pywinrm() -> None:
    class Echo(LeanProtocol):
        def send_message(self, message: str | bytes) -> bytes:
            raise Captured(message)

    lean = Echo(ENDPOINT, username="u", password="p")
    odd = 'shell"<id>'
    with pytest.raises(Captured) as sent:
        lean.get_command_output_raw(odd, "C1")
    assert same(str(sent.value.args[0]), plain("get_command_output_raw", odd, "C1"))
