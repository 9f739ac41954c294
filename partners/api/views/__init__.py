"""Views of the REST API: thin viewsets over selectors (reads) and services (writes)."""
