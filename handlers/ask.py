"""Questions about KB 821839, answered from the encoded article."""

from __future__ import annotations

import re

from handlers import names
from handlers.context import ChatContext
from handlers.grammar import Ask
from handlers.reply import Reply
from kb.engine import answer

#: Words asking Oakley to change or read a server, said in a question rather than as a command.
_SETTING = frozenset({"set", "change", "modify", "apply", "put", "definir", "définir", "modifier", "mettre", "mets",
                      "passer", "passe", "appliquer"})
_CHECKING = frozenset({"check", "verify", "read", "vérifier", "verifier", "vérifie", "verifie", "lire", "contrôler",
                       "controler"})
_WORD = re.compile(r"[\w.-]{1,100}")


def handle(cmd: Ask, ctx: ChatContext) -> Reply:
    result = answer(cmd.question, kb=ctx.services.kb)
    # The first quote in the article's words (French), with its English rendering for English answers.
    citation = result.citations[0].line() if result.citations else None
    text = result.answer
    if (hint := _command_for(cmd.question, ctx, result.lang)) is not None:
        text = f"{text}\n{hint}"
    return Reply(text, citation=citation, data={"answer": result.to_json()})


def _command_for(question: str, ctx: ChatContext, lang: str) -> str | None:
    """"can oakley set nlbsflags on fe02 for me?": the article's answer, and the command that does it."""
    words = [w.lower().strip(".-") for w in _WORD.findall(question[:2000])][:300]
    setting, checking = bool(_SETTING & set(words)), bool(_CHECKING & set(words))
    if not (setting or checking):
        return None
    hosts = [n for n in names.resolve(ctx.services.inventory, words).names if n != "all"]
    if not hosts:
        return None
    host = hosts[0]
    command = f"set nlbsflags 1 on {host} because …" if setting else f"check {host}"
    if lang == "fr":
        command = f"définir nlbsflags 1 sur {host} car …" if setting else f"vérifier {host}"
        return f"Pour le faire sur {host}, dites `{command}` (`aide` liste les commandes)."
    return f"To do it on {host}, say `{command}` (`help` lists the commands)."
