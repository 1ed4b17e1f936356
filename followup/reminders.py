"""Reminders by e-mail (DESIGN "Everyday use"): months whose report is not handed in, and
planned activities whose date has passed.

`reminders_due(today=...)` reads what is due for whom (no writes); `send_reminders` builds
one Swedish e-mail per person and sends them over one SMTP connection. The command
`send_reminders` is run daily by cron or a systemd timer.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activities.models import Activity, Status
from culture_plan import periods
from culture_plan.models import Membership, Role, Unit
from followup.models import MonthlyReport

# How far back a missing report is still reminded of (older ones are the annual report's).
REPORT_MONTHS_BACK = 12
# At most this many past activities are named in one e-mail (the rest are counted).
ACTIVITY_LIMIT = 30


@dataclass
class Reminder:
    user: object
    reports: list[tuple[Unit, int, int]] = field(default_factory=list)  # unit, year, month
    activities: list[Activity] = field(default_factory=list)
    more_activities: int = 0


def report_due_date(*, year: int, month: int, due_day: int | None = None) -> datetime.date:
    """A month's report is due on `due_day` (setting REMINDER_REPORT_DUE_DAY, default the
    10th) of the following month."""
    day = due_day or settings.REMINDER_REPORT_DUE_DAY
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return datetime.date(year, month, min(day, 28))


def overdue_months(*, today: datetime.date) -> list[tuple[int, int]]:
    """The months (newest last) of the last REPORT_MONTHS_BACK whose report is due by today."""
    months = []
    year, month = today.year, today.month
    for _step in range(REPORT_MONTHS_BACK + 1):
        if report_due_date(year=year, month=month) <= today:
            months.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return sorted(months)[-REPORT_MONTHS_BACK:]


def _units_under(paths: set[str]) -> list[Unit]:
    units = Unit.objects.all().order_by("path")
    return [unit for unit in units if any(unit.path.startswith(path) for path in paths)]


def reminders_due(*, today: datetime.date) -> list[Reminder]:
    """Who is reminded of what today. Managers: the reports of the units they manage (the
    manager role on the unit or above it) for past months, due from the due day of the
    following month, that are missing or still drafts. Staff and managers: the planned
    activities of their units whose date lies before today. Active users with an e-mail
    address only; administrators are not reminded through being administrators."""
    User = get_user_model()
    memberships: dict[int, dict[str, set[str]]] = {}
    for user_id, path, role in Membership.objects.filter(
        user__is_active=True, role__in=[Role.MANAGER, Role.STAFF]
    ).values_list("user_id", "unit__path", "role"):
        memberships.setdefault(user_id, {}).setdefault(role, set()).add(path)
    users = User.objects.filter(pk__in=memberships).exclude(email="").order_by("pk")

    months = overdue_months(today=today)
    handed_in = set(
        MonthlyReport.objects.exclude(state=MonthlyReport.State.DRAFT).values_list(
            "unit_id", "year", "month"
        )
    )
    result = []
    for user in users:
        roles = memberships[user.pk]
        reminder = Reminder(user=user)
        for unit in _units_under(roles.get(Role.MANAGER, set())):
            for year, month in months:
                if (unit.pk, year, month) not in handed_in:
                    reminder.reports.append((unit, year, month))
        logger_units = _units_under(roles.get(Role.MANAGER, set()) | roles.get(Role.STAFF, set()))
        past = (
            Activity.objects.filter(
                unit__in=[unit.pk for unit in logger_units],
                status=Status.PLANNED,
                date__lt=today,
            )
            .select_related("unit")
            .order_by("date", "pk")
        )
        activities = list(past[: ACTIVITY_LIMIT + 1])
        reminder.activities = activities[:ACTIVITY_LIMIT]
        if len(activities) > ACTIVITY_LIMIT:
            reminder.more_activities = past.count() - ACTIVITY_LIMIT
        if reminder.reports or reminder.activities:
            result.append(reminder)
    return result


def reminder_message(reminder: Reminder) -> EmailMessage:
    """One plain-text Swedish e-mail naming everything the person is reminded of."""
    user = reminder.user
    site = settings.SITE_URL
    name = user.get_full_name() or user.username
    lines = [_("Hej %(name)s!") % {"name": name}, ""]
    if reminder.reports:
        lines.append(
            ngettext(
                "Månadsrapporten för den här månaden är inte inskickad:",
                "Månadsrapporterna för de här månaderna är inte inskickade:",
                len(reminder.reports),
            )
        )
        for unit, year, month in reminder.reports:
            url = reverse("followup:vepaq", args=[unit.slug, year, month])
            lines.append(f"- {unit.name}, {periods.month_label(year, month)}: {site}{url}")
        lines.append("")
    if reminder.activities:
        count = len(reminder.activities) + reminder.more_activities
        lines.append(
            ngettext(
                "%(count)s planerad aktivitet har ett datum som har passerat. Markera den som "
                "genomförd (med deltagare) eller inställd:",
                "%(count)s planerade aktiviteter har ett datum som har passerat. Markera dem "
                "som genomförda (med deltagare) eller inställda:",
                count,
            )
            % {"count": count}
        )
        for activity in reminder.activities:
            url = reverse("activities:mark_done", args=[activity.pk])
            lines.append(
                f"- {activity.date:%Y-%m-%d} {activity.title} ({activity.unit.name}): {site}{url}"
            )
        if reminder.more_activities:
            lines.append(
                _("… och %(count)s till: %(url)s")
                % {
                    "count": reminder.more_activities,
                    "url": f"{site}{reverse('activities:list')}?status=planned",
                }
            )
        lines.append("")
    lines += [
        _("Hälsningar,"),
        _("Kulturplan"),
        "",
        _(
            "Det här är en automatisk påminnelse. Du får den eftersom du är chef eller "
            "medarbetare i Kulturplan."
        ),
    ]
    if reminder.reports and reminder.activities:
        subject = _("Kulturplan: månadsrapporter och planerade aktiviteter att följa upp")
    elif reminder.reports:
        subject = _("Kulturplan: månadsrapporter som inte är inskickade")
    else:
        subject = _("Kulturplan: planerade aktiviteter vars datum har passerat")
    return EmailMessage(subject=subject, body="\n".join(lines), to=[user.email])


def send_reminders(*, today: datetime.date) -> list[Reminder]:
    """Send today's reminders (one e-mail per person, one SMTP connection); returns them."""
    reminders = reminders_due(today=today)
    if reminders:
        messages = [reminder_message(reminder) for reminder in reminders]
        with get_connection() as connection:
            connection.send_messages(messages)
    return reminders
