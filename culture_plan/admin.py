"""Admin for the plan side. SimpleHistoryAdmin so each object's history (who, when, what) shows."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from culture_plan.guards import GuardedDeleteAdminMixin, GuardedInlineFormSet
from culture_plan.models import (
    AreaYearPlan,
    FocusItem,
    Framework,
    FrameworkGoal,
    FrameworkLevel,
    Goal,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Membership,
    Plan,
    PriorityArea,
    Unit,
    YearPlan,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["unit"]


@admin.register(Unit)
class UnitAdmin(GuardedDeleteAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "slug", "kind", "parent", "path"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "unit", "role"]
    list_filter = ["role", "unit"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]


User = get_user_model()


class MembershipUserInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["unit"]


if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class KulturplanUserAdmin(GuardedDeleteAdminMixin, UserAdmin):
    """The standard user admin with the user's roles per unit inline. A user who has written
    history is deactivated, never deleted (the delete page says so; the action below)."""

    inlines = [MembershipUserInline]
    actions = ["deactivate"]

    @admin.action(description=_("Inaktivera valda användare"), permissions=["change"])
    def deactivate(self, request, queryset):
        count = queryset.filter(is_active=True).update(is_active=False)
        self.message_user(request, _("%(count)s användare är inaktiverade.") % {"count": count})


class FrameworkGoalInline(admin.TabularInline):
    model = FrameworkGoal
    extra = 1
    fk_name = "framework"


class FrameworkLevelInline(admin.TabularInline):
    model = FrameworkLevel
    extra = 1


@admin.register(Framework)
class FrameworkAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FrameworkLevelInline, FrameworkGoalInline]


@admin.register(FrameworkGoal)
class FrameworkGoalAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "framework", "parent", "order"]
    list_filter = ["framework"]
    search_fields = ["code", "name", "framework__name"]
    list_select_related = ["framework"]


class PriorityAreaInline(admin.TabularInline):
    model = PriorityArea
    formset = GuardedInlineFormSet
    extra = 0
    fields = ["number", "name"]
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(GuardedDeleteAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "unit", "steward", "start_year", "end_year", "status"]
    list_filter = ["status", "unit"]
    search_fields = ["name", "unit__name"]
    list_select_related = ["unit", "steward"]
    autocomplete_fields = ["unit", "steward", "framework_goals"]
    inlines = [PriorityAreaInline]


class GoalInline(admin.TabularInline):
    model = Goal
    formset = GuardedInlineFormSet
    extra = 1
    fields = ["code", "text", "order"]
    show_change_link = True


@admin.register(PriorityArea)
class PriorityAreaAdmin(GuardedDeleteAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "plan", "number"]
    list_filter = ["plan"]
    search_fields = ["name", "plan__name"]
    list_select_related = ["plan"]
    autocomplete_fields = ["framework_goals"]
    inlines = [GoalInline]


@admin.register(Goal)
class GoalAdmin(GuardedDeleteAdminMixin, SimpleHistoryAdmin):
    list_display = ["code", "text", "area", "plan"]
    list_filter = ["plan"]
    search_fields = ["code", "text"]
    list_select_related = ["area", "plan"]
    autocomplete_fields = ["area", "framework_goals"]


class AreaYearPlanInline(admin.StackedInline):
    model = AreaYearPlan
    extra = 0
    fields = ["area", "preconditions", "board_goal", "method", "followup"]
    show_change_link = True


@admin.register(YearPlan)
class YearPlanAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "unit", "year", "plan", "status", "budget_kr", "staffing_fte"]
    list_filter = ["status", "year", "unit"]
    search_fields = ["unit__name", "plan__name"]
    list_select_related = ["unit", "plan"]
    autocomplete_fields = ["unit", "plan"]
    inlines = [AreaYearPlanInline]


class FocusItemInline(admin.TabularInline):
    model = FocusItem
    extra = 1
    fields = ["order", "heading", "text"]


@admin.register(AreaYearPlan)
class AreaYearPlanAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "year_plan", "area"]
    list_filter = ["year_plan__year", "year_plan__unit"]
    search_fields = ["area__name", "year_plan__unit__name"]
    list_select_related = ["year_plan__unit", "area"]
    autocomplete_fields = ["year_plan", "area", "framework_goals"]
    inlines = [FocusItemInline]


@admin.register(FocusItem)
class FocusItemAdmin(SimpleHistoryAdmin):
    list_display = ["text", "heading", "area_year_plan", "order"]
    list_filter = ["area_year_plan__year_plan__year"]
    search_fields = ["text", "heading"]
    list_select_related = ["area_year_plan__year_plan__unit", "area_year_plan__area"]


class IndicatorTargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 1


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 1


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "source", "frequency", "direction", "baseline_value"]
    list_filter = ["source", "frequency", "direction", "unit"]
    search_fields = ["name", "description", "unit__name"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit", "plan", "goal"]
    inlines = [IndicatorTargetInline, IndicatorValueInline]


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year", "value"]
    list_filter = ["year"]
    search_fields = ["indicator__name"]
    list_select_related = ["indicator"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year", "period", "value"]
    list_filter = ["year"]
    search_fields = ["indicator__name", "comment"]
    list_select_related = ["indicator"]
