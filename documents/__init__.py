"""Partnership documents: MOUs, protocols and data-sharing agreements, with their versions."""
