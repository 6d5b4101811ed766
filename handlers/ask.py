"""Questions about KB 821839, answered from the encoded article."""

from __future__ import annotations

from handlers.context import ChatContext
from handlers.grammar import Ask
from handlers.reply import Reply
from kb.engine import answer


def handle(cmd: Ask, ctx: ChatContext) -> Reply:
    result = answer(cmd.question, kb=ctx.services.kb)
    # The first quote in the article's words (French), with its English rendering for English answers.
    citation = result.citations[0].line() if result.citations else None
    return Reply(result.answer, citation=citation, data={"answer": result.to_json()})
