"""The scoring layer: the report on a conversation (rules, pitfalls, arc),
the norms it scores against, and progress over sessions.

Reads exchanges from ``conversation``; stores nothing and prints nothing."""
