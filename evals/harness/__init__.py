"""The scenario suite: format, simulated shoppers, runner, graders, metrics, reports and the CI gate."""
