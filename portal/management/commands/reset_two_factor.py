from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator apps (e.g. after a lost phone); "
        "the user sets up a new one at the next sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("No user is called %(username)s.") % {"username": username})
        removed, _details = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(
            _("Removed %(count)d authenticator device(s) of %(username)s.")
            % {"count": removed, "username": username}
        )
