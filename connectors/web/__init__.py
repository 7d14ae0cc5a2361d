"""The web channel: FastAPI app, websocket protocol, chat page."""
