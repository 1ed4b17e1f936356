"""Admin for activities. Writes go through Activity.save/delete, so a closed month stays
locked here too: the form shows the lock at the date, a refused delete becomes a message."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from activities.forms import ModelErrorsMixin
from activities.models import Activity, ClosedMonth, MonthLockedError, Partner, Place
from culture_plan.guards import GuardedDeleteAdminMixin


class ActivityAdminForm(ModelErrorsMixin, forms.ModelForm):
    """Co-arrangers follow the model's rules here too: same municipality, not the owner, and
    none added or removed in a month closed for a unit that counts the activity (the m2m
    signal of activities.locks refuses it anyway; this shows it at the field). The admin
    builds its Meta (model and fields) from ActivityAdmin. A rule about several fields (the
    age bands' sum) is shown at the top of the form."""

    age_group_at_fieldset = False

    def clean(self):
        cleaned = super().clean()
        unit, co_arrangers = cleaned.get("unit"), cleaned.get("co_arrangers")
        if unit is not None and co_arrangers:
            self.instance.unit = unit
            try:
                self.instance.validate_co_arrangers(co_arrangers)
            except ValidationError as error:
                self.add_error("co_arrangers", error.message_dict["co_arrangers"])
        return cleaned

    def _post_clean(self):
        super()._post_clean()  # the instance holds the new unit and date now
        co_arrangers = self.cleaned_data.get("co_arrangers")
        if co_arrangers is None or self.has_error("date") or not self.instance.date:
            return
        try:
            self.instance.check_not_locked(co_arrangers=list(co_arrangers))
        except MonthLockedError as error:
            self.add_error("co_arrangers", error.messages)


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    form = ActivityAdminForm
    list_display = ["title", "date", "status", "kind", "unit"]
    list_filter = ["status", "kind", "unit"]
    search_fields = ["title"]
    date_hierarchy = "date"
    filter_horizontal = ["goals", "partners", "co_arrangers"]
    list_select_related = ["unit"]
    raw_id_fields = ["place"]

    def save_model(self, request, obj, form, change):
        # Activity.clean already reports a closed month at the date; this catches a month
        # closed between validation and saving.
        try:
            super().save_model(request, obj, form, change)
        except MonthLockedError as error:
            messages.error(request, error.messages[0])
            raise

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.date:
            try:
                obj.check_not_locked()
            except MonthLockedError:
                return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        """Delete one by one through Activity.delete, skipping those in a closed month."""
        refused = 0
        for activity in queryset:
            try:
                activity.delete()
            except MonthLockedError:
                refused += 1
        if refused:
            messages.error(
                request,
                _("%(count)s aktiviteter ligger i en låst månad och togs inte bort.")
                % {"count": refused},
            )


@admin.register(Partner)
class PartnerAdmin(GuardedDeleteAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "unit"]
    list_filter = ["kind", "unit"]
    search_fields = ["name"]


@admin.register(Place)
class PlaceAdmin(GuardedDeleteAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "unit"]
    list_filter = ["unit"]
    search_fields = ["name"]


@admin.register(ClosedMonth)
class ClosedMonthAdmin(admin.ModelAdmin):
    """Read-only: months are closed and reopened by the follow-up workflow, which logs why."""

    list_display = ["unit", "year", "month", "closed_at", "closed_by"]
    list_filter = ["unit", "year"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
