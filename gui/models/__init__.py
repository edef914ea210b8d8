"""Models of the review window."""
