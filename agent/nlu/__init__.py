"""Understanding shopper messages: the interface and its implementations."""
