import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

PASSWORD_FILE = Path(settings.BASE_DIR) / ".services" / "admin-password"


class Command(BaseCommand):
    help = (
        "Create the local superuser and print its credentials. The password comes from "
        "PORTAL_ADMIN_PASSWORD, or is generated once and kept in .services/admin-password."
    )

    def handle(self, *args, **options):
        username = os.environ.get("PORTAL_ADMIN_USERNAME", "admin")
        password = os.environ.get("PORTAL_ADMIN_PASSWORD") or self.stored_or_new_password()
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@localhost"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        action = "created" if created else "updated"
        self.stdout.write(f"Admin user {action}: username '{username}', password '{password}'")

    def stored_or_new_password(self):
        if PASSWORD_FILE.exists():
            return PASSWORD_FILE.read_text().strip()
        PASSWORD_FILE.parent.mkdir(parents=True, exist_ok=True)
        password = secrets.token_urlsafe(12)
        PASSWORD_FILE.write_text(password)
        PASSWORD_FILE.chmod(0o600)
        return password
