"""The terminal (and browser) app: Textual screens and widgets.

The only layer that imports Textual. It shows what the layers below decide;
it does not score, classify or store by itself."""
