"""Structured JSON logs: one object per line, with the event's fields and never message text."""

from __future__ import annotations

import json
import logging
from typing import Any

# Fields the channel adds with `extra=`; anything else on a record is logging's own bookkeeping.
_FIELDS = ("conversation", "intent", "ms", "code")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "at": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        for field in _FIELDS:
            if hasattr(record, field):
                data[field] = getattr(record, field)
        if record.exc_info:
            data["error"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)


def configure_logging(level: str) -> None:
    """Send shopclerk's logs to stderr as JSON lines at `level`."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("shopclerk")
    logger.handlers[:] = [handler]
    logger.setLevel(level.upper())
    logger.propagate = False
