"""The API's endpoints: thin, each checks the unit with culture_plan.permissions and answers
404 for a unit the user may not see, exactly as the pages do."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from activities.models import Activity, Partner
from api.pagination import ActivityPagination
from api.reports import REPORTS, ReportKind
from api.serializers import ActivityParams, ActivitySerializer
from culture_plan import permissions
from culture_plan.models import Goal, Unit


def visible_unit(request, slug: str) -> Unit:
    """The unit named by `slug` if the user may read it; 404 otherwise (also when it does not
    exist, so that a unit's existence is not given away)."""
    unit = Unit.objects.filter(slug=slug).first()
    if unit is None or not permissions.can_view_unit(request.user, unit):
        raise Http404
    return unit


class ApiRoot(APIView):
    """The API's entry point: where the endpoints are."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request):
        def url(name):
            return request.build_absolute_uri(reverse(name))

        return Response(
            {
                "activities": url("api:activities"),
                "reports": {kind: url(f"api:report_{kind}") for kind in REPORTS},
                "schema": url("api:schema"),
                "docs": url("api:docs"),
            }
        )


class ReportView(APIView):
    """GET a report's JSON, exactly as `manage.py report KIND --format json` writes it."""

    report: ReportKind

    def get(self, request):
        params = self.report.params(data=request.query_params)
        params.is_valid(raise_exception=True)
        values = dict(params.validated_data)
        unit = visible_unit(request, values.pop("unit"))
        # In Swedish whatever the user's language, as the command writes it.
        with translation.override("sv"):
            return Response(self.report.build(user=request.user, unit=unit, **values))


def report_view(report: ReportKind):
    """A view class for one registered report kind, with its own schema entry."""

    @extend_schema(
        operation_id=f"report_{report.kind}",
        summary=report.summary,
        parameters=[report.params],
        responses=OpenApiTypes.OBJECT,
        tags=["reports"],
    )
    def get(self, request):
        return ReportView.get(self, request)

    view = type(f"{report.kind.title()}ReportView", (ReportView,), {"report": report, "get": get})
    return view.as_view()


class ActivityList(generics.ListAPIView):
    """A unit's activities (and its child units'), paged, in date order."""

    serializer_class = ActivitySerializer
    pagination_class = ActivityPagination

    @extend_schema(parameters=[ActivityParams], tags=["activities"])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = ActivityParams(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        unit = visible_unit(self.request, params.validated_data["unit"])
        queryset = Activity.objects.filter(unit__path__startswith=unit.path)
        year = params.validated_data.get("year")
        if year is not None:
            queryset = queryset.filter(date__year=year)
        return (
            queryset.select_related("unit", "place", "priority_area")
            .prefetch_related(
                Prefetch("goals", queryset=Goal.objects.only("id", "code")),
                Prefetch("partners", queryset=Partner.objects.only("id", "name")),
            )
            .order_by("date", "pk")
        )


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the vendored files (drf-spectacular-sidecar), its start script served
    as a file, so that the page works under the project's strict CSP unchanged."""

    template_name = "api/swagger_ui.html"
    url_name = "api:schema"
