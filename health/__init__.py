"""Partnership health and equity: status history, repair log, check-ins, attention list, equity figures."""
