from django.utils.cache import add_never_cache_headers


class NoStoreForSignedInMiddleware:
    """Pages for a signed-in user are never stored by the browser or a proxy.

    A shared computer's back button or cache must not show the next person a report or a
    personnel comment after sign-out (DESIGN: Trust, sign-in).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # no-store, no-cache, must-revalidate, private, max-age=0 (and Expires now).
            add_never_cache_headers(response)
        return response
