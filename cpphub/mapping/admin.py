"""Partnership data (class C) of the Map stage in the Django admin, for superusers.

Participants, consents, submissions and answers are research data (class B):
only the facilitators of their location see them, so they are not in the admin.
"""

from django.contrib import admin

from cpphub.mapping.models import ConsentRule, Instrument, MappingSession, MappingSettings


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["title", "version", "location", "created_at", "is_active"]
    list_filter = ["location", "is_active"]
    search_fields = ["title", "form_id"]
    exclude = ["form_json"]
    readonly_fields = ["languages", "default_language", "source_file_name", "created_by", "created_at"]


@admin.register(MappingSession)
class MappingSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "location", "date", "round"]
    list_filter = ["kind", "location", "round"]
    search_fields = ["title"]
    filter_horizontal = ["facilitators"]


@admin.register(ConsentRule)
class ConsentRuleAdmin(admin.ModelAdmin):
    list_display = ["country", "min_age", "max_age", "requirement"]
    list_filter = ["country"]


@admin.register(MappingSettings)
class MappingSettingsAdmin(admin.ModelAdmin):
    list_display = ["threshold", "updated_at"]
