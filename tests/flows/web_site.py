"""A real HTTP server on 127.0.0.1 for the web-source tests: pages, feeds and faults we write.

Each route serves a body (bytes, or a generator for bodies too large to hold), optionally after
a list of statuses served first (500 then success, 429 with Retry-After), a delay, or a redirect.
Bodies get an ETag and a Last-Modified, and a matching conditional request gets a 304. Every
request is logged with its headers, so tests assert what was fetched and how.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

LAST_MODIFIED = "Wed, 01 Oct 2025 08:00:00 GMT"


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up on purpose (timeouts, size limits) are part of the tests


@dataclass
class Route:
    body: bytes | Callable[[], Iterator[bytes]] = b""
    content_type: str = "text/html; charset=utf-8"
    before: list[tuple[int, dict[str, str]]] = field(
        default_factory=list
    )  # served first, once each
    delay: float = 0.0
    redirect: str | None = None
    status: int = 200
    length: int | None = None  # Content-Length to declare for a generator body


@dataclass(frozen=True)
class Seen:
    path: str
    headers: dict[str, str]
    status: int

    @property
    def conditional(self) -> bool:
        return "if-none-match" in self.headers or "if-modified-since" in self.headers


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.serve(self)

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def seen(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def _log(self, handler: BaseHTTPRequestHandler, status: int) -> None:
        headers = {k.lower(): v for k, v in handler.headers.items()}
        with self.lock:
            self.requests.append(Seen(handler.path, headers, status))

    def serve(self, handler: BaseHTTPRequestHandler) -> None:
        route = self.routes.get(handler.path) or self.routes.get(urlsplit(handler.path).path)
        if route is None:
            self._simple(handler, 404, b"not found")
            return
        if route.delay:
            time.sleep(route.delay)
        with self.lock:
            first = route.before.pop(0) if route.before else None
        if first is not None:
            self._simple(handler, first[0], b"try again", first[1])
            return
        if route.redirect is not None:
            self._simple(handler, route.status, b"", {"Location": route.redirect})
            return
        if route.status != 200:
            self._simple(handler, route.status, b"error")
            return
        if callable(route.body):
            self._log(handler, 200)
            handler.send_response(200)
            handler.send_header("Content-Type", route.content_type)
            if route.length is not None:
                handler.send_header("Content-Length", str(route.length))
            else:
                handler.send_header("Connection", "close")
            handler.end_headers()
            try:
                for chunk in route.body():
                    handler.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            handler.close_connection = True
            return
        etag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
        if handler.headers.get("If-None-Match") == etag:
            self._simple(handler, 304, b"", {"ETag": etag})
            return
        self._simple(
            handler,
            200,
            route.body,
            {"ETag": etag, "Last-Modified": LAST_MODIFIED, "Content-Type": route.content_type},
        )

    def _simple(
        self,
        handler: BaseHTTPRequestHandler,
        status: int,
        body: bytes,
        headers: dict[str, str] | None = None,
    ) -> None:
        self._log(handler, status)
        try:
            handler.send_response(status)
            for name, value in (headers or {}).items():
                handler.send_header(name, value)
            if status != 304:
                handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            if status != 304:
                handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            handler.close_connection = True


def zeros(total: int, chunk: int = 1 << 16) -> Callable[[], Iterator[bytes]]:
    """A body of ``total`` bytes made while sending (never held in memory)."""

    def gen() -> Iterator[bytes]:
        yield b"<html><body><p>"
        sent = 0
        block = b"a" * chunk
        while sent < total:
            yield block
            sent += chunk

    return gen
