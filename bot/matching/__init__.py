"""Matching a newcomer's message to knowledge entries. Pure: no Telegram, no storage."""

from .decide import Matcher
from .decision import Candidate, Decision
from .tuning import Thresholds

__all__ = ["Candidate", "Decision", "Matcher", "Thresholds"]
