from django.urls import path

from governance import views

app_name = "governance"

urlpatterns = [
    path("", views.chain_index, name="chain_index"),
    path("styrdokument/<slug:slug>/", views.framework_chain, name="framework_chain"),
    path("mal/<int:pk>/", views.goal_detail, name="goal_detail"),
    path("enheter/<slug:slug>/ataganden/", views.unit_commitments, name="unit_commitments"),
    path("enheter/<slug:slug>/ataganden/ny/", views.commitment_create, name="commitment_create"),
    path("ataganden/<int:pk>/", views.commitment_detail, name="commitment_detail"),
    path("ataganden/<int:pk>/andra/", views.commitment_update, name="commitment_update"),
    path("ataganden/<int:pk>/bedomning/", views.commitment_assess, name="commitment_assess"),
    path("enheter/<slug:slug>/serviceerbjudanden/", views.service_offers, name="service_offers"),
    path(
        "enheter/<slug:slug>/serviceerbjudanden/ny/",
        views.service_offer_create,
        name="service_offer_create",
    ),
    path(
        "serviceerbjudanden/<int:pk>/andra/",
        views.service_offer_update,
        name="service_offer_update",
    ),
    path(
        "indikatorer/<int:pk>/jamforelse/",
        views.indicator_comparison,
        name="indicator_comparison",
    ),
]
