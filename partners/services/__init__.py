"""Writes: every create, update and delete of the domain goes through a service here.

Services take the acting user (`actor`), check the role rules in partners.permissions, run
`full_clean()`, apply rules across rows, and write inside one transaction. They raise
`PermissionDenied`, `ValidationError({"field": "message"})` or `StaleObjectError`.
"""
