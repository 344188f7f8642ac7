"""Run localstripe bound to 127.0.0.1 on a given port, in memory only.

localstripe's own command listens on every interface and pickles its store to /tmp; tests want
neither. Usage: python -m tests.fakes.localstripe_server PORT
"""

import sys

from aiohttp import web
from localstripe import resources, server


def main() -> None:
    port = int(sys.argv[1])
    resources.Store.dump_to_disk = lambda self: None  # keep state in this process only
    web.run_app(server.app, host="127.0.0.1", port=port, print=None, access_log=None)


if __name__ == "__main__":
    main()
