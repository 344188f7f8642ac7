"""The deployment files are valid: nginx accepts the configuration we generate, gunicorn reads
its settings, and the Procfile names commands that exist."""

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"


def _nginx_conf():
    spec = importlib.util.spec_from_file_location("nginx_conf", DEPLOY / "nginx_conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_nginx_configuration_keeps_posts_from_being_sent_twice(tmp_path):
    conf = _nginx_conf().render("8080", ["127.0.0.1:8001", "127.0.0.1:8002"], str(tmp_path))
    assert "server 127.0.0.1:8001" in conf and "server 127.0.0.1:8002" in conf
    assert "non_idempotent" not in conf  # nginx then never resends a POST that reached a server
    assert "proxy_set_header X-Request-ID $request_id;" in conf
    assert "gzip on;" in conf
    assert "client_max_body_size" in conf


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_nginx_accepts_the_generated_configuration(tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(_nginx_conf().render("18080", ["127.0.0.1:18001"], str(tmp_path)))
    result = subprocess.run(
        ["nginx", "-t", "-c", str(conf), "-p", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_gunicorn_runs_sync_workers_by_default(monkeypatch):
    for name in ("GUNICORN_WORKER_CLASS", "GUNICORN_THREADS", "WEB_CONCURRENCY"):
        monkeypatch.delenv(name, raising=False)
    settings: dict = {}
    exec((DEPLOY / "gunicorn.conf.py").read_text(), settings)
    assert settings["worker_class"] == "sync"
    assert settings["threads"] == 1
    assert settings["workers"] >= 2
    assert settings["forwarded_allow_ips"] == "127.0.0.1"


def test_the_procfile_names_the_worker_and_scheduler_of_our_celery_app():
    lines = dict(line.split(": ", 1) for line in (DEPLOY / "Procfile").read_text().splitlines())
    assert set(lines) == {"web", "worker", "scheduler"}
    assert "wsgi:app" in lines["web"]
    assert "celery_worker worker" in lines["worker"]
    assert "celery_worker beat" in lines["scheduler"]


def test_the_beat_schedule_names_only_registered_tasks(app):
    from marketplace.jobs.schedule import BEAT_SCHEDULE
    from marketplace.queue import celery

    assert {entry["task"] for entry in BEAT_SCHEDULE.values()} <= set(celery.tasks)
