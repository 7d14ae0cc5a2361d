"""Benchmarks of the real system: in-process turn latency, websocket load, long conversations, footprint."""
