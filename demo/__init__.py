"""The fictional demo region that `make run` seeds: data files, their loader and `seed_demo`."""
