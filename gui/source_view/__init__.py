"""The source: the report's text with highlights, and the PDF page with the cell's box."""
