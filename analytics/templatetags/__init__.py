"""Template tags that put the analytics' figures on the pages of other apps."""
