"""Collaboration analytics: the rollup tables and their triggers, the figure reads and their
cache, the network measures, and the analytics API and page fragments."""
