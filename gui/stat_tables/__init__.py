"""The statistics tables (表二/三/四): models over the printed layout, views, editing."""
