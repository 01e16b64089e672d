"""Older turns of a long conversation, folded into one widget so the log stays quick."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from gesprekscoach.tui.widgets.chat_message import ChatMessage

SPEAKER_STYLE = {"docent": "bold $text-primary", "student": "bold $text-secondary"}


class ChatArchive(Static):
    """A block of earlier messages as one piece of text.

    Every message widget costs the layout something on each new turn; after
    a few hundred turns that adds up. The chat log folds its oldest messages
    into archives like this one, which lay out as a single widget and still
    scroll back like the rest of the conversation.
    """

    DEFAULT_CSS = """
    ChatArchive {
        width: 1fr;
        height: auto;
        padding: 0 1;
        margin: 0 0 1 0;
        border-left: outer $panel;
    }
    """

    def __init__(self, messages: Sequence[ChatMessage]) -> None:
        self.messages = list(messages)
        super().__init__(self._content(), markup=False)

    @property
    def turns(self) -> set[int]:
        return {m.turn for m in self.messages if m.turn is not None}

    def _content(self) -> Content:
        blocks = [m.styled(SPEAKER_STYLE.get(m.role, "bold")) for m in self.messages]
        return Content("\n\n").join(blocks)

    def drop_turn(self, turn: int) -> None:
        """Forget one turn (undo reached this far back)."""
        self.messages = [m for m in self.messages if m.turn != turn]
        self.update(self._content())
