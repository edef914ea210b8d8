"""The report list (left pane): one row per input of the batch."""
