"""One storage interface, two backends: DATABASE_URL selects PostgreSQL, the SQL is translated for psycopg,
a server that does not answer is reported clearly, and PostgreSQL's faults count as database faults."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from psycopg import errors

from bot.settings import Settings, SettingsError
from bot.storage import pg_conn
from bot.storage.db import Database, DatabaseUnavailable, is_postgres
from bot.storage.unit import is_fault, is_retryable


def test_placeholders_become_psycopg_ones_outside_string_literals() -> None:
    sql = "SELECT 1 FROM outbox WHERE last_error LIKE 'forbidden%' AND note = '?' AND id = ? AND chat_id = ?"
    assert pg_conn.translate(sql) == (
        "SELECT 1 FROM outbox WHERE last_error LIKE 'forbidden%%' AND note = '?' AND id = %s AND chat_id = %s"
    )


def test_a_test_schema_goes_into_the_connection_options() -> None:
    url = pg_conn.with_search_path("postgresql://postgres@127.0.0.1:5432/test?sslmode=disable", "test_abc")
    assert url == "postgresql://postgres@127.0.0.1:5432/test?sslmode=disable&options=-csearch_path%3Dtest_abc"


def test_database_url_selects_postgresql_and_without_it_the_sqlite_file() -> None:
    assert Settings.from_env({}).database == Path("data/wegweiser.db")
    assert Settings.from_env({"DATABASE_PATH": "/srv/w.db"}).database == Path("/srv/w.db")
    url = "postgresql://wegweiser@db:5432/wegweiser"
    assert Settings.from_env({"DATABASE_URL": url, "DATABASE_PATH": "/srv/w.db"}).database == url
    assert is_postgres(url) and not is_postgres(Path("postgresql:/x.db"))
    with pytest.raises(SettingsError, match="DATABASE_URL"):
        Settings.from_env({"DATABASE_URL": "mysql://root@db/w"})


async def test_a_server_that_does_not_answer_is_reported_without_the_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pg_conn, "OPEN_TIMEOUT", 0.5)
    with pytest.raises(DatabaseUnavailable) as raised:
        await Database.open("postgresql://wegweiser:s3cret@127.0.0.1:9/wegweiser")
    message = str(raised.value)
    assert "127.0.0.1:9/wegweiser" in message and "DATABASE_URL" in message and "s3cret" not in message


@pytest.mark.parametrize(
    ("error", "fault", "retry"),
    [
        (psycopg.OperationalError("connection lost"), True, True),
        (errors.DiskFull("could not extend file"), True, True),
        (errors.ReadOnlySqlTransaction("read-only"), True, False),
        (errors.SerializationFailure("could not serialize"), False, True),
        (errors.UniqueViolation("duplicate key"), False, False),
    ],
)
def test_postgresql_faults_are_database_faults(error: Exception, fault: bool, retry: bool) -> None:
    assert is_fault(error) is fault
    assert is_retryable(error) is retry
