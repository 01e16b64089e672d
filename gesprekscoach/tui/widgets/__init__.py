"""Small widgets of the app, one class per file; each gets its data from its screen."""
