"""Print an nginx configuration for Pasar Koperasi in front of one or more gunicorn instances.

    python deploy/nginx_conf.py --listen 8080 --upstream 127.0.0.1:8001 --upstream 127.0.0.1:8002 \
        --run-dir /tmp/pasar-run > /tmp/pasar-run/nginx.conf

nginx serves the static files itself (with long cache headers and gzip), limits request
bodies, passes the client's address, scheme and a request id to the app, and sends a request
to the other instance when one cannot be reached. It never resends a POST that reached an
instance: an order is placed once or not at all.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import flask_bootstrap

ROOT = Path(__file__).resolve().parent.parent
BODY_LIMIT = "12m"  # photo uploads; the app enforces its own, smaller limits per form

TEMPLATE = """\
worker_processes auto;
pid {run_dir}/nginx.pid;
error_log {run_dir}/nginx-error.log warn;
{daemon}

events {{
    worker_connections 1024;
}}

http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;  # the app logs every request, with its id
    client_body_temp_path {run_dir}/body;
    proxy_temp_path {run_dir}/proxy;
    fastcgi_temp_path {run_dir}/fastcgi;
    uwsgi_temp_path {run_dir}/uwsgi;
    scgi_temp_path {run_dir}/scgi;
    sendfile on;
    server_tokens off;
    gzip on;
    gzip_min_length 1024;
    gzip_proxied any;
    gzip_vary on;
    gzip_types text/css application/javascript application/json image/svg+xml text/plain;
    client_max_body_size {body_limit};

    upstream pasar_web {{
{servers}
        keepalive 32;
    }}

    server {{
        listen {listen};
        server_name _;

        location /static/ {{
            alias {static}/;
            expires 7d;
            add_header Cache-Control "public";
        }}
        location /bootstrap/static/ {{
            alias {bootstrap}/;
            expires 30d;
            add_header Cache-Control "public, immutable";
        }}
        location / {{
            proxy_pass http://pasar_web;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto {scheme};
            proxy_set_header X-Forwarded-Host $host;
            proxy_set_header X-Request-ID $request_id;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
            # Another instance takes a request this one could not accept; a POST that reached
            # an instance is never sent twice (nginx's default for non-idempotent methods).
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_tries 2;
        }}
    }}
}}
"""


def render(
    listen: str,
    upstreams: list[str],
    run_dir: str,
    *,
    daemon: bool = False,
    scheme: str = "$scheme",
) -> str:
    servers = "\n".join(f"        server {u} max_fails=1 fail_timeout=3s;" for u in upstreams)
    return TEMPLATE.format(
        run_dir=run_dir,
        daemon="" if daemon else "daemon off;",
        body_limit=BODY_LIMIT,
        servers=servers,
        listen=listen,
        static=ROOT / "static",
        bootstrap=Path(flask_bootstrap.__file__).parent / "static",
        scheme=scheme,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="8080")
    parser.add_argument("--upstream", action="append", required=True)
    parser.add_argument("--run-dir", required=True)
    parser.add_argument("--daemon", action="store_true")
    parser.add_argument(
        "--https-terminated-before",
        action="store_true",
        help="a TLS proxy in front of this nginx: tell the app the scheme is https",
    )
    args = parser.parse_args()
    scheme = "https" if args.https_terminated_before else "$scheme"
    print(render(args.listen, args.upstream, args.run_dir, daemon=args.daemon, scheme=scheme))


if __name__ == "__main__":
    main()
