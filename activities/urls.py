from django.urls import include, path

from activities import views

app_name = "activities"

urlpatterns = [
    path("", views.activity_list, name="list"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("excel/", include("activities.urls_excel")),
]
