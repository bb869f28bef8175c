"""Progress of `khabar index`: a bar with articles, rate and time left on a terminal,
a plain line every few seconds otherwise (logs, CI)."""

import sys
import time

import click

PLAIN_EVERY = 10.0  # seconds between plain progress lines


class Progress:
    """Callable as `progress(stats, done_bytes, total_bytes)` (see build.build_index)."""

    def __init__(self, tty=None, stream=None):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.started = self.last = time.monotonic()
        self.bar, self.done = None, 0

    def rate(self, stats):
        return stats.written / max(time.monotonic() - self.started, 1e-6)

    def __call__(self, stats, done_bytes, total_bytes):
        if self.tty:
            if self.bar is None:
                self.bar = click.progressbar(
                    length=max(total_bytes, 1),
                    label="indexing",
                    show_eta=True,
                    file=self.stream,
                    item_show_func=self.describe,
                )
                self.bar.__enter__()
            self.bar.update(max(done_bytes - self.done, 0), current_item=stats)
            self.done = done_bytes
            return
        now = time.monotonic()
        if now - self.last >= PLAIN_EVERY:
            self.last = now
            share = f"{100 * done_bytes / total_bytes:.0f}% " if total_bytes else ""
            click.echo(
                f"indexing: {share}{stats.written} articles written, {stats.unchanged} unchanged, "
                f"{self.rate(stats):.0f}/s",
                file=self.stream,
            )

    def describe(self, stats):
        return None if stats is None else f"{stats.written} articles, {self.rate(stats):.0f}/s"

    def close(self):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar, self.done = None, 0
