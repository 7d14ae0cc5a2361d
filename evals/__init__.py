"""shopclerk evals: scenarios, simulated shopper, runner, graders, reports."""
