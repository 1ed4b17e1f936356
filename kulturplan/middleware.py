from django.conf import settings
from django.utils import translation


class SwedishFirstLocaleMiddleware:
    """Swedish unless the user picked another language with the language form.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a caseworker with
    an English browser would get English formats and words unasked; here only the explicit
    choice (the language cookie set by the form in the footer) counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        try:
            response = self.get_response(request)
        finally:
            # The language belongs to this request only, not to the thread's next one.
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response
