"""`chefsnatverket demo`: a whole meeting cycle and a Guldlänken round, then two workspaces and
three networks side by side, played against the app and a local Slack stand-in, printing what
every person sees. Needs nothing but the installed
package: no Slack workspace, no settings; its database lives in a temp folder removed at the end
(also on Ctrl-C)."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from bot.demo.driver import Demo

D = TypeVar("D", bound="Demo")


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _played(new: Callable[[], D], scene: Callable[[D], None]) -> list[str]:
    """One scene on its own fresh Demo (own servers, own temp database), closed after."""
    demo = new()
    try:
        scene(demo)
    finally:
        demo.close()
    return demo.out


def run(markdown: Path | None = None) -> int:
    """Play the story; with `markdown`, also write it there (docs/walkthrough.md is made so)."""
    from bot.demo.story import new_demo, play
    from bot.demo.workspaces_story import new_workspaces_demo, play_workspaces

    main = threading.current_thread() is threading.main_thread()
    # Ctrl-C cleans up even when started with SIGINT ignored (a background job), and a kill cleans
    # up like Ctrl-C. Signal handlers can only be set from the main thread.
    previous = (
        (signal.signal(signal.SIGINT, signal.default_int_handler), signal.signal(signal.SIGTERM, _stop))
        if main
        else None
    )
    try:
        out = _played(new_demo, play) + _played(new_workspaces_demo, play_workspaces)
    except KeyboardInterrupt:
        print("chefsnatverket demo: stopped; the temp folder is removed", file=sys.stderr)
        return 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous[0])
            signal.signal(signal.SIGTERM, previous[1])
    if markdown:
        markdown.write_text("\n".join(out) + "\n", encoding="utf-8")
    return 0
