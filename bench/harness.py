"""What the benches share: the real services from scripts/, a throw-away database, timing.

The services are started the way the test suite starts them (idempotent, loopback only), and a
bench stops at the end only those it started itself.
"""

import os
import shlex
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def service_environment(name):
    """The variables `scripts/<name>.sh env` exports, as a dict."""
    lines = subprocess.run(
        [REPO / "scripts" / f"{name}.sh", "env"], check=True, capture_output=True, text=True
    ).stdout
    variables = {}
    for line in lines.splitlines():
        key, _, value = line.removeprefix("export ").partition("=")
        variables[key] = shlex.split(value)[0] if value else ""
    return variables


@contextmanager
def services(*names):
    """Start the named services unless they run already; yield their environment; stop ours."""
    started, environment = [], {}
    try:
        for name in names:
            script = REPO / "scripts" / f"{name}.sh"
            if subprocess.run([script, "status"], capture_output=True).returncode != 0:
                subprocess.run([script, "start"], check=True, stdout=subprocess.DEVNULL)
                started.append(name)
            environment.update(service_environment(name))
        yield environment
    finally:
        for name in reversed(started):
            subprocess.run([REPO / "scripts" / f"{name}.sh", "stop"], check=False)


def fresh_database(database_url, name):
    """Drop and create database `name` on the server of `database_url`; return its URL."""
    import psycopg

    # Through the maintenance database: the one `database_url` names need not exist.
    with psycopg.connect(with_database(database_url, "postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return with_database(database_url, name)


def drop_database(database_url, name):
    import psycopg

    with psycopg.connect(with_database(database_url, "postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_exists(database_url, name):
    import psycopg

    with psycopg.connect(with_database(database_url, "postgres"), autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return found.fetchone() is not None


def with_database(database_url, name):
    return urlunsplit(urlsplit(database_url)._replace(path=f"/{name}"))


def production_environment(database_url, folder, cache_url="", task_backend="immediate"):
    """Production settings for a bench: DEBUG off, local files under `folder`, database search."""
    return {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": "bench-only-not-a-secret-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORTAL_BASE_URL": "https://localhost",
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        "SEARCH_BACKEND": "database",
        "STORAGE_BACKEND": "local",
        "MEDIA_ROOT": str(Path(folder) / "media"),
        "PRIVATE_MEDIA_ROOT": str(Path(folder) / "private_media"),
        "TASK_BACKEND": task_backend,
        "LOG_LEVEL": "WARNING",
    }


def setup_django(environment):
    """Configure Django in this process from `environment` (which also goes to os.environ)."""
    os.environ.update(environment)
    import django

    django.setup()


@contextmanager
def stopwatch():
    """`with stopwatch() as elapsed: ...` then `elapsed()` gives the seconds it took."""
    start = time.perf_counter()
    end = None

    def elapsed():
        return (end or time.perf_counter()) - start

    try:
        yield elapsed
    finally:
        end = time.perf_counter()
