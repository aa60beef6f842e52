"""Who took part in the mapping: sessions, participant groups, pseudonymous participants and their consent.

No name of a child or of a key informant is ever stored: a participant is a
pseudonymous code (the one on their card), an age band, a sex and, for a key
informant, a role.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AgeBand(models.TextChoices):
    """Children's age bands; codes are the choice names of the shipped child survey."""

    B6_9 = "6_9", _("6-9 years")
    B10_12 = "10_12", _("10-12 years")
    B13_15 = "13_15", _("13-15 years")
    B16_17 = "16_17", _("16-17 years")


# The ages each band covers, to apply a country's consent rules.
AGE_BAND_AGES: dict[str, tuple[int, int]] = {
    AgeBand.B6_9: (6, 9),
    AgeBand.B10_12: (10, 12),
    AgeBand.B13_15: (13, 15),
    AgeBand.B16_17: (16, 17),
}


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    NOT_STATED = "not_stated", _("Not stated")


class Perspective(models.TextChoices):
    """Whose view an answer gives: a child's or a key informant's."""

    CHILD = "child", _("Children")
    KEY_INFORMANT = "key_informant", _("Key informants")


class InformantRole(models.TextChoices):
    PARENT = "parent", _("Parent or caregiver")
    TEACHER = "teacher", _("Teacher")
    POLICE = "police", _("Police officer")
    HEALTH_WORKER = "health_worker", _("Health worker")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    LAN_HOUSE_OWNER = "lan_house_owner", _("LAN house / internet café owner")
    COMMUNITY_LEADER = "community_leader", _("Community or religious leader")
    OTHER = "other", _("Other")


class MappingSession(models.Model):
    """A mapping activity held in a pilot location on a date, with its facilitators and participant groups."""

    class Kind(models.TextChoices):
        COMMUNITY_VISIT = "community_visit", _("Community visit")
        SOCIAL_MAPPING = "social_mapping", _("Social mapping")
        FOCUS_GROUP = "focus_group", _("Focus group")
        KEY_INFORMANT_INTERVIEW = "key_informant_interview", _("Key-informant interview")
        SURVEY = "survey", _("Survey")

    location = models.ForeignKey(
        "partnership.PilotLocation",
        on_delete=models.PROTECT,
        related_name="mapping_sessions",
        verbose_name=_("pilot location"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    round = models.PositiveSmallIntegerField(
        _("mapping round"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text=_("1 for the first mapping in this location, 2 for the next, and so on."),
    )
    instrument = models.ForeignKey(
        "mapping.Instrument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("instrument"),
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="mapping_sessions", verbose_name=_("facilitators")
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("No names of children or informants."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("mapping session")
        verbose_name_plural = _("mapping sessions")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%Y-%m-%d})"


class ParticipantGroup(models.Model):
    """Who took part in a session: children of one age band and sex, or key informants of one role."""

    session = models.ForeignKey(
        MappingSession, on_delete=models.CASCADE, related_name="groups", verbose_name=_("session")
    )
    perspective = models.CharField(_("participants"), max_length=16, choices=Perspective.choices)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices, blank=True)
    sex = models.CharField(_("sex"), max_length=16, choices=Sex.choices, blank=True)
    informant_role = models.CharField(_("informant role"), max_length=32, choices=InformantRole.choices, blank=True)
    size = models.PositiveIntegerField(_("number of participants"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("participant group")
        verbose_name_plural = _("participant groups")
        ordering = ["session", "perspective", "age_band", "sex", "informant_role"]

    def __str__(self) -> str:
        if self.perspective == Perspective.CHILD:
            return f"{self.get_age_band_display()} · {self.get_sex_display()}"
        return str(self.get_informant_role_display())

    def clean(self) -> None:
        super().clean()
        if self.perspective == Perspective.CHILD:
            errors = {}
            if not self.age_band:
                errors["age_band"] = ValidationError(_("Give the children's age band."), code="required")
            if self.informant_role:
                errors["informant_role"] = ValidationError(_("Children have no informant role."), code="invalid")
            if errors:
                raise ValidationError(errors)
        elif self.perspective == Perspective.KEY_INFORMANT:
            if not self.informant_role:
                raise ValidationError(
                    {"informant_role": ValidationError(_("Give the key informants' role."), code="required")}
                )
            if self.age_band:
                raise ValidationError(
                    {"age_band": ValidationError(_("Key informants are adults: leave the age band empty."))}
                )


class Participant(models.Model):
    """A pseudonymous participant of a location: a code, never a name."""

    location = models.ForeignKey(
        "partnership.PilotLocation",
        on_delete=models.PROTECT,
        related_name="mapping_participants",
        verbose_name=_("pilot location"),
    )
    code = models.CharField(
        _("participant code"),
        max_length=40,
        help_text=_("The pseudonymous code on the participant's card, never a name."),
    )
    perspective = models.CharField(_("participant"), max_length=16, choices=Perspective.choices)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices, blank=True)
    sex = models.CharField(_("sex"), max_length=16, choices=Sex.choices, blank=True)
    informant_role = models.CharField(_("informant role"), max_length=32, choices=InformantRole.choices, blank=True)
    group = models.ForeignKey(
        ParticipantGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("participant group"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["location", "code"]
        constraints = [
            models.UniqueConstraint(fields=["location", "code"], name="mapping_participant_unique_code"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Consent(models.Model):
    """Consent or assent a participant (or their caregiver) gave, and its withdrawal."""

    class Type(models.TextChoices):
        CONSENT = "consent", _("Consent")
        ASSENT = "assent", _("Assent")

    class GivenBy(models.TextChoices):
        CHILD = "child", _("Child")
        CAREGIVER = "caregiver", _("Caregiver")
        BOTH = "both", _("Child and caregiver")
        INFORMANT = "informant", _("Key informant (adult)")

    class Scope(models.TextChoices):
        ANSWERS = "answers", _("Use of answers in counts")
        QUOTES = "quotes", _("Anonymised quotes")
        FOLLOW_UP = "follow_up", _("Contact for a later round")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="consents", verbose_name=_("participant")
    )
    type = models.CharField(_("type"), max_length=16, choices=Type.choices)
    given_by = models.CharField(_("given by"), max_length=16, choices=GivenBy.choices)
    scope = models.JSONField(_("scope"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=16)
    date = models.DateField(_("date"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["participant", "-date", "-id"]

    def __str__(self) -> str:
        return f"{self.participant} · {self.get_type_display()} · {self.date:%Y-%m-%d}"

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.scope, list) or not self.scope:
            raise ValidationError({"scope": ValidationError(_("Choose what the consent covers."), code="required")})
        unknown = [str(code) for code in self.scope if code not in self.Scope.values]
        if unknown:
            raise ValidationError(
                {"scope": ValidationError(_("Unknown scope: {codes}.").format(codes=", ".join(unknown)))}
            )
        self.scope = sorted(set(self.scope), key=self.Scope.values.index)


class ConsentRule(models.Model):
    """What a country asks for at an age: caregiver consent, child assent, or the child's own consent."""

    class Requirement(models.TextChoices):
        CAREGIVER_CONSENT = "caregiver_consent", _("Caregiver consent")
        ASSENT_AND_CAREGIVER = "assent_and_caregiver", _("Child assent and caregiver consent")
        CHILD_CONSENT = "child_consent", _("Child's own consent")

    country = models.ForeignKey(
        "partnership.Country", on_delete=models.CASCADE, related_name="consent_rules", verbose_name=_("country")
    )
    min_age = models.PositiveSmallIntegerField(_("from age"), validators=[MaxValueValidator(17)])
    max_age = models.PositiveSmallIntegerField(_("to age"), validators=[MaxValueValidator(17)])
    requirement = models.CharField(_("requirement"), max_length=32, choices=Requirement.choices)

    class Meta:
        verbose_name = _("consent rule")
        verbose_name_plural = _("consent rules")
        ordering = ["country", "min_age"]

    def __str__(self) -> str:
        return f"{self.country}: {self.min_age}-{self.max_age} {self.get_requirement_display()}"

    def clean(self) -> None:
        super().clean()
        if self.min_age is not None and self.max_age is not None and self.max_age < self.min_age:
            raise ValidationError({"max_age": ValidationError(_("The last age comes before the first."))})


# The default when a country has no rules of its own (domain notes, unconfirmed):
# under 6 caregiver consent; 6-14 child assent and caregiver consent; 15-17 child consent.
DEFAULT_CONSENT_RULES: tuple[tuple[int, int, str], ...] = (
    (0, 5, ConsentRule.Requirement.CAREGIVER_CONSENT),
    (6, 14, ConsentRule.Requirement.ASSENT_AND_CAREGIVER),
    (15, 17, ConsentRule.Requirement.CHILD_CONSENT),
)
