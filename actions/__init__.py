"""Custom actions, grouped by concern: case look-up, timescales and forms."""
