from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts import views as accounts_views
from kulturplan import views

admin.site.site_header = _("Kulturplan – administration")
admin.site.site_title = _("Kulturplan")

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "konto/logga-in/",
        accounts_views.LoginView.as_view(),
        name="login",
    ),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "konto/byt-losenord/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "konto/byt-losenord/klart/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("konto/", include("accounts.urls")),
    path("tillganglighet/", views.accessibility_statement, name="accessibility_statement"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("culture_plan.urls")),
    path("aktiviteter/", include("activities.urls")),
    path("uppfoljning/", include("followup.urls")),
    path("internkontroll/", include("internal_control.urls")),
    path("styrning/", include("governance.urls")),
    path("", include("public.urls")),
    path("", include("evaluation.urls")),
    path("api/v1/", include("api.urls")),
]
