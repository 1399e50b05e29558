"""A one-line progress bar for terminals: counts, rate and ETA.

Redrawn at most ten times a second on the same line (``\\r``); the caller
shows it only when stderr is a terminal.

>>> import io
>>> bar = Progress(total=200, stream=io.StringIO(), width=10, clock=iter([0.0, 2.0, 2.0]).__next__)
>>> bar.line(done=50, ok=48, warning=1, error=1, now=2.0)
' 50/200 [##--------]  25% | 48 ok, 1 warn, 1 err | 25.0 files/s | ETA 0:06'
"""
from __future__ import annotations

import sys
import time


class Progress:
    """Draw ``done/total [####----] pct | counts | rate | ETA`` on a stream."""

    def __init__(self, total: int, stream=None, width: int = 24, clock=time.monotonic):
        self.total = total
        self.stream = stream or sys.stderr
        self.width = width
        self.clock = clock
        self.start = clock()
        self._last = -1.0
        self._shown = False

    def line(self, done: int, ok: int, warning: int, error: int, now: float | None = None,
             counted: int | None = None) -> str:
        now = self.clock() if now is None else now
        elapsed = max(now - self.start, 1e-9)
        counted = done if counted is None else counted
        rate = counted / elapsed
        left = self.total - done
        eta = _clock(left / rate) if rate > 0 and counted else "--:--"
        filled = int(self.width * done / self.total) if self.total else self.width
        pct = 100 * done // self.total if self.total else 100
        digits = len(str(self.total))
        return (f"{done:>{digits}}/{self.total} [{'#' * filled}{'-' * (self.width - filled)}] "
                f"{pct:>3}% | {ok} ok, {warning} warn, {error} err | {rate:.1f} files/s | ETA {eta}")

    def update(self, summary, force: bool = False) -> None:
        now = self.clock()
        if not force and now - self._last < 0.1:
            return
        self._last = now
        # the rate counts converted files only, so skipped ones do not inflate the ETA
        counted = summary.done - summary.skipped
        text = self.line(summary.done, summary.ok, summary.warning, summary.error, now, counted)
        self.stream.write("\r" + text + "\x1b[K")
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        """Erase the bar so the next message starts on a clean line."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def close(self) -> None:
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()
            self._shown = False


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
