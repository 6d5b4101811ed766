"""The WS-Management shell operations that pywinrm's cmd shell uses.

Create, Command, Receive, Signal and Delete on the `windows/shell/cmd`
resource, with `RelatesTo` echoing each `MessageID`, base64 output streams,
`CommandState/Done` with the exit code, and the faults Windows sends for an
unknown shell, an unknown action, or an OperationTimeout while a command is
still running.
"""

from __future__ import annotations

import base64
import re
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

from remote.lab.regsim import Output

NS = {
    "s": "http://www.w3.org/2003/05/soap-envelope",
    "a": "http://schemas.xmlsoap.org/ws/2004/08/addressing",
    "w": "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd",
    "rsp": "http://schemas.microsoft.com/wbem/wsman/1/windows/shell",
    "x": "http://schemas.xmlsoap.org/ws/2004/09/transfer",
}
SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell"
TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer"
CMD_URI = f"{SHELL}/cmd"
ACTIONS = {
    f"{TRANSFER}/Create": "Create",
    f"{SHELL}/Command": "Command",
    f"{SHELL}/Receive": "Receive",
    f"{SHELL}/Signal": "Signal",
    f"{TRANSFER}/Delete": "Delete",
}
TIMED_OUT = 2150858793
SHELL_NOT_FOUND = 2150858843
ACTION_NOT_SUPPORTED = 2150858754
_DURATION = re.compile(r"^PT(\d+(?:\.\d+)?)S$")

_XMLNS = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())


def _tag(name: str) -> str:
    """`s:Header` as ElementTree's `{uri}Header`: a find by such a tag takes ElementTree's C path."""
    prefix, _, local = name.partition(":")
    return f"{{{NS[prefix]}}}{local}"


_HEADER, _BODY, _MESSAGE_ID, _ACTION, _RESOURCE_URI, _SELECTOR_SET, _SELECTOR, _OPERATION_TIMEOUT = map(_tag, (
    "s:Header", "s:Body", "a:MessageID", "a:Action", "w:ResourceURI", "w:SelectorSet", "w:Selector",
    "w:OperationTimeout"))
_SIGNAL, _COMMAND_LINE, _COMMAND, _ARGUMENTS, _RECEIVE, _DESIRED_STREAM = map(_tag, (
    "rsp:Signal", "rsp:CommandLine", "rsp:Command", "rsp:Arguments", "rsp:Receive", "rsp:DesiredStream"))


class Reply(NamedTuple):
    status: int
    body: bytes


class _Command(NamedTuple):
    output: Output
    done_at: float


def peek_action(body: bytes) -> str | None:
    """The short name of a request's action (Create, Receive…), or None."""
    match = re.search(rb"<(?:\w+:)?Action[^>]*>([^<]+)</", body)
    return ACTIONS.get(match.group(1).decode().strip()) if match else None


class Shells:
    """The shells and commands of one host, and the SOAP that drives them.

    `execute(command, arguments)` runs a command line and `command_seconds()`
    says how long a command should appear to run (for timeout faults).
    """

    def __init__(self, machine: str, execute: Callable[[str, str], Output],
                 command_seconds: Callable[[], float]) -> None:
        self.machine = machine
        self.execute = execute
        self.command_seconds = command_seconds
        self._shells: dict[str, dict[str, _Command]] = {}
        self._lock = threading.Lock()

    @property
    def open_shells(self) -> int:
        with self._lock:
            return len(self._shells)

    def handle(self, body: bytes, endpoint: str) -> Reply:
        try:
            root = ET.fromstring(body)
        except ET.ParseError:
            return self._fault("", "s:Sender", "w:InvalidMessageInformationHeader", 2150858817,
                               "The WS-Management service cannot process the request because the XML is invalid.")
        header = root.find(_HEADER)
        text = (lambda tag: (header.findtext(tag, default="") or "").strip()) if header is not None \
            else (lambda tag: "")
        message_id = text(_MESSAGE_ID)
        action = ACTIONS.get(text(_ACTION))
        if action is None:
            return self._fault(message_id, "s:Sender", "a:ActionNotSupported", ACTION_NOT_SUPPORTED,
                               "The WS-Management service cannot process the request. The action is not supported.")
        if text(_RESOURCE_URI) != CMD_URI:
            return self._fault(message_id, "s:Sender", "w:DestinationUnreachable", 2150858770,
                               "The WS-Management service cannot process the request. The resource URI is not "
                               "supported by this lab host (only the cmd shell is).")
        shell_id = ""
        for selector_set in header.iterfind(_SELECTOR_SET) if header is not None else ():
            for sel in selector_set.iterfind(_SELECTOR):
                if sel.get("Name") == "ShellId":
                    shell_id = (sel.text or "").strip()
        timeout = _DURATION.match(text(_OPERATION_TIMEOUT))
        op_timeout = float(timeout.group(1)) if timeout else 60.0
        body_el = root.find(_BODY)
        if action == "Create":
            return self._create(message_id, endpoint)
        with self._lock:
            known = shell_id in self._shells
        if not known:
            return self._fault(message_id, "s:Receiver", "w:InvalidSelectors", SHELL_NOT_FOUND,
                               f"The request for the Windows Remote Shell with ShellId {shell_id} failed because the "
                               "shell was not found on the server. Possible causes are: the specified ShellId is "
                               "incorrect or the shell no longer exists on the server.")
        if action == "Command":
            return self._command(message_id, shell_id, body_el)
        if action == "Receive":
            return self._receive(message_id, shell_id, body_el, op_timeout)
        if action == "Signal":
            sig = body_el.find(_SIGNAL) if body_el is not None else None
            with self._lock:
                self._shells[shell_id].pop(sig.get("CommandId", "") if sig is not None else "", None)
            return self._ok(message_id, f"{SHELL}/SignalResponse", "<rsp:SignalResponse/>")
        with self._lock:  # Delete
            self._shells.pop(shell_id, None)
        return self._ok(message_id, f"{TRANSFER}/DeleteResponse", "")

    def _create(self, message_id: str, endpoint: str) -> Reply:
        shell_id = str(uuid.uuid4()).upper()
        with self._lock:
            self._shells[shell_id] = {}
        body = (
            "<x:ResourceCreated>"
            f"<a:Address>{escape(endpoint)}</a:Address>"
            f"<a:ReferenceParameters><w:ResourceURI>{CMD_URI}</w:ResourceURI>"
            f'<w:SelectorSet><w:Selector Name="ShellId">{shell_id}</w:Selector></w:SelectorSet>'
            "</a:ReferenceParameters></x:ResourceCreated>"
            f"<rsp:Shell><rsp:ShellId>{shell_id}</rsp:ShellId><rsp:ResourceUri>{CMD_URI}</rsp:ResourceUri>"
            "<rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr</rsp:OutputStreams>"
            "</rsp:Shell>"
        )
        return self._ok(message_id, f"{TRANSFER}/CreateResponse", body)

    def _command(self, message_id: str, shell_id: str, body_el: ET.Element | None) -> Reply:
        line = body_el.find(_COMMAND_LINE) if body_el is not None else None
        command = (line.findtext(_COMMAND, default="") if line is not None else "") or ""
        arguments = (line.findtext(_ARGUMENTS, default="") if line is not None else "") or ""
        output = self.execute(command, arguments)
        command_id = str(uuid.uuid4()).upper()
        with self._lock:
            self._shells[shell_id][command_id] = _Command(output, time.monotonic() + self.command_seconds())
        body = f"<rsp:CommandResponse><rsp:CommandId>{command_id}</rsp:CommandId></rsp:CommandResponse>"
        return self._ok(message_id, f"{SHELL}/CommandResponse", body)

    def _receive(self, message_id: str, shell_id: str, body_el: ET.Element | None, op_timeout: float) -> Reply:
        receive = body_el.find(_RECEIVE) if body_el is not None else None
        stream = receive.find(_DESIRED_STREAM) if receive is not None else None
        command_id = stream.get("CommandId", "") if stream is not None else ""
        with self._lock:
            cmd = self._shells[shell_id].get(command_id)
        if cmd is None:
            return self._fault(message_id, "s:Receiver", "w:InvalidParameter", 2150858770,
                               f"The command {command_id} is not running in this shell.")
        wait = cmd.done_at - time.monotonic()
        if wait > op_timeout:
            time.sleep(op_timeout)
            return self._fault(message_id, "s:Receiver", "w:TimedOut", TIMED_OUT,
                               "The WS-Management service cannot complete the operation within the time specified "
                               "in OperationTimeout.")
        if wait > 0:
            time.sleep(wait)
        cid = quoteattr(command_id)
        parts = []
        for name, data in (("stdout", cmd.output.stdout), ("stderr", cmd.output.stderr)):
            if data:
                encoded = base64.b64encode(data).decode()
                parts.append(f'<rsp:Stream Name="{name}" CommandId={cid}>{encoded}</rsp:Stream>')
            parts.append(f'<rsp:Stream Name="{name}" CommandId={cid} End="true"></rsp:Stream>')
        parts.append(f'<rsp:CommandState CommandId={cid} State="{SHELL}/CommandState/Done">'
                     f"<rsp:ExitCode>{cmd.output.exit_code}</rsp:ExitCode></rsp:CommandState>")
        body = f"<rsp:ReceiveResponse>{''.join(parts)}</rsp:ReceiveResponse>"
        return self._ok(message_id, f"{SHELL}/ReceiveResponse", body)

    @staticmethod
    def _envelope(message_id: str, action: str, body: str) -> bytes:
        return (
            f'<s:Envelope xml:lang="en-US" {_XMLNS}><s:Header>'
            f"<a:Action>{action}</a:Action>"
            f"<a:MessageID>uuid:{str(uuid.uuid4()).upper()}</a:MessageID>"
            "<a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>"
            f"<a:RelatesTo>{escape(message_id)}</a:RelatesTo>"
            f"</s:Header><s:Body>{body}</s:Body></s:Envelope>"
        ).encode()

    def _ok(self, message_id: str, action: str, body: str) -> Reply:
        return Reply(200, self._envelope(message_id, action, body))

    def _fault(self, message_id: str, code: str, subcode: str, wsman_code: int, reason: str) -> Reply:
        body = (
            f"<s:Fault><s:Code><s:Value>{code}</s:Value><s:Subcode><s:Value>{subcode}</s:Value></s:Subcode>"
            f'</s:Code><s:Reason><s:Text xml:lang="en-US">{escape(reason)}</s:Text></s:Reason><s:Detail>'
            f'<f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="{wsman_code}" '
            f"Machine={quoteattr(self.machine)}><f:Message>{escape(reason)}</f:Message></f:WSManFault>"
            "</s:Detail></s:Fault>"
        )
        return Reply(500, self._envelope(message_id, "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault", body))
