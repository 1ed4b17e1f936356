"""Print a user's API key (creating it if missing), for `Authorization: Token KEY`."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = (
        "Skriver ut en användares API-nyckel (skapar den om den saknas). Nyckeln ger samma "
        "behörighet som användarens roller: Authorization: Token NYCKEL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="Användarnamnet.")
        parser.add_argument(
            "--rotate", action="store_true", help="Ersätt den gamla nyckeln med en ny."
        )

    def handle(self, *args, user, rotate, **options):
        try:
            account = get_user_model().objects.get(username=user)
        except get_user_model().DoesNotExist:
            raise CommandError(f"Användaren {user!r} finns inte.") from None
        if not account.is_active:
            raise CommandError(f"Användaren {user!r} är inaktiverad.")
        if rotate:
            Token.objects.filter(user=account).delete()
        token, _created = Token.objects.get_or_create(user=account)
        self.stdout.write(token.key)
