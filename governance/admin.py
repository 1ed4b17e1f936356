"""Admin for governance; SimpleHistoryAdmin so that each object's history shows."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from governance.models import (
    Commitment,
    CommitmentAssessment,
    ComparisonGroup,
    IndicatorComparison,
    KoladaKpi,
    KoladaValue,
    ServiceOffer,
)


class AssessmentInline(admin.TabularInline):
    model = CommitmentAssessment
    extra = 0


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "unit", "year", "framework_goal", "plan_goal"]
    list_filter = ["year", "unit"]
    search_fields = ["title"]
    filter_horizontal = ["activities", "indicators"]
    inlines = [AssessmentInline]


@admin.register(ServiceOffer)
class ServiceOfferAdmin(SimpleHistoryAdmin):
    list_display = ["promise", "unit", "indicator"]
    list_filter = ["unit"]


@admin.register(ComparisonGroup)
class ComparisonGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "owner", "members"]


@admin.register(IndicatorComparison)
class IndicatorComparisonAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "group"]


@admin.register(KoladaKpi)
class KoladaKpiAdmin(SimpleHistoryAdmin):
    list_display = ["kpi", "title", "fetched_at"]
    readonly_fields = ["fetched_at", "source"]


@admin.register(KoladaValue)
class KoladaValueAdmin(SimpleHistoryAdmin):
    list_display = ["kpi", "municipality", "year", "value", "is_demo", "fetched_at"]
    list_filter = ["kpi", "year", "is_demo"]
    readonly_fields = ["fetched_at", "source"]
