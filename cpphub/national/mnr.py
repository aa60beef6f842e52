"""The WeProtect Global Alliance Model National Response: 21 capabilities in 6 groups.

The catalogue is code, not data: an assessment stores the framework version
it was made against, and the capabilities of each version are listed here.
The 2022 revision keeps the 21 capabilities and adds a maturity model of
four phases per capability.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Capability:
    number: int
    group: str
    name: Promise


GROUPS: dict[str, Promise] = {
    "policy": _("Policy and governance"),
    "criminal_justice": _("Criminal justice"),
    "victim": _("Victim"),
    "societal": _("Societal"),
    "industry": _("Industry"),
    "media": _("Media and communications"),
}

CAPABILITIES: tuple[Capability, ...] = (
    Capability(1, "policy", _("Leadership")),
    Capability(2, "policy", _("Research, analysis and monitoring")),
    Capability(3, "policy", _("Legislation")),
    Capability(4, "criminal_justice", _("Dedicated law enforcement")),
    Capability(5, "criminal_justice", _("Judiciary and prosecutors")),
    Capability(6, "criminal_justice", _("Offender management process")),
    Capability(7, "criminal_justice", _("Access to image databases")),
    Capability(8, "victim", _("End-to-end support")),
    Capability(9, "victim", _("Child protection workforce")),
    Capability(10, "victim", _("Compensation, remedies and complaints")),
    Capability(11, "victim", _("Child helpline")),
    Capability(12, "societal", _("CSEA hotline")),
    Capability(13, "societal", _("Education programme")),
    Capability(14, "societal", _("Child participation")),
    Capability(15, "societal", _("Offender support systems")),
    Capability(16, "industry", _("Takedown procedures")),
    Capability(17, "industry", _("CSEA reporting")),
    Capability(18, "industry", _("Innovative solution development")),
    Capability(19, "industry", _("Corporate social responsibility")),
    Capability(20, "media", _("Ethical and informed media reporting")),
    Capability(21, "media", _("Universal terminology")),
)
BY_NUMBER: dict[int, Capability] = {c.number: c for c in CAPABILITIES}
CAPABILITY_CHOICES = [
    (c.number, _("%(number)s. %(name)s") % {"number": c.number, "name": c.name}) for c in CAPABILITIES
]

FRAMEWORK_VERSIONS = [
    ("2016", _("Model National Response 2016")),
    ("2022", _("Model National Response 2022 with maturity model")),
]
CURRENT_FRAMEWORK = "2022"

# The maturity model's four phases, from building to maturity; an assessment may rename them.
DEFAULT_PHASES: tuple[Promise, ...] = (_("Building"), _("Developing"), _("Established"), _("Maturity"))
PHASE_CHOICES = [(n, label) for n, label in enumerate(DEFAULT_PHASES, start=1)]
# A capability is a gap while it is unrated or still in the first phase.
GAP_BELOW = 2
