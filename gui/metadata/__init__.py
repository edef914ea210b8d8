"""The metadata panel: agency, year, dates, template, 已审核."""
