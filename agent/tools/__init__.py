"""Tools: what the skills do through the connector interfaces (order system, catalog, hand-offs)."""
