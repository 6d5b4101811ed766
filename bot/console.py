"""The console: chat in the terminal through the same handlers as Slack.

Reads lines from stdin, so a file piped in is a script. `/as USER` switches
who is speaking. The work a line starts (reading hosts, executing a change)
is finished before the next line is read. The output is a plain transcript.
`/lab set HOST VALUE|absent` changes NLBSFlags on the console's own lab out
of band, as an administrator would by hand on a server (the inventory's
lab is another process: `oakley lab set` reaches it).
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

from sqlalchemy.exc import SQLAlchemyError

from bot.services import DATABASE_DOWN, Services
from bot.terminal import printable
from handlers import slacktext
from handlers.context import ChatContext
from handlers.format import outcome_text
from handlers.reply import Reply
from handlers.router import handle_text

#: The console's stand-in for the bot's user id: "@oakley" typed in a line is its mention, as Slack would send it.
CONSOLE_BOT = "UOAKLEY"


def as_slack_sends(line: str) -> str:
    """A console line as Slack would deliver it, then read as the Slack listeners read it: "hey @oakley check
    fe01" and "check <http://fe01.corp.example|fe01.corp.example>" mean what they mean in Slack (README)."""
    if len(line) > slacktext.MAX_INPUT:
        return line  # refused whole by the handlers, with its length: never cut and read as something else
    line = re.sub(r"(?<![\w<@])@oakley\b", f"<@{CONSOLE_BOT}>", line.replace("\x00", " "), flags=re.I)
    return slacktext.normalize(line, CONSOLE_BOT)


class Console:
    def __init__(self, services: Services, user: str = "alice", out: TextIO = sys.stdout) -> None:
        self.services = services
        self.user = user
        self.out = out

    def say(self, who: str, text: str) -> None:
        lines = printable(text).splitlines() or [""]  # a host name typed with "\x1b]0;…" echoes as "?]0;…"
        self.out.write(f"{who}> {lines[0]}\n" + "".join(f"{' ' * (len(who) + 2)}{line}\n" for line in lines[1:]))
        self.out.flush()

    def _show(self, reply: Reply) -> None:
        prefix = "oakley (only you)" if reply.ephemeral else "oakley"
        self.say(prefix, reply.text + (f"\n({reply.citation})" if reply.citation else ""))
        if reply.followup is not None:
            result = reply.followup(lambda note: self.say("oakley", note))
            self._show(result)

    def run_scheduled(self) -> None:
        """Scheduled changes whose change window has opened run before the next line is handled
        (the console has no background sweep)."""
        workflow = self.services.workflow
        for gid in workflow.start_due():
            self.say("oakley", f"change {gid}: its change window opened — executing now…")
            self.say("oakley", outcome_text(workflow.execute(gid)))

    def handle(self, line: str) -> None:
        line = line.strip()
        if not line or line.startswith("#"):
            return
        if line.startswith("/as"):
            user = line[3:].strip()
            if not user or " " in user:
                self.say("oakley (only you)", "usage: /as USER")
                return
            self.user = user
            self.say("oakley (only you)", f"you are now {user} ({self.services.roles.describe(user)})")
            return
        if line in ("/quit", "/exit"):
            raise EOFError
        if line.startswith("/lab"):
            self.say("oakley (only you)", self._lab(line[4:]))
            return
        if line.startswith("/") and not line.startswith("/oakley"):
            self.say("oakley (only you)", f"unknown console command {line.split()[0][:40]}; the console knows "
                     "/as USER, /lab set HOST VALUE|absent and /quit (anything else is said to Oakley)")
            return
        self.say(self.user, line)
        try:
            self.run_scheduled()
            self._show(handle_text(as_slack_sends(line), ChatContext(self.user, self.services, channel="console")))
        except SQLAlchemyError:  # each step is its own transaction: nothing is left half-written
            self.say("oakley (only you)", DATABASE_DOWN)

    def _lab(self, rest: str) -> str:
        """`/lab set HOST VALUE|absent` on the lab this console started."""
        from remote.lab.control import ControlError, parse_value

        words = rest[:200].split()
        if len(words) != 3 or words[0] != "set":
            return "usage: /lab set HOST VALUE|absent"
        lab = self.services.lab
        if lab is None:
            return "this console runs on an inventory, not its own lab: use `oakley lab set HOST VALUE` there"
        host = lab.hosts.get(words[1])
        if host is None:
            return f"the lab has no such host; it has {', '.join(list(lab.hosts)[:10])}"
        try:
            value = parse_value(words[2])
        except ControlError as exc:
            return str(exc)
        before = host.nlbsflags()
        host.set_nlbsflags(value)
        return (f"lab: NLBSFlags on {host.name} {'absent' if before is None else before} → "
                f"{'absent' if value is None else value} (out of band: Oakley did not make this change)")

    def run(self, stream: TextIO = sys.stdin) -> int:
        interactive = stream.isatty()
        if interactive:
            self.out.write("Oakley console — ask about KB 821839 or type `help`; `/as USER` switches user, "
                           "Ctrl-D quits.\n")
        while True:
            if interactive:
                self.out.write(f"[{self.user}] ")
                self.out.flush()
            line = stream.readline()
            if not line:
                return 0
            try:
                self.handle(line)
            except EOFError:
                return 0
