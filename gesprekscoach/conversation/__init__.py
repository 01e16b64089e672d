"""The conversation layer: the arc, the simulated student, the session that plays
one turn, hints, the scenario model and its checks, and transcripts.

Imports the values (``gesprekscoach.model``) and ``analysis``; knows nothing of
scores, storage or screens."""
