"""ogi-review desktop window (PySide6). Importing this package does not import Qt."""
