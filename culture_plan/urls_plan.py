from django.urls import path

from culture_plan import views

urlpatterns = [
    path("enheter/<slug:slug>/", views.unit_detail, name="unit_detail"),
    path("planer/", views.plan_list, name="plan_list"),
    path("planer/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("verksamhetsplaner/<int:pk>/", views.yearplan_detail, name="yearplan_detail"),
    path("indikatorer/", views.indicator_list, name="indicator_list"),
    path("indikatorer/<int:pk>/", views.indicator_detail, name="indicator_detail"),
]
