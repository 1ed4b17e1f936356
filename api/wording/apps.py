from django.apps import AppConfig


class WordingConfig(AppConfig):
    """Only a translation catalogue: Django's own Swedish wording of the few messages that
    Django REST framework's Swedish catalogue words differently ("This field is required.":
    "Detta fält måste fyllas i.", not DRF's "Det här fältet är obligatoriskt."). Listed before
    rest_framework in INSTALLED_APPS, so installing DRF leaves the site's forms as they were.
    Kept in an app of its own without source, so that makemessages never writes the project's
    messages here."""

    name = "api.wording"
    label = "api_wording"
