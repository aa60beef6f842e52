"""Action templates of the whole partnership, in English: what any location may start from. Synthetic."""

from __future__ import annotations

from cpphub.demo.planning.specs import TemplateSpec

PARTNERSHIP_TEMPLATES = (
    TemplateSpec(
        "Peer education on online grooming",
        "Trained adolescents run sessions for younger pupils on spotting and blocking grooming, "
        "and on where to report. Synthetic demo data.",
        "equip",
        groups=("children", "teachers"),
        ages=("10_12", "13_15"),
        sexes=("female", "male"),
        expertise="Peer education; child participation",
        indicator="Children reached by peer sessions",
    ),
    TemplateSpec(
        "Internet café / LAN house code of conduct",
        "Owners agree on age rules, visible screens and the helpline posted at every machine. Synthetic demo data.",
        "connect",
        groups=("lan_house_owners", "children"),
        ages=("10_12", "13_15", "16_17"),
        sexes=("female", "male"),
        expertise="Child rights law",
        indicator="Venues that signed the code",
    ),
    TemplateSpec(
        "Agreed referral pathway",
        "Police, child protection, schools and health services agree who takes which case and where it goes next. "
        "Synthetic demo data.",
        "coordinate",
        groups=("police", "social_workers", "teachers", "health_workers"),
        expertise="Case management; protection networks",
        indicator="Services that adopted the pathway",
    ),
)
