"""The benchmark (`make bench`): synthetic data, harness, report; run as `python -m glosstools.bench`."""
