"""What the API writes about an activity: the unit's own record, counts included, never a
person (no creator, no history) and no free-text lessons that may name people."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from activities.models import AGE_COUNT_FIELDS, Activity, CultureArea


class ActivityParams(serializers.Serializer):
    unit = serializers.SlugField(help_text="Enhetens kortnamn (slug); underliggande enheter ingår.")
    year = serializers.IntegerField(
        min_value=1900, max_value=2999, required=False, help_text="Året (utelämnat: alla år)."
    )


# A wall-clock time in Europe/Stockholm on the activity's date, without an offset ("13:00:00"):
# declared as a pattern, not OpenAPI's `format: time` (RFC 3339 full-time, which needs one).
TIME_PATTERN = r"^\d{2}:\d{2}(:\d{2})?$"


@extend_schema_field(
    {
        "type": "string",
        "pattern": TIME_PATTERN,
        "nullable": True,
        "example": "13:00:00",
        "description": "Lokal tid (Europe/Stockholm) på aktivitetens datum, utan tidszon.",
    }
)
class LocalTimeField(serializers.TimeField):
    """A time of day as served: HH:MM:SS, local time of the activity's date."""


class ParticipantsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    girls = serializers.IntegerField()
    boys = serializers.IntegerField()
    other = serializers.IntegerField()
    by_age = serializers.DictField(child=serializers.IntegerField())


class ActivitySerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    priority_area = serializers.IntegerField(
        source="priority_area.number", allow_null=True, read_only=True
    )
    goals = serializers.SerializerMethodField()
    partners = serializers.SerializerMethodField()
    place = serializers.CharField(source="place.name", allow_null=True, read_only=True)
    target_bands = serializers.ListField(child=serializers.CharField(), read_only=True)
    participants = serializers.SerializerMethodField()
    cost_kr = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    survey_mean = serializers.DecimalField(max_digits=3, decimal_places=2, allow_null=True)
    # Blank when not stated: declared, so the schema's enum admits "" as served.
    culture_area = serializers.ChoiceField(
        choices=CultureArea.choices, allow_blank=True, read_only=True
    )
    start_time = LocalTimeField(allow_null=True, read_only=True, format="%H:%M:%S")
    end_time = LocalTimeField(allow_null=True, read_only=True, format="%H:%M:%S")

    class Meta:
        model = Activity
        fields = [
            "id",
            "unit",
            "title",
            "description",
            "date",
            "end_date",
            "status",
            "kind",
            "collaboration",
            "priority_area",
            "goals",
            "partners",
            "place",
            "holiday",
            "culture_area",
            "target_bands",
            "participants",
            "national_minorities",
            "cost_kr",
            "survey_answers",
            "survey_mean",
            "is_public",
            "public_text",
            "start_time",
            "end_time",
            "public_place",
            "updated_at",
        ]
        read_only_fields = fields

    def get_goals(self, activity) -> list[str]:
        return sorted(goal.code for goal in activity.goals.all())

    def get_partners(self, activity) -> list[str]:
        return sorted((partner.name for partner in activity.partners.all()), key=str.casefold)

    @extend_schema_field(ParticipantsSerializer)
    def get_participants(self, activity) -> dict:
        return ParticipantsSerializer(
            {
                "total": activity.participants_total,
                "girls": activity.girls,
                "boys": activity.boys,
                "other": activity.other_gender,
                "by_age": {band: getattr(activity, f) for band, f in AGE_COUNT_FIELDS.items()},
            }
        ).data
