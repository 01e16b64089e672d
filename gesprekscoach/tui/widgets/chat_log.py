"""The conversation so far: messages stacked, following new ones unless you scroll up."""

from __future__ import annotations

from textual.containers import VerticalScroll

from gesprekscoach.tui.widgets.chat_archive import ChatArchive
from gesprekscoach.tui.widgets.chat_message import ChatMessage

#: Messages kept as separate widgets; older ones are folded into archives.
LIVE_MESSAGES = 24
#: How many messages one archive holds.
ARCHIVE_SIZE = 20


class ChatLog(VerticalScroll):
    """Holds :class:`ChatMessage` widgets, and :class:`ChatArchive` blocks of old ones.

    New turns are mounted at the end, so a turn costs one mount per message,
    never a re-render of the whole log; past ``LIVE_MESSAGES`` the oldest
    messages are folded into one archive widget, so a conversation of
    hundreds of turns lays out as quickly as a short one. The log is
    anchored: it follows new messages until the user scrolls up, and
    follows again once they scroll back to the bottom (Textual's ``anchor``)
    or a new message comes.
    """

    DEFAULT_CSS = """
    ChatLog {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: Turn messages still mounted on their own, oldest first.
        self.live: list[ChatMessage] = []
        self.archives: list[ChatArchive] = []

    def on_mount(self) -> None:
        self.anchor()

    def add(self, *messages: ChatMessage) -> None:
        """Append messages at the end of the conversation, and show them.

        A new turn is what the docent is looking for, also after paging back
        (which released the anchor): scroll to the end and follow again.
        """
        self.mount_all(messages)
        self.scroll_end(animate=False)  # after the layout; re-anchors at once
        self.live += [m for m in messages if m.turn is not None]
        if len(self.live) >= LIVE_MESSAGES + ARCHIVE_SIZE:
            old, self.live = self.live[:ARCHIVE_SIZE], self.live[ARCHIVE_SIZE:]
            archive = ChatArchive(old)
            self.archives.append(archive)
            self.mount(archive, before=self.live[0])
            for message in old:
                message.remove()

    def remove_turn(self, turn: int) -> None:
        """Take the messages of one turn out (undo)."""
        for message in [m for m in self.live if m.turn == turn]:
            self.live.remove(message)
            message.remove()
        for archive in self.archives:
            if turn in archive.turns:
                archive.drop_turn(turn)
