"""Send today's reminders by e-mail: months whose report is not handed in (to managers) and
planned activities whose date has passed (to staff). Run daily by cron or a systemd timer."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Skickar påminnelser per e-post: till chefer om månadsrapporter som inte är inskickade "
        "(från den 10:e i månaden efter, inställningen REMINDER_REPORT_DUE_DAY), till "
        "medarbetare om planerade aktiviteter vars datum har passerat. E-postservern ställs in "
        "med EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS och "
        "DEFAULT_FROM_EMAIL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="Dagens datum som ÅÅÅÅ-MM-DD (standard: i dag). För prov och efterkörningar.",
        )

    def handle(self, *args, date=None, **options):
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError(
                    _("Ogiltigt datum %(date)r: skriv ÅÅÅÅ-MM-DD.") % {"date": date}
                ) from None
        else:
            today = timezone.localdate()
        try:
            reminders = send_reminders(today=today)
        except OSError as error:  # the SMTP server cannot be reached or refuses
            raise CommandError(
                _("E-posten kunde inte skickas: %(error)s") % {"error": error}
            ) from error
        managers = sum(1 for reminder in reminders if reminder.reports)
        staff = sum(1 for reminder in reminders if reminder.activities)
        self.stdout.write(
            _(
                "%(count)s påminnelser skickade den %(date)s (%(managers)s om månadsrapporter, "
                "%(staff)s om planerade aktiviteter)."
            )
            % {"count": len(reminders), "date": today, "managers": managers, "staff": staff}
        )
        for reminder in reminders:
            self.stdout.write(f"  {reminder.user.email}")
