"""The stand-in's HTTP plumbing: a threading server answering one request per thread."""

from __future__ import annotations

import json
import re
import socket
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from standin.server import SlackStandIn


def _parse_multipart(body: bytes, content_type: str) -> list[tuple[dict[str, str], bytes]]:
    """Split a multipart/form-data body into (disposition params, content) parts."""
    m = re.search(r'boundary="?([^";]+)"?', content_type)
    if not m:
        return []
    delim = b"\r\n--" + m.group(1).encode("latin-1")
    # The first delimiter may lack the leading CRLF; prepending one keeps splitting uniform.
    data = body if body.startswith(b"\r\n") else b"\r\n" + body
    parts: list[tuple[dict[str, str], bytes]] = []
    for chunk in data.split(delim)[1:]:
        if chunk.startswith(b"--"):
            break  # closing delimiter
        nl = chunk.find(b"\r\n")
        chunk = chunk[nl + 2 :] if nl >= 0 else b""
        head, _, content = chunk.partition(b"\r\n\r\n")
        disp: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            if line.lower().startswith("content-disposition:"):
                for k, v in re.findall(r'(\w+)="([^"]*)"', line):
                    disp[k.lower()] = v
            elif line.lower().startswith("content-type:"):
                disp["content-type"] = line.split(":", 1)[1].strip()
        parts.append((disp, content))
    return parts


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive capable; every answer carries Content-Length
    server_version = "SlackStandIn/1.0"
    timeout = 30  # drop idle keep-alive connections instead of holding threads forever
    server: _Server

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in one write, but disable Nagle anyway so that
        # keep-alive clients never hit the 40 ms delayed-ACK stall.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # per-request logging would dominate the cost at benchmark rates

    def do_POST(self) -> None:
        self._serve("POST")

    def do_GET(self) -> None:
        self._serve("GET")

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            out = bytearray()
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return bytes(out)
                out += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _serve(self, verb: str) -> None:
        body = self._read_body()
        headers = {k.lower(): v for k, v in self.headers.items()}
        ans = self.server.standin._handle(verb, self.path, headers, body)
        payload = ans.raw if ans.raw is not None else json.dumps(ans.body, separators=(",", ":")).encode()
        try:
            phrase = HTTPStatus(ans.status).phrase
        except ValueError:
            phrase = "Status"
        lines = [
            f"HTTP/1.1 {ans.status} {phrase}",
            f"Content-Type: {ans.content_type}",
            f"Content-Length: {len(payload)}",
            f"X-Slack-Req-Id: {self.server.standin._next_req_id()}",
        ]
        lines += [f"{k}: {v}" for k, v in ans.headers]
        if self.close_connection:
            lines.append("Connection: close")
        try:
            self.wfile.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + payload)
            self.wfile.flush()
        except OSError:
            # The client gave up (e.g. it timed out during a `delay` fault).
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # never block interpreter exit or stop() on handler threads
    request_queue_size = 1024  # deep listen backlog so benchmark bursts are not refused
    allow_reuse_address = True
    standin: SlackStandIn

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # clients hanging up are normal here
        super().handle_error(request, client_address)
