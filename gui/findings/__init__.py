"""The findings panel: every finding of the current report, F8 order, confirm."""
