"""Top down: national roundtables and bilaterals, what they yielded, and MNR self-assessments."""

from cpphub.national.models.engagements import (
    Commitment,
    Expectation,
    NationalEngagement,
    NationalPriority,
    NationalStrength,
)
from cpphub.national.models.mnr import MnrAssessment, MnrRating

__all__ = [
    "Commitment",
    "Expectation",
    "MnrAssessment",
    "MnrRating",
    "NationalEngagement",
    "NationalPriority",
    "NationalStrength",
]
