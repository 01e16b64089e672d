"""The storage layer: the SQLite store of sessions, its schema and migrations,
the record types and the export file format."""
