"""Hot reload: watch the knowledge directory and re-index what changed, without a restart."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from knowledge.index import KnowledgeIndexError
from knowledge.loader import is_ignored
from knowledge.service import KnowledgeBase, ReloadReport

log = logging.getLogger("shopclerk.knowledge")
_TICK_MS = 300  # how often the thread wakes without changes (to notice stop() and to report readiness)


def _filter(directory: Path) -> Callable[[object, str], bool]:
    root = directory.resolve()

    def relevant(_change: object, path: str) -> bool:
        try:
            parts = Path(path).resolve().relative_to(root).parts
        except ValueError:
            return True
        return not any(is_ignored(part) for part in parts)

    return relevant


class KnowledgeWatcher:
    """A background thread that reloads the knowledge base shortly after a file is saved.

    `start()` and `stop()` are idempotent and safe to call from a web app's lifespan. A broken file never
    stops the watcher: the reload reports it and the last good version keeps serving.
    """

    def __init__(
        self, base: KnowledgeBase, *, debounce_ms: int = 200, step_ms: int = 50,
        on_reload: Callable[[ReloadReport], None] | None = None, force_polling: bool | None = None,
    ) -> None:
        self.base = base
        self._debounce = debounce_ms
        self._step = step_ms
        self._on_reload = on_reload
        self._force_polling = force_polling
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self.last_report: ReloadReport | None = None
        self.last_error: str | None = None
        self.reloads = 0

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start watching (returns once the watch is set up, so a save right after is seen)."""
        if self.running:
            return
        self._stop.clear()
        self._ready.clear()
        self._thread = threading.Thread(target=self._run, name="knowledge-watcher", daemon=True)
        self._thread.start()
        self._ready.wait(timeout=2 * _TICK_MS / 1000 + 1)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop watching and wait for the thread to end."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._thread = None

    def _run(self) -> None:
        from watchfiles import watch

        directory = self.base.directory
        if not directory.is_dir():
            self.last_error = f"knowledge directory {directory} does not exist; hot reload is off"
            log.error(self.last_error)
            self._ready.set()
            return
        changes = watch(
            directory, watch_filter=_filter(directory), debounce=self._debounce, step=self._step,
            stop_event=self._stop, rust_timeout=_TICK_MS, yield_on_timeout=True, raise_interrupt=False,
            force_polling=self._force_polling,
        )
        for batch in changes:  # the first (possibly empty) batch comes once the watch is live
            self._ready.set()
            if self._stop.is_set():
                break
            if batch:
                self._reload(len(batch))
        self._ready.set()

    def _reload(self, changed: int) -> None:
        try:
            report = self.base.reload()
        except KnowledgeIndexError as exc:
            self.last_error = str(exc)
            log.error("knowledge reload failed, still serving the last good index: %s", exc)
            return
        self.reloads += 1
        self.last_report = report
        self.last_error = None
        log.info("knowledge reloaded after %d change(s): +%d ~%d -%d, %d error(s)", changed, len(report.added),
                 len(report.updated), len(report.removed), len(report.errors))
        if self._on_reload is not None:
            self._on_reload(report)
