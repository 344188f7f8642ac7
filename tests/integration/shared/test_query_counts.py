"""No page's number of queries grows with the rows it shows: each page is loaded with few and
with many rows, and must make the same number of queries both times."""

from contextlib import contextmanager

from sqlalchemy import event

from marketplace.extensions import db
from tests.factories import client_for, make_cooperative, make_member, make_user


@contextmanager
def counting():
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def queries_for(client, path: str) -> int:
    with counting() as statements:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(statements)


def test_the_members_page_makes_the_same_queries_for_3_and_15_members(app):
    admin = make_user("Pengurus")
    coop = make_cooperative(admin)
    for n in range(2):
        make_member(coop, make_user(f"Anggota {n}"))
    client = client_for(app, admin)
    few = queries_for(client, f"/kelola/{coop.slug}/anggota")
    for n in range(2, 14):
        make_member(coop, make_user(f"Anggota {n}"))
    assert queries_for(client, f"/kelola/{coop.slug}/anggota") == few
