"""The Map stage of Triple A: instruments, sessions and participants, consent, submissions, findings, counts."""

from cpphub.mapping.models.findings import Finding
from cpphub.mapping.models.instruments import (
    Channel,
    Choice,
    IctTag,
    Instrument,
    Question,
    RiskDimension,
    RiskRow,
    Strength,
    Tagged,
)
from cpphub.mapping.models.people import (
    AgeBand,
    Consent,
    ConsentRule,
    InformantRole,
    MappingSession,
    Participant,
    ParticipantGroup,
    Perspective,
    Sex,
)
from cpphub.mapping.models.submissions import Answer, ImportJob, MapCount, MappingSettings, Submission

__all__ = [
    "AgeBand",
    "Answer",
    "Channel",
    "Choice",
    "Consent",
    "ConsentRule",
    "Finding",
    "IctTag",
    "ImportJob",
    "InformantRole",
    "Instrument",
    "MapCount",
    "MappingSession",
    "MappingSettings",
    "Participant",
    "ParticipantGroup",
    "Perspective",
    "Question",
    "RiskDimension",
    "RiskRow",
    "Sex",
    "Strength",
    "Submission",
    "Tagged",
]
