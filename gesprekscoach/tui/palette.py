"""Command palette entries: every key of the current screen, searchable in Dutch.

Built from the live bindings, so a key in the footer is always in the
palette too and a disabled action (undo before the first turn) is not.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class BindingsProvider(Provider):
    """Offers the bindings with an ``id`` (ours, not Textual's) of the screen below the palette."""

    def _commands(self) -> Iterator[tuple[str, str, object]]:
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not (binding.id and binding.description and active.enabled) or binding.id in seen:
                continue
            if binding.action in ("command_palette", "app.command_palette"):
                continue
            seen.add(binding.id)
            title = binding.description[:1].upper() + binding.description[1:]
            key = self.app.get_key_display(binding)
            help_text = f"{binding.tooltip or binding.description} ({key})"
            run = partial(self.app.run_action, binding.action, active.node)
            yield title, help_text, run

    async def discover(self) -> Hits:
        for title, help_text, run in self._commands():
            yield DiscoveryHit(title, run, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, run in self._commands():
            score = max(matcher.match(title), matcher.match(help_text) * 0.8)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, help=help_text)  # type: ignore[arg-type]
