"""The REST API v1: serializers, viewsets, analytics views and their URLs."""
