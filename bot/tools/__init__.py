"""Developer tools run from the Makefile (evaluation, benchmarks)."""
