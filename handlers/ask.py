"""Questions about KB 821839, answered from the encoded article."""

from __future__ import annotations

from handlers.context import ChatContext
from handlers.grammar import Ask
from handlers.reply import Reply
from kb.engine import answer


def handle(cmd: Ask, ctx: ChatContext) -> Reply:
    result = answer(cmd.question, kb=ctx.services.kb)
    sections = list(dict.fromkeys(c.section for c in result.citations))
    citation = f"KB {result.citations[0].article} — {', '.join(sections)}" if sections else None
    return Reply(result.answer, citation=citation, data={"answer": result.to_json()})
