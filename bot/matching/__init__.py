"""Matching a newcomer's message to knowledge entries. Pure: no Telegram, no storage."""

from .decide import Candidate, Decision, Matcher
from .tuning import Thresholds

__all__ = ["Candidate", "Decision", "Matcher", "Thresholds"]
