"""The change service: every step on one object, as the handlers and the Slack surface use it."""

from __future__ import annotations

from bot.workflow.decide import DecideSteps
from bot.workflow.messages import MessageSteps
from bot.workflow.recover import RecoverSteps
from bot.workflow.request import RequestSteps


class Workflow(RequestSteps, DecideSteps, RecoverSteps, MessageSteps):
    """Request, decide, execute, revert, recover (DESIGN.md §6)."""
