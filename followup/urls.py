from django.urls import path

from followup import analysis_views, document_views, views

app_name = "followup"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:slug>/vepaq/<int:year>/", views.vepaq_year, name="vepaq_year"),
    path("<slug:slug>/vepaq/<int:year>/<int:month>/", views.vepaq, name="vepaq"),
    path("<slug:slug>/unga/<int:year>/", views.youth, name="youth"),
    path("<slug:slug>/matris/<int:plan_pk>/", views.matrix, name="matrix"),
    path(
        "<slug:slug>/matris/<int:plan_pk>/<int:goal_pk>/<int:year>/",
        views.matrix_cell,
        name="matrix_cell",
    ),
    path("<slug:slug>/inriktning/<int:pk>/", views.focus_item, name="focus_item"),
    path("<slug:slug>/diagram/<int:year>/", views.chart_page, name="charts"),
    path("<slug:slug>/analys/<int:year>/", analysis_views.analysis_page, name="analysis"),
    path(
        "<slug:slug>/analys/<int:year>/spara/", analysis_views.analysis_save, name="analysis_save"
    ),
    # Report documents (annual, tertial), their actions and every report's downloads.
    path("<slug:slug>/verksamhetsberattelse/<int:year>/", document_views.annual, name="annual"),
    path("<slug:slug>/tertial/<int:year>/<int:tertial>/", document_views.tertial, name="tertial"),
    path(
        "<slug:slug>/rapport/<str:kind>/<int:year>/<int:tertial>/spara/",
        document_views.document_save,
        name="document_save",
    ),
    path(
        "<slug:slug>/rapport/<str:kind>/<int:year>/<int:tertial>/faststall/",
        document_views.document_approve,
        name="document_approve",
    ),
    path(
        "<slug:slug>/rapport/<str:kind>/<int:year>/<int:tertial>/oppna/",
        document_views.document_reopen,
        name="document_reopen",
    ),
    path(
        "<slug:slug>/ladda-ner/<str:kind>/<int:year>/<int:part>/<str:fmt>/",
        document_views.download,
        name="download",
    ),
    path("<slug:slug>/publicerad/<int:pk>/", document_views.published_pdf, name="published_pdf"),
]
