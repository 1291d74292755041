"""`krat check --watch`: check the content again whenever a file under it changes, for an editor's background task.

Why: VS Code's YAML extension never sees the front-matter of a Markdown file, so the build's own checker is what
tells staff about a bad record in the editor. A VS Code background task (`.vscode/tasks.json`) runs this command;
each round is framed by two lines its problem matcher waits for, so the Problems panel shows the build's Albanian
messages a moment after every save. It polls modification times: no dependency, and a few files are cheap to scan.
"""

import sys
import time
from collections.abc import Callable
from pathlib import Path

from krat.engine.preview import fingerprint

ROUND_STARTS = "krat check --watch: po kontrollohet..."
ROUND_ENDS = "krat check --watch: u kontrollua; pritet ndryshimi i radhës (Ctrl+C ndalon)"


def watch(check: Callable[[], object], folder: Path, interval: float = 1.0, rounds: int | None = None) -> None:
    """Run `check` now and after every change under `folder`, between ROUND_STARTS and ROUND_ENDS on stderr (where
    `krat check` prints its problems, so the order holds); stop after `rounds` checks when given (for tests).
    The fingerprint is taken before each check, so a file saved while a check runs starts the next round."""
    seen, done = None, 0
    while rounds is None or done < rounds:
        current = fingerprint([folder], "")  # paths, sizes and modification times
        if current != seen:
            print(ROUND_STARTS, file=sys.stderr, flush=True)
            check()
            print(ROUND_ENDS, file=sys.stderr, flush=True)
            seen, done = current, done + 1
        else:
            time.sleep(interval)
