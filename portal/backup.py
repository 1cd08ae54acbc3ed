"""Back up and restore everything the portal keeps: the database and both file storages.

A backup is a folder:

    manifest.json        when, which database engine, and every file with its size and SHA-256
    database.dump        PostgreSQL: `pg_dump --format=custom` (restored with `pg_restore --clean`)
    database.sqlite3     SQLite (`make run`): a consistent copy made with SQLite's backup API
    files/default/...    public media (documents, images), copied through the storage
    files/private/...    private files (identity documents, written notices)

Files are read and written through Django's storages, so the same code backs up local folders and
S3 buckets alike, and restores into either (a backup taken on disk restores into S3). Restoring
replaces the database and writes every file back, checking each against its recorded checksum.
"""

import datetime
import hashlib
import json
import os
import sqlite3
import subprocess
from pathlib import Path, PurePosixPath

from django.core.files.base import File
from django.core.files.storage import storages
from django.db import connections

STORAGE_ALIASES = ("default", "private")
MANIFEST = "manifest.json"
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why."""


def backup(target):
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: choose a new folder for each backup.")
    target.mkdir(parents=True, exist_ok=True)
    database = dump_database(target)
    files = {
        alias: copy_out(storages[alias], target / "files" / alias) for alias in STORAGE_ALIASES
    }
    manifest = {
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "database": database,
        "files": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def restore(source):
    source = Path(source)
    manifest_path = source / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{source} holds no backup ({MANIFEST} is missing).")
    manifest = json.loads(manifest_path.read_text())
    # Every file is checked before anything is replaced: a damaged backup changes nothing.
    for alias in STORAGE_ALIASES:
        check_files(source / "files" / alias, manifest["files"].get(alias, {}))
    restore_database(source, manifest["database"])
    for alias in STORAGE_ALIASES:
        copy_in(source / "files" / alias, storages[alias], manifest["files"].get(alias, {}))
    return manifest


# --- database -------------------------------------------------------------------------------


def dump_database(target):
    connection = connections["default"]
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        run_postgres_tool(
            "pg_dump",
            settings,
            "--format=custom",
            "--no-owner",
            "--no-acl",
            f"--file={target / POSTGRES_DUMP}",
        )
        return {"engine": "postgresql", "file": POSTGRES_DUMP}
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target / SQLITE_COPY) as copy:
            connection.connection.backup(copy)
        return {"engine": "sqlite", "file": SQLITE_COPY}
    raise BackupError(f"Backing up a {connection.vendor} database is not supported.")


def restore_database(source, database):
    connection = connections["default"]
    if database["engine"] != connection.vendor:
        raise BackupError(
            f"This backup holds a {database['engine']} database; the portal uses "
            f"{connection.vendor}."
        )
    connections.close_all()
    if connection.vendor == "postgresql":
        run_postgres_tool(
            "pg_restore",
            connection.settings_dict,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-acl",
            "--single-transaction",
            str(source / database["file"]),
        )
    else:
        with sqlite3.connect(source / database["file"]) as backup_copy:
            connection.ensure_connection()
            backup_copy.backup(connection.connection)
        connection.close()


def run_postgres_tool(tool, settings, *arguments):
    env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    command = [tool, f"--dbname={settings['NAME']}", *arguments]
    if settings.get("HOST"):
        command.append(f"--host={settings['HOST']}")
    if settings.get("PORT"):
        command.append(f"--port={settings['PORT']}")
    if settings.get("USER"):
        command.append(f"--username={settings['USER']}")
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        raise BackupError(f"{tool} is not installed (Debian: postgresql-client).") from error
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()}")


# --- files ----------------------------------------------------------------------------------


def stored_names(storage, folder=""):
    """Every file name in `storage`, however deep."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield str(PurePosixPath(folder) / name) if folder else name
    for sub in folders:
        yield from stored_names(storage, str(PurePosixPath(folder) / sub) if folder else sub)


def copy_out(storage, target):
    """Copy every file of `storage` under `target`; {name: {size, sha256}}."""
    recorded = {}
    for name in stored_names(storage):
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with storage.open(name, "rb") as stored, destination.open("wb") as copy:
            for chunk in iter(lambda stored=stored: stored.read(CHUNK), b""):
                digest.update(chunk)
                copy.write(chunk)
        recorded[name] = {"size": destination.stat().st_size, "sha256": digest.hexdigest()}
    return recorded


def check_files(source, recorded):
    for name, expected in recorded.items():
        path = source / name
        if not path.is_file() or sha256_of(path) != expected["sha256"]:
            raise BackupError(f"{path} is missing or damaged: its checksum does not match.")


def copy_in(source, storage, recorded):
    """Write every recorded file back to `storage` under its own name."""
    for name in recorded:
        path = source / name
        if storage.exists(name):
            storage.delete(name)
        with path.open("rb") as content:
            saved = storage.save(name, File(content, name=PurePosixPath(name).name))
        if saved != name:
            raise BackupError(f"{name} was stored as {saved}: the storage renamed it.")


def sha256_of(path):
    digest = hashlib.sha256()
    with path.open("rb") as content:
        for chunk in iter(lambda: content.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()
