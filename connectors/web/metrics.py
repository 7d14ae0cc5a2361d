"""Prometheus metrics of the web channel, rendered in the text exposition format without a client library."""

from __future__ import annotations

import threading
from collections import defaultdict

_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


def _labels(labels: tuple[tuple[str, str], ...]) -> str:
    if not labels:
        return ""
    inner = ",".join(f'{k}="{v.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}"' for k, v in labels)
    return "{" + inner + "}"


class Metrics:
    """Counters and one latency histogram; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counters: dict[str, dict[tuple[tuple[str, str], ...], float]] = defaultdict(dict)
        self._help: dict[str, str] = {
            "shopclerk_turns_total": "Shopper turns answered, by intent.",
            "shopclerk_turn_errors_total": "Turns that failed with an internal error.",
            "shopclerk_frames_rejected_total": "Client frames answered with an error frame, by code.",
            "shopclerk_handoffs_total": "Conversations handed to a person.",
            "shopclerk_connections_total": "Websocket connections accepted.",
            "shopclerk_feedback_total": "Shopper ratings received, by kind (conversation or reply) and rating.",
            "shopclerk_human_replies_total": "Replies people sent from the agent console.",
        }
        self._hist_counts = [0] * len(_BUCKETS)
        self._hist_sum = 0.0
        self._hist_n = 0

    def inc(self, name: str, amount: float = 1.0, **labels: str) -> None:
        if name not in self._help:
            raise KeyError(f"unknown metric {name}")
        key = tuple(sorted(labels.items()))
        with self._lock:
            self._counters[name][key] = self._counters[name].get(key, 0.0) + amount

    def observe_turn(self, seconds: float) -> None:
        with self._lock:
            for i, bound in enumerate(_BUCKETS):
                if seconds <= bound:
                    self._hist_counts[i] += 1
            self._hist_sum += seconds
            self._hist_n += 1

    def render(self) -> str:
        lines: list[str] = []
        with self._lock:
            for name, help_text in self._help.items():
                lines += [f"# HELP {name} {help_text}", f"# TYPE {name} counter"]
                values = self._counters.get(name) or {(): 0.0}
                lines += [f"{name}{_labels(key)} {value:g}" for key, value in sorted(values.items())]
            name = "shopclerk_turn_seconds"
            lines += [f"# HELP {name} Time to answer one shopper turn.", f"# TYPE {name} histogram"]
            for bound, count in zip(_BUCKETS, self._hist_counts, strict=True):
                lines.append(f'{name}_bucket{{le="{bound:g}"}} {count}')
            lines += [
                f'{name}_bucket{{le="+Inf"}} {self._hist_n}',
                f"{name}_sum {self._hist_sum:.6f}",
                f"{name}_count {self._hist_n}",
            ]
        return "\n".join(lines) + "\n"
