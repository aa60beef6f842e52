"""The service directory, after Open Referral HSDS 3.0.

HSDS objects map one to one: ``ServiceOrganisation`` is an HSDS organization
(any provider, a partner of the partnership or not: a hospital's crisis centre,
a police unit, a helpline), ``Service`` a service, ``ServiceLocation`` a
location (physical, postal, or virtual for helplines and online services) and
``ServiceAtLocation`` a service_at_location. Ids are UUIDs, as HSDS wants,
so an exported file can be imported elsewhere and back without clashes.

Confidential values (a shelter's address, a direct line for professionals) live
in fields named in ``CONFIDENTIAL_FIELDS``; the public directory, the public
API and public exports never read them.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ServiceCategory(models.Model):
    """A term of the child protection service taxonomy (HSDS taxonomy_term)."""

    class Code(models.TextChoices):
        LEGAL_AID = "legal_aid", _("Legal aid")
        POLICE_UNIT = "police_unit", _("Police unit")
        HEALTH = "health", _("Health")
        SEXUAL_REPRODUCTIVE_HEALTH = "sexual_reproductive_health", _("Sexual and reproductive health")
        PSYCHOSOCIAL = "psychosocial", _("Psychosocial support")
        SHELTER = "shelter", _("Shelter")
        EDUCATION = "education", _("Education")
        HELPLINE = "helpline", _("Child helpline")
        HOTLINE = "hotline", _("Hotline for online abuse material")
        FAMILY_SUPPORT = "family_support", _("Family support")

    code = models.CharField(_("code"), max_length=40, unique=True, choices=Code.choices)

    class Meta:
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(self.get_code_display())


class ServiceOrganisation(models.Model):
    """An organisation that provides services (HSDS organization)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("other name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    country = models.ForeignKey(
        "partnership.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_organisations",
        verbose_name=_("country"),
    )
    partner = models.ForeignKey(
        "partnership.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_organisations",
        verbose_name=_("partner on CPP Hub"),
        help_text=_("The partner whose caseworkers receive this organisation's referrals on CPP Hub, if any."),
    )
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("service provider")
        verbose_name_plural = _("service providers")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "country"], name="connect_provider_unique_name")]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """A service an organisation provides (HSDS service)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        DEFUNCT = "defunct", _("Defunct")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        ServiceOrganisation, on_delete=models.PROTECT, related_name="services", verbose_name=_("provider")
    )
    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("other name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    categories = models.ManyToManyField(
        ServiceCategory, related_name="services", blank=True, verbose_name=_("categories")
    )
    pilot_locations = models.ManyToManyField(
        "partnership.PilotLocation",
        related_name="services",
        blank=True,
        verbose_name=_("pilot locations served"),
    )
    eligibility_description = models.TextField(_("who is eligible"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Language codes, e.g. th, pt-BR, en.")
    )
    fees_description = models.TextField(_("fees"), blank=True, help_text=_("Leave empty when the service is free."))
    hours = models.TextField(_("opening hours"), blank=True)
    application_process = models.TextField(_("how to apply"), blank=True)
    how_to_refer = models.TextField(_("how to refer a child"), blank=True)
    url = models.URLField(_("web page"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("public phone"), max_length=40, blank=True)
    # Confidential: for caseworkers and coordinators, never public.
    direct_line = models.CharField(
        _("direct line (confidential)"),
        max_length=40,
        blank=True,
        help_text=_("For professionals referring a child; never shown to the public."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minimum_age__isnull=True)
                | models.Q(maximum_age__isnull=True)
                | models.Q(minimum_age__lte=models.F("maximum_age")),
                name="connect_service_age_range",
                violation_error_message=_("The minimum age must not be above the maximum age."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def accepts_age(self, age: int) -> bool:
        return (self.minimum_age is None or age >= self.minimum_age) and (
            self.maximum_age is None or age <= self.maximum_age
        )


class ServiceLocation(models.Model):
    """Where services are delivered (HSDS location): a place, a postal address, or virtual (a helpline, a website)."""

    class Kind(models.TextChoices):
        PHYSICAL = "physical", _("Physical place")
        POSTAL = "postal", _("Postal address")
        VIRTUAL = "virtual", _("Virtual (phone or online)")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        ServiceOrganisation, on_delete=models.PROTECT, related_name="locations", verbose_name=_("provider")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PHYSICAL)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("web address"), blank=True, help_text=_("For a virtual location."))
    address = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.CharField(_("state or province"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country_code = models.CharField(_("country code"), max_length=2, blank=True, help_text=_("ISO 3166-1, e.g. TH"))
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
    # Confidential: a shelter's address and position are for professionals only.
    address_is_confidential = models.BooleanField(
        _("address is confidential"),
        default=False,
        help_text=_("A shelter's address: the public sees only the city, never the address or the map position."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("service location")
        verbose_name_plural = _("service locations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.kind == self.Kind.VIRTUAL and (self.address or self.latitude is not None):
            raise ValidationError({"kind": _("A virtual location has no street address or map position.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both the latitude and the longitude, or neither.")})


class ServiceAtLocation(models.Model):
    """A service delivered at a location (HSDS service_at_location)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations", verbose_name=_("service")
    )
    location = models.ForeignKey(
        ServiceLocation, on_delete=models.CASCADE, related_name="service_at_locations", verbose_name=_("location")
    )
    description = models.TextField(_("description"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("service at a location")
        verbose_name_plural = _("services at locations")
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="connect_service_at_location_unique")
        ]

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"


# What the public never sees: model -> field names. The public selectors and exports leave these out,
# and a location whose address is confidential shows only its city, region and country.
CONFIDENTIAL_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    Service: ("direct_line",),
    ServiceLocation: ("address", "postal_code", "latitude", "longitude"),
}
