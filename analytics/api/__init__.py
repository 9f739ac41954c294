"""The analytics API: pairs, sector matrix, network, timeline and one organisation's collaborators."""
