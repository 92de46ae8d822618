"""Global middlewares called with what they name, without Bolt's per-call argument building.

Bolt calls a function middleware through `build_required_kwargs`, which parses the request
into every payload kind (command, action, view, event, options, shortcut, step…) whatever the
function asks for: on this app's four middlewares that was a third of a request's Python calls
over a bare Bolt app. `Direct` gives a middleware only `req`, `resp`, `body`, `context`,
`logger` and `next`, by the same names Bolt uses, so a middleware reads the same either way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware
from slack_bolt.util.utils import get_arg_names_of_callable, get_name_for_callable


class Direct(Middleware):
    """`func` as a global middleware, given its arguments by name from the request."""

    def __init__(self, func: Callable[..., BoltResponse | None]) -> None:
        self.func = func
        self.arg_names = tuple(get_arg_names_of_callable(func))
        unknown = set(self.arg_names) - {"req", "resp", "body", "context", "logger", "next"}
        assert not unknown, f"{get_name_for_callable(func)} asks for {unknown}"

    @property
    def name(self) -> str:
        return f"Direct({get_name_for_callable(self.func)})"

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        given: dict[str, Any] = {"req": req, "resp": resp, "next": next}
        for arg in self.arg_names:
            if arg == "body":
                given[arg] = req.body
            elif arg == "context":
                given[arg] = req.context
            elif arg == "logger":
                given[arg] = req.context.logger
        return self.func(**{arg: given[arg] for arg in self.arg_names})


def direct(app: App) -> Callable[[Callable[..., BoltResponse | None]], Callable[..., BoltResponse | None]]:
    """`@direct(app)` in place of `@app.middleware`: the same middleware, called directly."""

    def register(func: Callable[..., BoltResponse | None]) -> Callable[..., BoltResponse | None]:
        app.middleware(Direct(func))
        return func

    return register
