from django.urls import path

from followup import views

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
]
