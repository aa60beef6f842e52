"""Outcome 2, Connect: the service directory (HSDS), referral pathways, and children's referrals."""

from cpphub.connect.models.directory import (
    CONFIDENTIAL_FIELDS,
    Service,
    ServiceAtLocation,
    ServiceCategory,
    ServiceLocation,
    ServiceOrganisation,
)
from cpphub.connect.models.pathways import Need, Pathway, PathwayStep, RiskLevel
from cpphub.connect.models.referrals import (
    AgeBand,
    Case,
    CaseNote,
    Consent,
    Referral,
    ReferralPolicy,
    Sex,
)

__all__ = [
    "CONFIDENTIAL_FIELDS",
    "AgeBand",
    "Case",
    "CaseNote",
    "Consent",
    "Need",
    "Pathway",
    "PathwayStep",
    "Referral",
    "ReferralPolicy",
    "RiskLevel",
    "Service",
    "ServiceAtLocation",
    "ServiceCategory",
    "ServiceLocation",
    "ServiceOrganisation",
    "Sex",
]
