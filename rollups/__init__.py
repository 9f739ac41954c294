"""Pre-aggregated collaboration tables that keep analytics fast at national scale."""
