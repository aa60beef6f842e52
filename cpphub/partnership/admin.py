"""The registry in the Django admin, for superusers (day-to-day work uses the registry pages)."""

from django.contrib import admin

from cpphub.partnership.models import Contact, Country, Organisation, Phase, PilotLocation


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "languages", "is_active"]
    search_fields = ["name", "code"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "country", "level", "is_active"]
    list_filter = ["level", "is_active", "sectors", "partnership_roles"]
    search_fields = ["name", "acronym"]
    filter_horizontal = ["sectors", "partnership_roles"]


@admin.register(PilotLocation)
class PilotLocationAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "stage", "lead_partner", "is_active"]
    list_filter = ["country", "stage", "is_active"]
    search_fields = ["name", "admin_area"]
    filter_horizontal = ["implementing_partners"]


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "start_date", "end_date", "is_active"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["full_name", "organisation", "email", "is_demo", "is_active"]
    list_filter = ["is_demo", "is_active"]
    search_fields = ["full_name", "email"]
