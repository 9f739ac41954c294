"""The partners app: the coalition's directory, activity log, permissions and analytics."""
