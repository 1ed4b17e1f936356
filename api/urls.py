from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from api import views
from api.reports import REPORTS

app_name = "api"

urlpatterns = [
    path("", views.ApiRoot.as_view(), name="root"),
    path("activities/", views.ActivityList.as_view(), name="activities"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    *(
        path(f"reports/{kind}/", views.report_view(report), name=f"report_{kind}")
        for kind, report in REPORTS.items()
    ),
]
