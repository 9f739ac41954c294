"""Template tags of the health app."""
