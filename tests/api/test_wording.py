"""Installing Django REST framework leaves the site's Swedish form messages as Django words
them (api.wording comes before rest_framework in INSTALLED_APPS)."""

import gettext
from pathlib import Path

import django
import rest_framework
from django.utils import translation


def catalogue(package) -> dict:
    path = Path(package.__file__).parent / "locale" / "sv" / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog


def test_every_message_drf_words_differently_keeps_djangos_wording():
    django_sv, drf_sv = catalogue(django.conf), catalogue(rest_framework)
    differing = [
        key
        for key, value in drf_sv.items()
        if isinstance(key, str) and key and key in django_sv and django_sv[key] != value
    ]
    assert "This field is required." in differing
    with translation.override("sv"):
        for key in differing:
            assert translation.gettext(key) == django_sv[key], key
