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
    path("oppna-data/datapackage.json", views.datapackage, name="datapackage"),
]
