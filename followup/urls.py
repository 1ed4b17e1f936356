from django.urls import path

from followup import views

app_name = "followup"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:slug>/vepaq/<int:year>/<int:month>/", views.vepaq, name="vepaq"),
]
