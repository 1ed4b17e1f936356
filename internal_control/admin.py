from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from internal_control.models import Action, Control, ControlResult, InternalControlPlan, Risk


@admin.register(InternalControlPlan)
class InternalControlPlanAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "year", "state", "adopted_at"]
    list_filter = ["state", "year"]


@admin.register(Risk)
class RiskAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "likelihood", "consequence", "decision"]
    filter_horizontal = ["goals"]


admin.site.register(Control, SimpleHistoryAdmin)
admin.site.register(ControlResult, SimpleHistoryAdmin)
admin.site.register(Action, SimpleHistoryAdmin)
