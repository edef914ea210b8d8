"""ogi-review core: parsing, validation, review state and export. Never imports Qt."""

__version__ = "0.1.0"
