"""The input line: Enter sends, up and down walk through what you typed before."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import Input


class HistoryInput(Input):
    """An :class:`Input` that remembers submitted lines, like a shell.

    Up brings back earlier turns, down goes forward again and ends at the
    line you were typing when you started browsing.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "versturen", id="send", key_display="⏎"),
        Binding("up", "history(-1)", "vorige beurt", show=False),
        Binding("down", "history(1)", "volgende beurt", show=False),
    ]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.history: list[str] = []
        self._index: int | None = None
        self._draft = ""

    def remember(self, text: str) -> None:
        """Add a sent line (not twice in a row) and stop browsing."""
        if text.strip() and (not self.history or self.history[-1] != text):
            self.history.append(text)
        self._index = None

    async def _on_key(self, event: events.Key) -> None:
        # Enter is handled here, in order with the typed characters: as a
        # binding it would run after the key bubbled up to the app, and
        # text typed right after Enter could slip into the line just sent.
        await super()._on_key(event)  # types printable keys, keeps the cursor lit
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            await self.action_submit()

    async def action_submit(self) -> None:
        """Send the line and empty the field at once.

        Clearing here, before the next key is read, rather than in the
        screen's handler means text typed ahead is never wiped.
        """
        self.remember(self.value)
        await super().action_submit()
        self.value = ""

    def action_history(self, step: int) -> None:
        if not self.history:
            return
        if self._index is None:
            if step > 0:
                return
            self._draft = self.value
            index = len(self.history) - 1
        else:
            index = self._index + step
        if index < 0:
            return
        if index >= len(self.history):
            self._index = None
            self.value = self._draft
        else:
            self._index = index
            self.value = self.history[index]
        self.cursor_position = len(self.value)
