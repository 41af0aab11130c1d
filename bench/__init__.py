"""xaso benchmarks: synthetic data and load scenarios. Not tests: run with `make bench`."""
