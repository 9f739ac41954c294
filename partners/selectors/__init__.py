"""Reads: querysets restricted to what the viewer may see, with what their pages need prefetched."""
