"""The output layer: one renderer per format (text, Markdown, HTML, CSV, JSON)
of a session, a report, progress or a list of sessions, sharing escaping and
number formatting."""
