"""shopclerk connectors: order system, catalog, web channel, hand-off queue, CLI."""
