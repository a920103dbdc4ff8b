"""One expectation suite per published table, built in code, run with Great Expectations."""
