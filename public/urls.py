from django.urls import path

from public import views

app_name = "public"

urlpatterns = [
    path("kalender/", views.calendar_page, name="calendar"),
    path("kalender/<int:pk>/", views.event_page, name="event"),
    path("kalender.ics", views.calendar_feed, name="calendar_feed"),
    path("kalender/<slug:slug>.ics", views.unit_calendar_feed, name="unit_calendar_feed"),
    path("oppna-data/", views.open_data, name="open_data"),
    path("oppna-data/statistik.csv", views.statistics_csv, name="statistics_csv"),
    path("oppna-data/statistik.json", views.statistics_json, name="statistics_json"),
    path("kulturplanen/", views.plans_index, name="plans"),
    path("kulturplanen/<int:pk>/", views.plan_page, name="plan_progress"),
    path("kulturplanen/<int:pk>.json", views.plan_json, name="plan_progress_json"),
    path(
        "kulturplanen/<int:pk>/rapport/<int:report_pk>.pdf",
        views.plan_report_pdf,
        name="plan_report_pdf",
    ),
    path("oppna-data/datapackage.json", views.datapackage, name="datapackage"),
]
