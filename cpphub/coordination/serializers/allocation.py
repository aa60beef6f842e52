"""How resources, capacities, need profiles and the optimiser's runs look in the REST API.

Resources are named by their key (``budget``), partners in pins and forbids by
their optimiser key (``org:<id>``) and actions by theirs (``local:<id>``,
``commitment:<id>``, ``coordinated:<id>``), as a run's scenario names them.
The serializers check shapes; the services check the rest and their errors
come back as a 400 naming the field.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cpphub.coordination.models import (
    AllocationRun,
    CoordinatedAction,
    NeedProfile,
    PartnerCapacity,
    ResourceType,
)
from cpphub.coordination.selectors.allocation import (
    Names,
    action_key,
    action_region,
    allocation_settings,
    kind_of,
)
from cpphub.national.models import Commitment
from cpphub.planning.models import Action


class ResourceTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ResourceType
        fields = ["id", "key", "name", "kind", "unit", "is_active"]
        read_only_fields = ["id"]


class CapacitySerializer(serializers.ModelSerializer):
    resource = serializers.SlugRelatedField(
        slug_field="key",
        queryset=ResourceType.objects.all(),
        help_text=_("The key of a resource, e.g. budget."),
        error_messages={"does_not_exist": _("There is no resource with the key “{value}”.")},
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    partner_key = serializers.SerializerMethodField(help_text=_("How the optimiser names the partner: org:<id>."))

    class Meta:
        model = PartnerCapacity
        fields = ["id", "organisation", "organisation_name", "partner_key", "resource", "amount", "note"]
        read_only_fields = ["id"]

    def get_partner_key(self, capacity: PartnerCapacity) -> str:
        return f"org:{capacity.organisation_id}"

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None:
            for name in ("organisation", "resource"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError({name: _("A capacity stays with its partner and resource.")})
        return attrs


class NeedSerializer(serializers.Serializer):
    resource = serializers.SlugRelatedField(
        slug_field="key",
        queryset=ResourceType.objects.all(),
        error_messages={"does_not_exist": _("There is no resource with the key “{value}”.")},
    )
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0, allow_null=True)


class NeedProfileSerializer(serializers.ModelSerializer):
    local_action = serializers.PrimaryKeyRelatedField(
        queryset=Action.objects.all(), required=False, allow_null=True, help_text=_("A location's action (id).")
    )
    commitment = serializers.PrimaryKeyRelatedField(
        queryset=Commitment.objects.all(), required=False, allow_null=True, help_text=_("A national commitment (id).")
    )
    coordinated_action = serializers.PrimaryKeyRelatedField(
        queryset=CoordinatedAction.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("A coordinated action (id)."),
    )
    needs = NeedSerializer(many=True, required=False, help_text=_("Amount per resource; null or 0 removes a need."))
    key = serializers.SerializerMethodField(help_text=_("How the optimiser names the action."))
    title = serializers.SerializerMethodField()
    region = serializers.SerializerMethodField()
    benefit = serializers.SerializerMethodField(help_text=_("The expected benefit the optimiser weighs it by."))

    class Meta:
        model = NeedProfile
        fields = [
            "id",
            "key",
            "title",
            "region",
            "local_action",
            "commitment",
            "coordinated_action",
            "min_fraction",
            "children_reached",
            "benefit_override",
            "benefit",
            "needs",
        ]
        read_only_fields = ["id"]

    def get_key(self, profile: NeedProfile) -> str:
        action = profile.action
        return action_key(kind_of(action), action.pk)

    def get_title(self, profile: NeedProfile) -> str:
        return str(profile.action)

    def get_region(self, profile: NeedProfile) -> str:
        return action_region(profile.action)

    @extend_schema_field(OpenApiTypes.FLOAT)
    def get_benefit(self, profile: NeedProfile) -> float:
        from cpphub.coordination.services.allocation import expected_benefit

        return expected_benefit(profile, self.context.get("settings") or allocation_settings())

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        sides = [name for name in ("local_action", "commitment", "coordinated_action") if attrs.get(name)]
        if self.instance is None:
            if len(sides) != 1:
                raise serializers.ValidationError(
                    _("Name exactly one action: local_action, commitment or coordinated_action.")
                )
            if NeedProfile.objects.filter(**{sides[0]: attrs[sides[0]]}).exists():
                raise serializers.ValidationError({sides[0]: _("This action has a need profile already.")})
        elif sides:
            raise serializers.ValidationError(_("A need profile stays with its action."))
        return attrs


class PinSerializer(serializers.Serializer):
    partner = serializers.CharField(help_text=_("A partner's key, e.g. org:3."))
    action = serializers.CharField(help_text=_("An action's key, e.g. local:12."))
    resource = serializers.CharField(help_text=_("A resource's key, e.g. budget."))
    amount = serializers.FloatField(
        required=False,
        allow_null=True,
        min_value=0.0,
        help_text=_("At least this much; empty for a token amount (one unit)."),
    )


class ForbidSerializer(serializers.Serializer):
    partner = serializers.CharField(help_text=_("A partner's key, e.g. org:3."))
    action = serializers.CharField(help_text=_("An action's key, e.g. local:12."))


class AllocationRequestSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    pins = PinSerializer(many=True, required=False)
    forbids = ForbidSerializer(many=True, required=False)
    parent = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]  # a field named like Field.parent
        queryset=AllocationRun.objects.all(), required=False, allow_null=True, help_text=_("The run this re-solves.")
    )


class AllocationRunSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(read_only=True, allow_null=True)
    created_by: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="email", read_only=True)
    accepted_by: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="email", read_only=True)
    funded = serializers.SerializerMethodField(help_text=_("Number of funded actions."))
    unfunded = serializers.SerializerMethodField(help_text=_("Number of actions left unfunded."))

    class Meta:
        model = AllocationRun
        fields = [
            "id",
            "title",
            "status",
            "version",
            "parent",
            "objective",
            "bound",
            "gap",
            "greedy_objective",
            "seconds",
            "funded",
            "unfunded",
            "created_by",
            "created_at",
            "accepted_by",
            "accepted_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.INT)
    def get_funded(self, run: AllocationRun) -> int:
        return len((run.result or {}).get("funded", []))

    @extend_schema_field(OpenApiTypes.INT)
    def get_unfunded(self, run: AllocationRun) -> int:
        return len((run.result or {}).get("unfunded", []))


def _with_text(reasons: list[dict[str, Any]], names: Names) -> list[dict[str, Any]]:
    from cpphub.coordination.templatetags.allocation_reasons import reason_sentence

    return [{**reason, "text": reason_sentence(reason, names)} for reason in reasons]


class AllocationRunDetailSerializer(AllocationRunSerializer):
    pins = serializers.JSONField(read_only=True)
    forbids = serializers.JSONField(read_only=True)
    result = serializers.SerializerMethodField(
        help_text=_(
            "status (optimal, feasible, infeasible), method, funded, unfunded, assignments, reasons (per action: "
            "code, params and the sentence), leftover, problems (why pins cannot all hold), stats."
        )
    )
    scenario = serializers.JSONField(read_only=True, help_text=_("The optimiser's input as it was solved."))

    class Meta(AllocationRunSerializer.Meta):
        fields = [*AllocationRunSerializer.Meta.fields, "pins", "forbids", "result", "scenario"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_result(self, run: AllocationRun) -> dict[str, Any]:
        result = dict(run.result or {})
        names = Names.of(run.scenario or {})
        result["reasons"] = {key: _with_text(items, names) for key, items in result.get("reasons", {}).items()}
        result["problems"] = _with_text(result.get("problems", []), names)
        return result
