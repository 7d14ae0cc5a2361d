"""The `shopclerk` command line: serve, chat, version, and the store/knowledge groups."""
