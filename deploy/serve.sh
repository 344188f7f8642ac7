#!/usr/bin/env bash
# The whole production stack on one machine, against PostgreSQL and Redis: nginx in front of
# two gunicorn instances, a Celery worker and the scheduler (celery beat). `make serve` runs it;
# Ctrl-C stops everything. See deploy/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=${BIN:-$ROOT/.venv/bin}
export FLASK_APP=wsgi
export FLASK_CONFIG=${FLASK_CONFIG:-production}
export DATABASE_URL=${DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/pasar}
export RATELIMIT_STORAGE_URI=${RATELIMIT_STORAGE_URI:-redis://127.0.0.1:6379/0}
export CELERY_BROKER_URL=${CELERY_BROKER_URL:-redis://127.0.0.1:6379/1}
export PROXY_COUNT=${PROXY_COUNT:-1}  # nginx
PORT=${PORT:-8080}
WEB_PORTS=${WEB_PORTS:-"8001 8002"}
RUN_DIR=${RUN_DIR:-$ROOT/instance/run}
mkdir -p "$RUN_DIR"

if [ -z "${SECRET_KEY:-}" ]; then  # one random key per machine, kept out of the repository
  [ -s "$RUN_DIR/secret_key" ] || (umask 077; "$BIN/python" -c 'import secrets; print(secrets.token_hex(32))' >"$RUN_DIR/secret_key")
  SECRET_KEY=$(cat "$RUN_DIR/secret_key")
  export SECRET_KEY
fi
command -v nginx >/dev/null || { echo "nginx is not installed (apt-get install nginx)"; exit 1; }

if [ "${CREATE_DATABASE:-1}" = 1 ]; then  # the default local database, made on first use
  "$BIN/python" deploy/ensure_database.py "$DATABASE_URL"
fi
"$BIN/flask" db upgrade
if [ "${SEED_DEMO:-1}" = 1 ]; then "$BIN/flask" seed-demo >/dev/null; fi
"$BIN/flask" check-config

pids=()
stop() {
  trap - EXIT INT TERM
  [ -f "$RUN_DIR/nginx.pid" ] && kill "$(cat "$RUN_DIR/nginx.pid")" 2>/dev/null || true
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

upstreams=()
for port in $WEB_PORTS; do
  GUNICORN_BIND=127.0.0.1:$port GUNICORN_NAME=pasar-web-$port \
    "$BIN/gunicorn" -c deploy/gunicorn.conf.py --pid "$RUN_DIR/web-$port.pid" wsgi:app &
  pids+=($!)
  upstreams+=(--upstream "127.0.0.1:$port")
done
"$BIN/celery" -A celery_worker worker --loglevel=INFO --concurrency=2 &
pids+=($!)
"$BIN/celery" -A celery_worker beat --loglevel=INFO \
  --schedule "$RUN_DIR/celerybeat-schedule" --pidfile= &
pids+=($!)
"$BIN/python" deploy/nginx_conf.py --listen "$PORT" "${upstreams[@]}" --run-dir "$RUN_DIR" \
  >"$RUN_DIR/nginx.conf"
nginx -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR" &
pids+=($!)

for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  sleep 1
done
echo "Pasar Koperasi (production stack) is serving at http://127.0.0.1:$PORT/"
wait -n "${pids[@]}"  # one process ended: stop the rest
