"""Create the PostgreSQL database named by a URL if it does not exist (for deploy/serve.sh)."""

import sys

import psycopg
from sqlalchemy.engine import make_url


def main(url: str) -> None:
    parsed = make_url(url)
    if not parsed.drivername.startswith("postgresql"):
        return
    admin = parsed.set(drivername="postgresql", database="postgres")
    conninfo = admin.render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (parsed.database,)
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{parsed.database}"')
            print(f"created database {parsed.database}")


if __name__ == "__main__":
    main(sys.argv[1])
