"""What a WSGI server (gunicorn) loads: production settings unless FLASK_CONFIG says otherwise.
`make run` sets FLASK_CONFIG=development explicitly."""

import os

from marketplace import create_app

app = create_app(os.environ.get("FLASK_CONFIG", "production"))
