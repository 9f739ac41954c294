"""Serializers of the REST API: shape and types only; rules live in the services."""
