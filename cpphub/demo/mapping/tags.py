"""How the demo tags the three shipped instruments to the risk taxonomy, in one table.

The shipped XLSForms carry no tag columns, so the demo tags their questions and
choices after importing them, as a coordinator would on the instrument page.
A tagged question reports its codes when its answer is affirmative (yes, a
number above 0, some text); a tagged choice reports its codes when it is chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

CHILD_SURVEY = "cpp_child_survey"
KEY_INFORMANT_GUIDE = "cpp_key_informant_guide"
FOCUS_GROUP_SHEET = "cpp_focus_group_sheet"

# The shipped files (cpphub/mapping/instruments/), in the order the demo imports them.
INSTRUMENT_FILES = {
    CHILD_SURVEY: "child-survey.csv",
    KEY_INFORMANT_GUIDE: "key-informant-guide.csv",
    FOCUS_GROUP_SHEET: "focus-group-sheet.csv",
}


@dataclass(frozen=True)
class Tag:
    """The codes of one question (``choice`` empty) or of one choice of it."""

    form_id: str
    path: str
    choice: str = ""
    risk: str = ""  # "dimension/row", or "dimension" alone
    ict: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    strength: str = ""

    @property
    def risk_dimension(self) -> str:
        return self.risk.partition("/")[0]

    @property
    def risk_row(self) -> str:
        return self.risk.partition("/")[2]


# The instruments' "channel" list (same names in all three) and the taxonomy's channels.
# "game" and "other" have no channel of their own in the taxonomy.
CHANNEL_CHOICES = {
    "mobile": "mobile_phone",
    "chatroom": "chatroom",
    "social_network": "social_network",
    "webcam": "webcam",
    "blog": "blog",
    "digital_camera": "digital_camera",
    "lan_house": "lan_house",
}

# The "strength" and "helps" lists of the instruments and the taxonomy's strengths.
STRENGTH_CHOICES = {
    "digital_skills": "digital_skills",
    "parental_mediation": "active_mediation",
    "trusted_adult": "trusted_adult",
    "peer_support": "peer_support",
    "where_help": "knows_where_to_get_help",
    "school_community": "school_community",
}

C, K, F = CHILD_SURVEY, KEY_INFORMANT_GUIDE, FOCUS_GROUP_SHEET

TAGS: list[Tag] = [
    # Child survey: one question per C. "Too grown-up" is the pornography cell of the content row;
    # strangers asking for photos, meetings or secrets is grooming; offers of money, gifts or game
    # credits "for something that did not feel right" are paid self-generated or webcam abuse.
    Tag(C, "uncomfortable/content_upset", risk="content/sexual"),
    Tag(C, "uncomfortable/contact_uneasy", risk="contact/sexual", ict=("grooming",)),
    Tag(C, "uncomfortable/conduct_unkind", risk="conduct/aggressive"),
    Tag(C, "uncomfortable/contract_offer", risk="contract/sexual", ict=("self_generated", "live_streamed")),
    *(Tag(C, "uncomfortable/where_happened", name, channels=(code,)) for name, code in CHANNEL_CHOICES.items()),
    Tag(C, "uncomfortable/who_tell", "parent", strength="trusted_adult"),
    Tag(C, "uncomfortable/who_tell", "teacher", strength="trusted_adult"),
    Tag(C, "uncomfortable/who_tell", "other_adult", strength="trusted_adult"),
    Tag(C, "uncomfortable/who_tell", "friend", strength="peer_support"),
    Tag(C, "uncomfortable/who_tell", "helpline", strength="knows_where_to_get_help"),
    *(Tag(C, "staying_safe/what_helps", name, strength=code) for name, code in STRENGTH_CHOICES.items()),
    Tag(C, "staying_safe/adult_talks", "often", strength="active_mediation"),
    Tag(C, "staying_safe/knows_helpline", strength="knows_where_to_get_help"),
    # Key-informant guide: the risks they see (a dimension, no row), the channels, the strengths.
    *(Tag(K, "interview/risks_seen", name, risk=name) for name in ("content", "contact", "conduct", "contract")),
    *(Tag(K, "interview/channels_seen", name, channels=(code,)) for name, code in CHANNEL_CHOICES.items()),
    *(Tag(K, "interview/strengths_seen", name, strength=code) for name, code in STRENGTH_CHOICES.items()),
    Tag(K, "interview/help_places", "school", strength="school_community"),
    Tag(K, "interview/help_places", "community", strength="school_community"),
    Tag(K, "interview/help_places", "helpline", strength="knows_where_to_get_help"),
    # Focus-group sheet: its findings' dimension and channels.
    *(Tag(F, "finding/dimension", name, risk=name) for name in ("content", "contact", "conduct", "contract")),
    *(Tag(F, "finding/channel", name, channels=(code,)) for name, code in CHANNEL_CHOICES.items()),
]
