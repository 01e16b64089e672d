"""The storage layer: the SQLite store of sessions and what it reads and writes.

``store`` is the repository; ``schema`` its tables and migrations; ``paths``
where the file lives, aliases and timestamps; ``sqlite_errors`` SQLite errors
as Dutch messages; ``sessions`` the values it hands out; ``rows`` and
``records`` those values as table rows and as JSON; ``exchange_format`` the
export file; ``recording`` keeps a session as it is played."""
