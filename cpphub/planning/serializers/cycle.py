"""The cycle of a location and the partnership board, as the API gives them (read only)."""

from __future__ import annotations

from rest_framework import serializers

from cpphub.planning.selectors.cycle import LocationCycle


class ChecklistItemSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="sessions, findings, stakeholders, engagements, workshops, ...")
    label = serializers.CharField()  # type: ignore[assignment]  # the field "label", not Field.label
    required = serializers.IntegerField(  # type: ignore[assignment]  # the field "required", not Field.required
        help_text="How many the stage must have produced (its checklist)."
    )
    count = serializers.IntegerField(help_text="How many it has produced.")
    met = serializers.BooleanField()


class RecordSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    by = serializers.CharField(help_text="Who recorded it; empty when unknown.")
    at = serializers.DateTimeField(allow_null=True)


class StageSerializer(serializers.Serializer):
    stage = serializers.CharField(help_text="map, engage, plan or create.")
    label = serializers.CharField()  # type: ignore[assignment]  # the field "label", not Field.label
    is_current = serializers.BooleanField()
    is_done = serializers.BooleanField(help_text="The location has moved past this stage.")
    complete = serializers.BooleanField(help_text="Every item of the stage's checklist is met.")
    items = ChecklistItemSerializer(many=True)
    latest = RecordSerializer(many=True, help_text="The latest records of the stage (only for one location).")


class StageMoveSerializer(serializers.Serializer):
    from_stage = serializers.CharField()
    to_stage = serializers.CharField()
    note = serializers.CharField()
    moved_by = serializers.CharField(help_text="Who moved it; empty when unknown.")
    moved_at = serializers.DateTimeField()
    checklist = serializers.JSONField(help_text="The checklist of the stage left, as it stood.")


class CycleSerializer(serializers.Serializer):
    location = serializers.SerializerMethodField(help_text="The location's short name (slug).")
    name = serializers.SerializerMethodField()
    country = serializers.SerializerMethodField(help_text="ISO 3166-1 alpha-2 code.")
    stage = serializers.CharField(help_text="map, engage, plan, create or follow_up.")
    stage_label = serializers.CharField()
    next_stage = serializers.CharField(allow_null=True)
    next_step = serializers.CharField(help_text="What the location should do next, in one sentence.")
    overdue_actions = serializers.IntegerField()
    overdue_follow_ups = serializers.IntegerField()
    stages = StageSerializer(many=True)
    moves = StageMoveSerializer(many=True, help_text="The stage moves, latest first (only for one location).")

    def get_location(self, cycle: LocationCycle) -> str:
        return cycle.location.slug

    def get_name(self, cycle: LocationCycle) -> str:
        return cycle.location.name

    def get_country(self, cycle: LocationCycle) -> str:
        return cycle.location.country.code
