from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("ingen-atkomst/", views.no_access, name="no_access"),
    path("oidc/logga-in/", views.oidc_login, name="oidc_login"),
    path("oidc/callback/", views.oidc_callback, name="oidc_callback"),
    path("saml/logga-in/", views.saml_login, name="saml_login"),
    path("saml/acs/", views.saml_acs, name="saml_acs"),
    path("saml/metadata/", views.saml_metadata, name="saml_metadata"),
]
