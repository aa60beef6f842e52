"""Children's cases, their consent, and their referrals to services: identifying (class A) data.

Every free-text or identifying value is an :class:`EncryptedTextField`; what
stays clear (sex, age band, location, need, risk level, dates, statuses) is
what the suppressed numbers count, and none of it names a child. A case is
known outside its record by its ``reference`` only, never by a name.

Who may see what lives in ``cpphub/connect/selectors/access.py``: the
caseworkers of the organisation that registered the case, and for a referral
also those of the receiving organisation, see only what the consent shares.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpphub.connect.models.pathways import Need, RiskLevel
from cpphub.lib.encryption import EncryptedTextField

MAX_CHILD_AGE = 17


class ReferralPolicy(models.Model):
    """A country's response deadlines by risk level and how long closed cases are kept."""

    class RetentionAction(models.TextChoices):
        ANONYMISE = "anonymise", _("Anonymise (keep the numbers)")
        DELETE = "delete", _("Delete")

    country = models.OneToOneField(
        "partnership.Country", on_delete=models.CASCADE, related_name="referral_policy", verbose_name=_("country")
    )
    high_hours = models.PositiveIntegerField(
        _("high risk: respond within (hours)"), default=24, validators=[MinValueValidator(1), MaxValueValidator(2160)]
    )
    medium_hours = models.PositiveIntegerField(
        _("medium risk: respond within (hours)"), default=72, validators=[MinValueValidator(1), MaxValueValidator(2160)]
    )
    low_hours = models.PositiveIntegerField(
        _("low risk: respond within (hours)"), default=168, validators=[MinValueValidator(1), MaxValueValidator(2160)]
    )
    retention_days = models.PositiveIntegerField(
        _("keep closed cases for (days)"), default=730, validators=[MinValueValidator(30), MaxValueValidator(36500)]
    )
    retention_action = models.CharField(
        _("after that"), max_length=10, choices=RetentionAction.choices, default=RetentionAction.ANONYMISE
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("referral policy")
        verbose_name_plural = _("referral policies")
        ordering = ["country__name"]

    def __str__(self) -> str:
        return str(self.country)

    def hours_for(self, risk_level: str) -> int:
        hours: dict[str, int] = {RiskLevel.HIGH: self.high_hours, RiskLevel.MEDIUM: self.medium_hours}
        return hours.get(risk_level, self.low_hours)


class AgeBand(models.TextChoices):
    B0_5 = "0_5", _("0-5 years")
    B6_9 = "6_9", _("6-9 years")
    B10_12 = "10_12", _("10-12 years")
    B13_15 = "13_15", _("13-15 years")
    B16_17 = "16_17", _("16-17 years")


AGE_BAND_AGES: dict[str, tuple[int, int]] = {
    AgeBand.B0_5: (0, 5),
    AgeBand.B6_9: (6, 9),
    AgeBand.B10_12: (10, 12),
    AgeBand.B13_15: (13, 15),
    AgeBand.B16_17: (16, 17),
}


def age_band_of(age: int) -> str:
    return next(band for band, (low, high) in AGE_BAND_AGES.items() if low <= age <= high)


class Sex(models.TextChoices):
    FEMALE = "female", _("Girl")
    MALE = "male", _("Boy")
    OTHER = "other", _("Another identity")
    NOT_STATED = "not_stated", _("Not stated")


class Case(models.Model):
    """A child registered by a caseworker, with the minimum identifying data."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Outcome(models.TextChoices):
        NEEDS_MET = "needs_met", _("Needs met, child safe")
        TRANSFERRED = "transferred", _("Transferred to another agency")
        MOVED = "moved", _("Child moved away")
        LOST_CONTACT = "lost_contact", _("Contact lost")
        OTHER = "other", _("Other")

    reference = models.CharField(_("case number"), max_length=32, unique=True, editable=False)
    organisation = models.ForeignKey(
        "partnership.Organisation",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("registering organisation"),
    )
    location = models.ForeignKey(
        "partnership.PilotLocation", on_delete=models.PROTECT, related_name="cases", verbose_name=_("pilot location")
    )
    name = EncryptedTextField(_("name or alias"))
    sex = models.CharField(_("sex"), max_length=12, choices=Sex.choices)
    age = models.PositiveSmallIntegerField(
        _("age"), null=True, blank=True, validators=[MaxValueValidator(MAX_CHILD_AGE)]
    )
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices)
    guardian_contact = EncryptedTextField(
        _("parent or guardian contact"), blank=True, help_text=_("Name and phone of a safe adult, if any.")
    )
    situation = EncryptedTextField(_("situation"), blank=True, help_text=_("What happened, in a few words."))
    need = models.CharField(_("need"), max_length=32, choices=Need.choices)
    risk_level = models.CharField(_("risk level"), max_length=8, choices=RiskLevel.choices)
    identified_on = models.DateField(_("identified on"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    closure_note = EncryptedTextField(_("closure note"), blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.reference  # never the child's name: this string reaches the audit trail


class Consent(models.Model):
    """Consent (an adult) or assent (the child) to share the case: with which providers, which information."""

    class Kind(models.TextChoices):
        CONSENT = "consent", _("Consent")
        ASSENT = "assent", _("Assent of the child")

    class GivenBy(models.TextChoices):
        CHILD = "child", _("The child")
        PARENT = "parent", _("Parent")
        GUARDIAN = "guardian", _("Legal guardian")
        CAREGIVER = "caregiver", _("Other caregiver")

    class Information(models.TextChoices):
        IDENTITY = "identity", _("Name, sex and age")
        CONTACT = "contact", _("Parent or guardian contact")
        SITUATION = "situation", _("What happened")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents", verbose_name=_("case"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.CONSENT)
    given_by = models.CharField(_("given by"), max_length=12, choices=GivenBy.choices)
    given_by_name = EncryptedTextField(_("name of who gave it"), blank=True)
    given_on = models.DateField(_("given on"), default=timezone.localdate)
    organisations = models.ManyToManyField(
        "connect.ServiceOrganisation",
        related_name="consents",
        verbose_name=_("may be shared with"),
    )
    information = models.JSONField(
        _("information that may be shared"), default=list, help_text=_("Codes: identity, contact, situation.")
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case.reference} · {self.get_kind_display()} {self.given_on:%Y-%m-%d}"


class Referral(models.Model):
    """A case referred to a service: refer -> accept or decline -> in progress -> done; or revoked."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        REVOKED = "revoked", _("Revoked")

    OPEN_STATUSES = (Status.SENT, Status.ACCEPTED, Status.IN_PROGRESS)

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("case"))
    service = models.ForeignKey(
        "connect.Service", on_delete=models.PROTECT, related_name="referrals", verbose_name=_("service")
    )
    provider = models.ForeignKey(
        "connect.ServiceOrganisation",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("receiving provider"),
    )
    receiving_organisation = models.ForeignKey(
        "partnership.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_referrals",
        verbose_name=_("receiving organisation"),
        help_text=_("The partner whose caseworkers receive it; empty when the provider is not on CPP Hub."),
    )
    pathway = models.ForeignKey(
        "connect.Pathway",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("pathway followed"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SENT)
    consent = models.ForeignKey(
        Consent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("consent"),
    )
    shared_information = models.JSONField(_("information shared"), default=list)
    override_reason = models.TextField(
        _("reason for sending without consent"),
        blank=True,
        help_text=_("A safeguarding emergency only. Do not name the child."),
    )
    message = EncryptedTextField(_("message to the service"), blank=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    deadline_at = models.DateTimeField(_("respond by"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)
    decline_reason = EncryptedTextField(_("reason for declining"), blank=True)
    started_at = models.DateTimeField(_("service started"), null=True, blank=True)
    completed_at = models.DateTimeField(_("done"), null=True, blank=True)
    outcome_note = EncryptedTextField(_("what was done"), blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoke_reason = EncryptedTextField(_("reason for revoking"), blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case.reference} → {self.provider}"

    @property
    def responded_at(self):  # type: ignore[no-untyped-def]
        return self.accepted_at or self.declined_at

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, now=None) -> bool:  # type: ignore[no-untyped-def]
        """Not answered by its deadline (accepted, declined or revoked in time is not overdue)."""
        now = now or timezone.now()
        return self.status == self.Status.SENT and self.deadline_at < now


class CaseNote(models.Model):
    """A follow-up note on a case, or on one of its referrals (the receiving caseworkers write those)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes", verbose_name=_("case"))
    referral = models.ForeignKey(
        Referral,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notes",
        verbose_name=_("referral"),
    )
    text = EncryptedTextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_organisation = models.ForeignKey(
        "partnership.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("follow-up note")
        verbose_name_plural = _("follow-up notes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case.reference} · {self.created_at:%Y-%m-%d}"
