"""reg.exe command lines and output parsing, on literal outputs of both styles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remote import regexe
from remote.errors import RemoteError
from remote.regexe import Allowlist, RegistryValue, RegRead
from tests.remote.conftest import ALLOW, NLBSFLAGS

KEY = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent\\Oakley"
LEGACY_FOUND = f"\r\n! REG.EXE VERSION 3.0\r\n\r\n{KEY}\r\n    NLBSFlags\tREG_DWORD\t0x1\r\n\r\n".encode()
VISTA_FOUND = f"\r\n{KEY}\r\n    NLBSFlags    REG_DWORD    0x1\r\n\r\n".encode()
LEGACY_MISSING = b"\r\nError:  The system was unable to find the specified registry key or value\r\n"
VISTA_MISSING = b"ERROR: The system was unable to find the specified registry key or value.\r\n"


def parse(code: int, out: bytes = b"", err: bytes = b"") -> RegRead:
    return regexe.parse_query(NLBSFLAGS, code, out, err, "fe01")


def test_command_lines_are_fixed_shapes() -> None:
    assert regexe.query(ALLOW, NLBSFLAGS).line() == (
        'reg query "HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent\\Oakley" /v NLBSFlags')
    assert regexe.add_dword(ALLOW, NLBSFLAGS, 1).arguments[-5:] == ("/t", "REG_DWORD", "/d", "1", "/f")
    assert regexe.delete(ALLOW, NLBSFLAGS).arguments[0] == "delete"


def test_reads_both_styles() -> None:
    assert parse(0, LEGACY_FOUND) == RegRead(True, "REG_DWORD", 1)
    assert parse(0, VISTA_FOUND) == RegRead(True, "REG_DWORD", 1)


def test_hex_and_decimal_dwords() -> None:
    assert parse(0, VISTA_FOUND.replace(b"0x1", b"0xffffffff")).value == 0xFFFFFFFF
    assert parse(0, LEGACY_FOUND.replace(b"0x1", b"42")).value == 42


def test_missing_value_in_both_styles_is_absent() -> None:
    assert parse(1, LEGACY_MISSING) == RegRead(False)
    assert parse(1, b"", VISTA_MISSING) == RegRead(False)


@pytest.mark.parametrize(("out", "err"), [(b"\r\nError:  Access is denied.\r\n", b""),
                                          (b"", b"ERROR: Access is denied.\r\n")])
def test_access_denied(out: bytes, err: bytes) -> None:
    with pytest.raises(RemoteError) as e:
        parse(1, out, err)
    assert e.value.kind == "access_denied"


def test_exit_code_is_trusted_before_text() -> None:
    with pytest.raises(RemoteError) as e:  # exit 0 but no value line
        parse(0, b"\r\n! REG.EXE VERSION 3.0\r\n\r\nHKEY_LOCAL_MACHINE\\SYSTEM\r\n")
    assert e.value.kind == "parse_error" and "HKEY_LOCAL_MACHINE" in (e.value.raw or "")
    with pytest.raises(RemoteError) as e:  # nonzero exit with a success-looking text
        parse(5, VISTA_FOUND)
    assert e.value.kind == "command_failed"


def test_garbled_value_is_a_parse_error() -> None:
    with pytest.raises(RemoteError) as e:
        parse(0, VISTA_FOUND.replace(b"0x1", b"0xZZ"))
    assert e.value.kind == "parse_error"


def test_change_outputs() -> None:
    regexe.parse_change(0, b"\r\nThe operation completed successfully\r\n", b"", "fe01")
    regexe.parse_change(0, b"The operation completed successfully.\r\n", b"", "fe01")
    regexe.parse_change(1, b"", VISTA_MISSING, "fe01", missing_ok=True)
    with pytest.raises(RemoteError) as e:
        regexe.parse_change(0, b"something else", b"", "fe01")
    assert e.value.kind == "parse_error"
    with pytest.raises(RemoteError) as e:
        regexe.parse_change(1, b"", VISTA_MISSING, "fe01")
    assert e.value.kind == "command_failed"


def test_allowlist_refuses_unsafe_entries() -> None:
    with pytest.raises(ValueError):
        Allowlist([RegistryValue('HKLM\\SOFTWARE" & del c:\\ & "', "x")])


@given(key=st.text(max_size=80), name=st.text(max_size=40))
def test_nothing_off_the_allowlist_reaches_a_command_line(key: str, name: str) -> None:
    value = RegistryValue(key, name)
    for build in (regexe.query, regexe.delete, lambda a, v: regexe.add_dword(a, v, 1)):
        if value == NLBSFLAGS:
            assert build(ALLOW, value).arguments[1] == f'"{NLBSFLAGS.key}"'
        else:
            with pytest.raises(ValueError):
                build(ALLOW, value)


@given(st.one_of(st.integers(), st.text(), st.booleans(), st.floats()))
def test_only_dword_integers_are_written(data: object) -> None:
    if isinstance(data, int) and not isinstance(data, bool) and 0 <= data <= 0xFFFFFFFF:
        assert regexe.add_dword(ALLOW, NLBSFLAGS, data).arguments[-2] == str(data)
    else:
        with pytest.raises(ValueError):
            regexe.add_dword(ALLOW, NLBSFLAGS, data)  # type: ignore[arg-type]


@given(st.text())
def test_every_argument_comes_from_the_fixed_vocabulary(chat_text: str) -> None:
    # Whatever a chat message says, the arguments are the allowlisted parts.
    cmd = regexe.add_dword(ALLOW, NLBSFLAGS, len(chat_text) % 2)
    allowed = {"add", f'"{NLBSFLAGS.key}"', "/v", NLBSFLAGS.name, "/t", "REG_DWORD", "/d", "0", "1", "/f"}
    assert set(cmd.arguments) <= allowed
