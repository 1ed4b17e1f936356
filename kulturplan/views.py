"""The project's own pages: the start page, which composes every app, and the public
accessibility statement."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from culture_plan import permissions
from culture_plan.models import Role
from followup import selectors as followup_selectors
from internal_control import selectors as internal_control_selectors
from kulturplan import selectors


@login_required
def home(request):
    overview = selectors.home_overview(user=request.user, today=timezone.localdate())
    overview["can_log"] = permissions.units_with_role(request.user, permissions.LOGGERS).exists()
    if permissions.units_with_role(request.user, {Role.VIEWER}).exists():
        # The politician's part (published reports, key figures) is composed from followup.
        overview |= followup_selectors.start_page_overview(
            user=request.user, today=timezone.localdate()
        )
        overview["latest_internal_control"] = internal_control_selectors.latest_adopted_plan(
            units=permissions.units_with_role(request.user, {Role.VIEWER})
        )
    return render(request, "kulturplan/home.html", overview)


# The accessibility statement was last assessed on this date (update it with each review).
ACCESSIBILITY_ASSESSED_ON = datetime.date(2026, 12, 2)


@require_safe
def accessibility_statement(request):
    """Tillgänglighetsredogörelse (DOS-lagen, 2018:1937), after DIGG's model: public, no
    sign-in needed."""
    return render(
        request,
        "kulturplan/accessibility_statement.html",
        {
            "assessed_on": ACCESSIBILITY_ASSESSED_ON,
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
        },
    )
