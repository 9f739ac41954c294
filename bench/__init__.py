"""The benchmark: a harness that serves the application with gunicorn over a large data set and measures it."""
