"""Instruments of the Map stage, imported from XLSForm, and the risk taxonomy their items are tagged with."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RiskDimension(models.TextChoices):
    """The CO:RE "4Cs" of online risk."""

    CONTENT = "content", _("Content")
    CONTACT = "contact", _("Contact")
    CONDUCT = "conduct", _("Conduct")
    CONTRACT = "contract", _("Contract")


class RiskRow(models.TextChoices):
    AGGRESSIVE = "aggressive", _("Aggressive")
    SEXUAL = "sexual", _("Sexual")
    VALUES = "values", _("Values")
    CROSS_CUTTING = "cross_cutting", _("Cross-cutting")


class IctTag(models.TextChoices):
    GROOMING = "grooming", _("Grooming")
    SEXTORTION = "sextortion", _("Sextortion")
    SELF_GENERATED = "self_generated", _("Self-generated sexual content")
    LIVE_STREAMED = "live_streamed", _("Live-streamed abuse")
    CSAM = "csam", _("Child sexual abuse material")


class Channel(models.TextChoices):
    WEBCAM = "webcam", _("Webcam")
    CHATROOM = "chatroom", _("Chatroom")
    BLOG = "blog", _("Blog")
    SOCIAL_NETWORK = "social_network", _("Social network")
    MOBILE_PHONE = "mobile_phone", _("Mobile phone")
    DIGITAL_CAMERA = "digital_camera", _("Digital camera")
    LAN_HOUSE = "lan_house", _("LAN house / internet café")


class Strength(models.TextChoices):
    DIGITAL_SKILLS = "digital_skills", _("Digital skills")
    ACTIVE_MEDIATION = "active_mediation", _("Active parental mediation")
    TRUSTED_ADULT = "trusted_adult", _("Trusted adult")
    PEER_SUPPORT = "peer_support", _("Peer support")
    KNOWS_WHERE_TO_GET_HELP = "knows_where_to_get_help", _("Knows where to get help")
    SCHOOL_COMMUNITY = "school_community", _("School and community structures")


class Instrument(models.Model):
    """A survey or interview guide of the Map stage, as converted from its XLSForm."""

    title = models.CharField(_("title"), max_length=300)
    form_id = models.CharField(_("form id"), max_length=200)
    version = models.CharField(_("version"), max_length=100, blank=True)
    location = models.ForeignKey(
        "partnership.PilotLocation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instruments",
        verbose_name=_("pilot location"),
        help_text=_("Empty for a template shared by the whole partnership."),
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    default_language = models.CharField(_("default language"), max_length=100, blank=True)
    form_json = models.JSONField(_("converted form"), default=dict, blank=True)
    source_file_name = models.CharField(_("source file"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})" if self.version else self.title


class Tagged(models.Model):
    """The taxonomy tags shared by questions and choices."""

    risk_dimension = models.CharField(_("risk dimension"), max_length=16, choices=RiskDimension.choices, blank=True)
    risk_row = models.CharField(_("risk row"), max_length=16, choices=RiskRow.choices, blank=True)
    ict_tags = models.JSONField(_("ICT tags"), default=list, blank=True)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    strength = models.CharField(_("strength"), max_length=32, choices=Strength.choices, blank=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        for field, allowed in (("ict_tags", IctTag), ("channels", Channel)):
            value = getattr(self, field)
            if not isinstance(value, list):
                errors[field] = ValidationError(_("Give a list of codes."), code="invalid")
                continue
            unknown = [str(code) for code in value if code not in allowed.values]
            if unknown:
                errors[field] = ValidationError(
                    _("Unknown codes: {codes}.").format(codes=", ".join(unknown)), code="invalid_choice"
                )
            else:
                setattr(self, field, sorted(set(value), key=allowed.values.index))
        if errors:
            raise ValidationError(errors)


class Question(Tagged):
    """An item of an instrument: a question, or a group or repeat that holds others (so the tree is kept)."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        GROUP = "group", _("Group")
        REPEAT = "repeat", _("Repeat")

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="questions", verbose_name=_("instrument")
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.QUESTION)
    name = models.CharField(_("name"), max_length=200)
    path = models.CharField(_("path"), max_length=1000)
    type = models.CharField(_("type"), max_length=200)
    labels = models.JSONField(_("labels"), default=dict, blank=True)
    hints = models.JSONField(_("hints"), default=dict, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["instrument", "order"]
        constraints = [models.UniqueConstraint(fields=["instrument", "path"], name="mapping_question_unique_path")]

    def __str__(self) -> str:
        return self.path

    @property
    def depth(self) -> int:
        """How deep in groups and repeats the item sits (0 at the top of the form)."""
        return self.path.count("/")


class Choice(Tagged):
    """An answer option of a select question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question"))
    name = models.CharField(_("name"), max_length=200)
    labels = models.JSONField(_("labels"), default=dict, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "order"]

    def __str__(self) -> str:
        return f"{self.question.path}={self.name}"
