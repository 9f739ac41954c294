"""Gunicorn settings for `make serve`: the server does not announce its name and version.

Gunicorn writes `Server: gunicorn` on every response and has no setting to leave it out, so this
file (read by `gunicorn -c coalition/gunicorn.conf.py` in the master, before the workers fork)
drops that line from the headers it writes. The bind address, workers and logging stay on the
command line in the Makefile.
"""

from gunicorn.http import wsgi


def _without_server_header(default_headers):
    def headers(self):
        return [line for line in default_headers(self) if not line.lower().startswith("server:")]

    headers.drops_server_header = True
    return headers


if not getattr(wsgi.Response.default_headers, "drops_server_header", False):
    wsgi.Response.default_headers = _without_server_header(wsgi.Response.default_headers)
# HTTP/2 responses add a `server` header from this name unless the application sent one; a
# generic word tells a scanner nothing (HTTP/1, what `make serve` speaks, sends none at all).
wsgi.SERVER = "web"
