"""NLU evaluation on external data sets (test data only): loaders, placeholder filling, metrics, reports."""
