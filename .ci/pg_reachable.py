"""Print host:port/dbname of the URL (never the password); exit 0 when a PostgreSQL server answers there."""

import sys
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bot.storage.pg_conn import describe  # noqa: E402

url = sys.argv[1]
print(describe(url))
try:
    psycopg.connect(url, connect_timeout=3).close()
except psycopg.Error:
    sys.exit(1)
