from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database and both file storages (public media, private files) into a new "
        "folder. Works the same for local files and S3; see docs/deployment.md, 'Backups'."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A new or empty folder for this backup.")

    def handle(self, *args, folder, **options):
        try:
            manifest = backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = ", ".join(
            f"{alias}: {len(files)} files" for alias, files in manifest["files"].items()
        )
        self.stdout.write(
            f"Backed up the {manifest['database']['engine']} database ({counts}) to {folder}."
        )
