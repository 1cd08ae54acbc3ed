from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_portal: REPLACES the database and writes every backed-up "
        "file back to its storage. Stop the app servers and the task worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A folder written by backup_portal.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the database."
        )

    def handle(self, *args, folder, yes=False, **options):
        if not yes and input(f"Replace the database with the backup in {folder}? [y/N] ") != "y":
            raise CommandError("Nothing restored.")
        try:
            manifest = restore(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the backup of {manifest['created_at']} from {folder}.")
