from marketplace.accounts.models import User
from marketplace.extensions import db
from tests.factories import PASSWORD, login, make_user


def test_sign_up_creates_a_buyer_and_logs_in(client):
    response = client.post(
        "/akun/daftar",
        data={
            "name": "Sari Pembeli",
            "email": "Sari@Example.com",
            "phone": "0812 3456 7890",
            "password": "rahasia-panjang",
            "confirm": "rahasia-panjang",
        },
    )
    assert response.status_code == 302
    user = db.session.query(User).one()
    assert user.email == "sari@example.com"
    assert user.phone == "+6281234567890"
    assert user.password_hash != "rahasia-panjang"
    assert client.get("/akun/").status_code == 200


def test_sign_up_rejects_duplicate_email_and_bad_phone(client):
    make_user(email="ada@example.com")
    response = client.post(
        "/akun/daftar",
        data={
            "name": "X",
            "email": "ADA@example.com",
            "phone": "12",
            "password": "rahasia-panjang",
            "confirm": "rahasia-panjang",
        },
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "sudah terdaftar" in body or "already registered" in body
    assert db.session.query(User).count() == 1


def test_login_redirects_only_to_local_paths(client):
    user = make_user()
    for target, expected in [
        ("https://evil.example/", "/akun/"),
        ("//evil.example/x", "/akun/"),
        ("/pesanan/", "/pesanan/"),
    ]:
        response = client.post(
            "/akun/masuk", data={"email": user.email, "password": PASSWORD, "next": target}
        )
        assert response.headers["Location"] == expected
        client.post("/akun/keluar")


def test_wrong_password_is_refused(client):
    user = make_user()
    response = client.post("/akun/masuk", data={"email": user.email, "password": "nope-nope"})
    assert response.status_code == 200
    assert client.get("/akun/").status_code == 302


def test_pages_require_login_by_default(client):
    response = client.get("/akun/")
    assert response.status_code == 302
    assert "/akun/masuk" in response.headers["Location"]


def test_logged_in_user_reaches_dashboard(client):
    login(client, make_user(name="Budi"))
    assert "Budi" in client.get("/akun/").get_data(as_text=True)
