from marketplace.ops.config_check import worker_check


def test_sync_workers_are_fine_on_any_python():
    assert worker_check({}, (3, 11, 7)).ok
    assert worker_check({"GUNICORN_WORKER_CLASS": "sync"}, (3, 11, 7)).ok


def test_threads_need_python_3_12():
    assert not worker_check({"GUNICORN_WORKER_CLASS": "gthread"}, (3, 11, 7)).ok
    assert not worker_check({"GUNICORN_THREADS": "4"}, (3, 11, 2)).ok
    assert worker_check({"GUNICORN_WORKER_CLASS": "gthread"}, (3, 12, 1)).ok
