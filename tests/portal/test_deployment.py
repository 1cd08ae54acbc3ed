import re
from pathlib import Path

from django.core.management import get_commands

REPO = Path(__file__).resolve().parents[2]
CRON_FILE = REPO / "deploy" / "cron.d-portal-ppid"
DEPLOYMENT_DOC = REPO / "docs" / "deployment.md"


def cron_commands():
    return re.findall(r"manage\.py (\w+)", CRON_FILE.read_text())


class TestCron:
    def test_every_scheduled_command_exists(self):
        commands = cron_commands()

        assert commands
        assert set(commands) <= set(get_commands())

    def test_every_scheduled_command_is_documented(self):
        documented = DEPLOYMENT_DOC.read_text()

        for command in cron_commands():
            assert f"`{command}" in documented, command
