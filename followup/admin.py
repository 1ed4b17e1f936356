"""Admin for the follow-up. It respects the month lock: an approved report is read-only here
too, and the workflow state only moves through the services (the VEPAQ page)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from culture_plan.guards import GuardedDeleteAdminMixin
from followup import services
from followup.models import (
    FocusItemAssessment,
    MatrixAssessment,
    MonthlyReport,
    MonthReopening,
    TargetPopulation,
)

WORKFLOW_FIELDS = ("state", "submitted_at", "submitted_by", "approved_at", "approved_by")


@admin.register(MonthlyReport)
class MonthlyReportAdmin(SimpleHistoryAdmin):
    list_display = ("unit", "year", "month", "state", "v_status", "e_status", "q_status")
    list_filter = ("state", "year", "unit")
    search_fields = ("unit__name", "unit__slug")
    readonly_fields = WORKFLOW_FIELDS
    fieldsets = (
        (None, {"fields": ("unit", "year", "month", *WORKFLOW_FIELDS)}),
        (_("V – Verksamhet"), {"fields": services.REPORT_INPUT_FIELDS["V"]}),
        (_("E – Ekonomi"), {"fields": services.REPORT_INPUT_FIELDS["E"]}),
        (_("P – Personal"), {"fields": services.REPORT_INPUT_FIELDS["P"]}),
        (_("A – Arbetsmiljö"), {"fields": services.REPORT_INPUT_FIELDS["A"]}),
        (_("Q – Kvalitet"), {"fields": services.REPORT_INPUT_FIELDS["Q"]}),
    )

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return (*WORKFLOW_FIELDS, "unit", "year", "month")
        return WORKFLOW_FIELDS

    def has_change_permission(self, request, obj=None):
        """An approved (locked) report is shown read-only until a manager reopens it."""
        if obj is not None and obj.is_locked:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.state != MonthlyReport.State.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        data = {name: form.cleaned_data[name] for name in services.ALL_INPUT_FIELDS}
        services.report_update(report=obj, data=data, by=request.user)


@admin.register(MonthReopening)
class MonthReopeningAdmin(admin.ModelAdmin):
    """The reopening log is evidence: read-only."""

    list_display = ("report", "reopened_by", "reopened_at")
    list_filter = ("report__unit",)
    readonly_fields = ("report", "reason", "reopened_by", "reopened_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MatrixAssessment)
class MatrixAssessmentAdmin(GuardedDeleteAdminMixin, SimpleHistoryAdmin):
    list_display = ("unit", "goal", "year", "assessment")
    list_filter = ("assessment", "year", "unit")
    search_fields = ("goal__code", "goal__text", "comment")


@admin.register(FocusItemAssessment)
class FocusItemAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ("focus_item", "assessment")
    list_filter = ("assessment",)


@admin.register(TargetPopulation)
class TargetPopulationAdmin(SimpleHistoryAdmin):
    list_display = ("unit", "year", "population_10_25")
    list_filter = ("year", "unit")
