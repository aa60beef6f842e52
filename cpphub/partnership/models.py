"""The partnership itself: organisations, countries, pilot locations, phases, contacts."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Sector(models.Model):
    """A sector an organisation works in. Rows are fixed by a data migration."""

    class Code(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")
        JUSTICE = "justice", _("Justice")
        NGO = "ngo", _("NGO")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        UN_MULTILATERAL = "un_multilateral", _("UN / multilateral")
        ACADEMIA = "academia", _("Academia")
        PRIVATE_SECTOR = "private_sector", _("Private sector")
        COMMUNITY = "community", _("Community")
        CHILDRENS_GROUP = "childrens_group", _("Children's group")

    code = models.CharField(_("code"), max_length=32, unique=True, choices=Code.choices)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.get_code_display())


class PartnershipRole(models.Model):
    """A role an organisation holds in the partnership. Rows are fixed by a data migration."""

    class Code(models.TextChoices):
        STEERING_COMMITTEE = "steering_committee", _("Steering committee")
        EXECUTING_AGENCY = "executing_agency", _("Executing agency")
        IMPLEMENTING_PARTNER = "implementing_partner", _("Implementing partner")
        NATIONAL_PARTNER = "national_partner", _("National partner")
        FUNDER = "funder", _("Funder")

    code = models.CharField(_("code"), max_length=32, unique=True, choices=Code.choices)

    class Meta:
        verbose_name = _("partnership role")
        verbose_name_plural = _("partnership roles")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.get_code_display())


class Country(models.Model):
    code = models.CharField(_("ISO code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2, e.g. BR"))
    name = models.CharField(_("name"), max_length=100, unique=True)
    languages = models.CharField(
        _("languages"), max_length=100, blank=True, help_text=_("Language codes, comma separated, e.g. pt-br")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnership:country_detail", args=[self.pk])

    def clean(self) -> None:
        self.code = (self.code or "").upper()
        if not (len(self.code) == 2 and self.code.isalpha()):
            raise ValidationError({"code": _("Enter a two-letter ISO 3166-1 code.")})


class Organisation(models.Model):
    class Level(models.TextChoices):
        LOCAL = "local", _("Local")
        NATIONAL = "national", _("National")
        INTERNATIONAL = "international", _("International")

    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    sectors = models.ManyToManyField(Sector, related_name="organisations", verbose_name=_("sectors"))
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("country"),
        help_text=_("Leave empty for an international organisation."),
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, default=Level.NATIONAL)
    partnership_roles = models.ManyToManyField(
        PartnershipRole, blank=True, related_name="organisations", verbose_name=_("partnership roles")
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse("partnership:organisation_detail", args=[self.pk])


class PilotLocation(models.Model):
    class Stage(models.TextChoices):
        MAP = "map", _("Map")
        ENGAGE = "engage", _("Engage")
        PLAN = "plan", _("Plan")
        CREATE = "create", _("Create")
        FOLLOW_UP = "follow_up", _("Follow-up")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="locations", verbose_name=_("country"))
    admin_area = models.CharField(_("administrative area"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    lead_partner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_locations",
        verbose_name=_("lead partner"),
    )
    implementing_partners = models.ManyToManyField(
        Organisation, blank=True, related_name="locations", verbose_name=_("implementing partners")
    )
    stage = models.CharField(_("Triple A stage"), max_length=16, choices=Stage.choices, default=Stage.MAP)
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("pilot location")
        verbose_name_plural = _("pilot locations")
        ordering = ["country__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="location_unique_name_per_country"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnership:location_detail", args=[self.pk])

    def clean(self) -> None:
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))


class Phase(models.Model):
    class Kind(models.TextChoices):
        INCEPTION = "inception", _("Inception")
        IMPLEMENTATION = "implementation", _("Implementation")
        SCALING = "scaling", _("Scaling Up and Out")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("programme phase")
        verbose_name_plural = _("programme phases")
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="phase_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnership:phase_detail", args=[self.pk])

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date comes before the start date.")})


class Contact(models.Model):
    """A person the partnership works with (an adult; never a child)."""

    full_name = models.CharField(_("full name"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("organisation")
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    languages = models.CharField(_("languages"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("partnership:contact_detail", args=[self.pk])
