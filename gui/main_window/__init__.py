"""The main window: composition, menus, loading and export, the 汇总 menu, the review project."""
