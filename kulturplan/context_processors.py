from django.conf import settings


def navigation(request):
    """Values every page's layout needs."""
    return {"LANGUAGES_AVAILABLE": settings.LANGUAGES}
