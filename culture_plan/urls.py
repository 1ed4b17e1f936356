from django.urls import path

from culture_plan import views

urlpatterns = [
    path("enheter/<slug:slug>/", views.unit_detail, name="unit_detail"),
    path(
        "enheter/<slug:slug>/verksamhetsplaner/ny/",
        views.yearplan_create,
        name="yearplan_create",
    ),
    path("enheter/<slug:slug>/indikatorer/ny/", views.indicator_create, name="indicator_create"),
    path("planer/", views.plan_list, name="plan_list"),
    path("planer/ny/", views.plan_create, name="plan_create"),
    path("planer/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("planer/<int:pk>/andra/", views.plan_update, name="plan_update"),
    path("planer/<int:pk>/omraden/ny/", views.area_create, name="area_create"),
    path("omraden/<int:pk>/andra/", views.area_update, name="area_update"),
    path("omraden/<int:pk>/mal/ny/", views.goal_create, name="goal_create"),
    path("mal/<int:pk>/andra/", views.goal_update, name="goal_update"),
    path("verksamhetsplaner/<int:pk>/", views.yearplan_detail, name="yearplan_detail"),
    path("verksamhetsplaner/<int:pk>/andra/", views.yearplan_update, name="yearplan_update"),
    path(
        "verksamhetsplaner/<int:pk>/omraden/ny/",
        views.areayearplan_create,
        name="areayearplan_create",
    ),
    path("omradesplaner/<int:pk>/andra/", views.areayearplan_update, name="areayearplan_update"),
    path("indikatorer/", views.indicator_list, name="indicator_list"),
    path("indikatorer/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("indikatorer/<int:pk>/andra/", views.indicator_update, name="indicator_update"),
    path("indikatorer/<int:pk>/malvarden/ny/", views.target_create, name="target_create"),
    path("malvarden/<int:pk>/andra/", views.target_update, name="target_update"),
    path("indikatorer/<int:pk>/varden/ny/", views.value_create, name="value_create"),
    path("indikatorvarden/<int:pk>/andra/", views.value_update, name="value_update"),
]
