from django.urls import path, re_path

from evaluation import views

app_name = "evaluation"

urlpatterns = [
    # Public: a visitor's answer and a partner's answer, by their unguessable links.
    path("enkat/<str:token>/", views.answer, name="answer"),
    path("samverkansenkat/<str:token>/", views.partner_answer, name="partner_answer"),
    # The organiser's pages.
    path("utvardering/aktivitet/<int:pk>/", views.survey_page, name="survey"),
    path("utvardering/aktivitet/<int:pk>/oppna/", views.survey_open, name="survey_open"),
    path("utvardering/aktivitet/<int:pk>/spara/", views.survey_update, name="survey_update"),
    re_path(
        r"^utvardering/aktivitet/(?P<pk>[0-9]+)/qr\.(?P<fmt>svg|png)$",
        views.survey_qr,
        name="survey_qr",
    ),
    path("utvardering/aktivitet/<int:pk>/skylt/", views.survey_sign, name="survey_sign"),
    path("utvardering/aktivitet/<int:pk>/samverkan/", views.partner_send, name="partner_send"),
]
