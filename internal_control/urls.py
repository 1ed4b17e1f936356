from django.urls import path

from internal_control import views

app_name = "internal_control"

urlpatterns = [
    path("", views.index, name="index"),
    path("enheter/<slug:slug>/", views.unit_index, name="unit"),
    path("enheter/<slug:slug>/ny/", views.plan_create, name="plan_create"),
    path("enheter/<slug:slug>/rapport/<int:year>/", views.report_page, name="report"),
    path(
        "enheter/<slug:slug>/rapport/<int:year>/<str:fmt>/",
        views.report_download,
        name="report_download",
    ),
    path("planer/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("planer/<int:pk>/andra/", views.plan_update, name="plan_update"),
    path("planer/<int:pk>/anta/", views.plan_adopt, name="plan_adopt"),
    path("planer/<int:pk>/excel/", views.plan_excel, name="plan_excel"),
    path("planer/<int:pk>/risker/ny/", views.risk_create, name="risk_create"),
    path("risker/<int:pk>/", views.risk_detail, name="risk_detail"),
    path("risker/<int:pk>/andra/", views.risk_update, name="risk_update"),
    path("risker/<int:pk>/kontroller/ny/", views.control_create, name="control_create"),
    path("kontroller/<int:pk>/andra/", views.control_update, name="control_update"),
    path("kontroller/<int:pk>/resultat/ny/", views.result_create, name="result_create"),
    path("resultat/<int:pk>/andra/", views.result_update, name="result_update"),
    path("resultat/<int:pk>/atgarder/ny/", views.action_create, name="action_create"),
    path("atgarder/<int:pk>/andra/", views.action_update, name="action_update"),
]
