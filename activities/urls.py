from django.urls import include, path

from activities import views

app_name = "activities"

urlpatterns = [
    path("", views.activity_list, name="list"),
    path("ny/", views.activity_create, name="create"),
    path("serie/", views.activity_series, name="series"),
    path("mal/", views.goal_choices, name="goal_choices"),
    path("plan/", views.activity_plan_choose, name="plan_choose"),
    path("plan/<slug:slug>/<int:year>/", views.activity_plan, name="plan"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/andra/", views.activity_edit, name="edit"),
    path("<int:pk>/kopiera/", views.activity_copy, name="copy"),
    path("<int:pk>/genomford/", views.activity_mark_done, name="mark_done"),
    path("<int:pk>/ta-bort/", views.activity_delete, name="delete"),
    path("<int:pk>/medarrangor/", views.activity_join, name="join"),
    path("excel/", include("activities.urls_excel")),
]
