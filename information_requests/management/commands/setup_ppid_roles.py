from django.core.management.base import BaseCommand

from information_requests.permissions import setup_roles


class Command(BaseCommand):
    help = (
        "Create the PPID Utama, PPID Pelaksana and Atasan PPID groups with their permissions. "
        "Safe to run again: it adds what is missing and removes nothing. Link PPID Pelaksana "
        "staff to their agencies under Information requests → Agency staff."
    )

    def handle(self, *args, **options):
        for group, created, added in setup_roles():
            state = "created" if created else "exists"
            permissions = ", ".join(added) if added else "nothing new"
            self.stdout.write(f"{group.name}: {state}; permissions added: {permissions}")
