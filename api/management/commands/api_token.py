"""Make a user's API key and print it once, for `Authorization: Token KEY`. Only its hash is
stored (api.authentication), so the key cannot be shown again: keep it where it is used."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from api.authentication import create_key


class Command(BaseCommand):
    help = (
        "Skapar en ny API-nyckel för en användare och skriver ut den en gång (bara ett hashvärde "
        "sparas). Nyckeln ger samma behörighet som användarens roller: Authorization: Token "
        "NYCKEL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="Användarnamnet.")
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="Återkalla användarens tidigare nycklar (bara den nya gäller).",
        )

    def handle(self, *args, user, rotate, **options):
        try:
            account = get_user_model().objects.get(username=user)
        except get_user_model().DoesNotExist:
            raise CommandError(f"Användaren {user!r} finns inte.") from None
        if not account.is_active:
            raise CommandError(f"Användaren {user!r} är inaktiverad.")
        self.stdout.write(create_key(user=account, revoke_others=rotate))
