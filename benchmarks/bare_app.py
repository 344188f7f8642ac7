"""The yardstick of benchmarks/web.py: a bare Flask page, served by gunicorn with the same
settings as the app (`gunicorn -c deploy/gunicorn.conf.py --chdir benchmarks bare_app:app`)."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello, koperasi!"
