"""A tiny in-process WSGI test client (PEP 3333), no web server needed.

client = WSGIClient(app)
resp = client.post("/slack/events", *signing.slash_command(SECRET, "/cmd", "x", "U0ANNA"))
assert resp.status == 200
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


@dataclass
class Response:
    """What the app answered."""

    status: int
    headers: dict[str, str]  # names as the app sent them; repeated headers joined with ", "
    body: bytes
    reason: str = ""
    header_list: list[tuple[str, str]] = field(default_factory=list)

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def header(self, name: str, default: str | None = None) -> str | None:
        """Case-insensitive header lookup."""
        lname = name.lower()
        for k, v in self.headers.items():
            if k.lower() == lname:
                return v
        return default


class WSGIClient:
    """Calls a WSGI application directly with a correct PEP 3333 environ."""

    def __init__(
        self,
        app: WSGIApp,
        *,
        server_name: str = "localhost",
        server_port: int = 80,
        url_scheme: str = "http",
        default_headers: dict[str, str] | None = None,
        validate: bool = False,
    ) -> None:
        if validate:
            # wsgiref's validator asserts PEP 3333 compliance on both sides of the call.
            from wsgiref.validate import validator

            app = validator(app)
        self.app = app
        self.server_name = server_name
        self.server_port = server_port
        self.url_scheme = url_scheme
        self.default_headers = dict(default_headers or {})
        self.errors = io.StringIO()  # wsgi.errors; inspect for logged app errors

    def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        return self.request("GET", path, b"", headers)

    def post(self, path: str, body: str | bytes = b"", headers: dict[str, str] | None = None) -> Response:
        return self.request("POST", path, body, headers)

    def environ(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> dict[str, Any]:
        """Build the environ a real server would hand the app."""
        raw_path, _, query = path.partition("?")
        env: dict[str, Any] = {
            "REQUEST_METHOD": method.upper(),
            "SCRIPT_NAME": "",
            # PEP 3333: PATH_INFO is URL-decoded, carried as "bytes in latin-1" str.
            "PATH_INFO": unquote(raw_path, encoding="latin-1"),
            "QUERY_STRING": query,
            "SERVER_NAME": self.server_name,
            "SERVER_PORT": str(self.server_port),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": (
                self.server_name
                if self.server_port in (80, 443)
                else f"{self.server_name}:{self.server_port}"
            ),
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": self.url_scheme,
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": self.errors,
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
            "wsgi.input_terminated": True,
        }
        if body or method.upper() in ("POST", "PUT", "PATCH"):
            env["CONTENT_LENGTH"] = str(len(body))
        for name, value in {**self.default_headers, **headers}.items():
            lname = name.lower()
            if lname == "content-type":
                env["CONTENT_TYPE"] = value
            elif lname == "content-length":
                continue  # always derived from the actual body
            else:
                key = "HTTP_" + name.upper().replace("-", "_")
                env[key] = f"{env[key]},{value}" if key in env and key != "HTTP_HOST" else value
        return env

    def request(
        self, method: str, path: str, body: str | bytes = b"", headers: dict[str, str] | None = None
    ) -> Response:
        raw = body.encode("utf-8") if isinstance(body, str) else bytes(body)
        env = self.environ(method, path, raw, dict(headers or {}))
        state: dict[str, Any] = {}
        chunks: list[bytes] = []

        def write(data: bytes) -> None:
            if "status" not in state:
                raise AssertionError("write() called before start_response()")
            if not isinstance(data, bytes):
                raise TypeError(f"WSGI body chunks must be bytes, got {type(data).__name__}")
            state["sent"] = True
            chunks.append(data)

        def start_response(
            status: str, response_headers: list[tuple[str, str]], exc_info: Any = None
        ) -> Callable[[bytes], None]:
            if exc_info is not None:
                try:
                    if state.get("sent"):
                        raise exc_info[1].with_traceback(exc_info[2])
                finally:
                    exc_info = None  # avoid a reference cycle, as PEP 3333 asks
            elif "status" in state:
                raise AssertionError("start_response() called twice without exc_info")
            if not isinstance(status, str) or len(status) < 4 or not status[:3].isdigit() or status[3] != " ":
                raise AssertionError(f"bad WSGI status line: {status!r}")
            for item in response_headers:
                if not (
                    isinstance(item, tuple)
                    and len(item) == 2
                    and isinstance(item[0], str)
                    and isinstance(item[1], str)
                ):
                    raise AssertionError(f"bad WSGI header: {item!r}")
            state["status"], state["headers"] = status, list(response_headers)
            return write

        result = self.app(env, start_response)
        try:
            for chunk in result:
                if not isinstance(chunk, bytes):
                    raise TypeError(f"WSGI body chunks must be bytes, got {type(chunk).__name__}")
                if chunk:
                    state["sent"] = True
                    chunks.append(chunk)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        if "status" not in state:
            raise AssertionError("application returned without calling start_response()")
        code, _, reason = state["status"].partition(" ")
        header_dict: dict[str, str] = {}
        for k, v in state["headers"]:
            header_dict[k] = f"{header_dict[k]}, {v}" if k in header_dict else v
        return Response(int(code), header_dict, b"".join(chunks), reason, state["headers"])
