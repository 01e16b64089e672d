"""One turn in the chat: who speaks, and what they said, never read as markup."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

#: Colour of the move label per codebook rating (see ``codebook.RATINGS``).
RATING_STYLE: dict[str, str] = {
    "goed": "$text-success",
    "zwak": "$text-warning",
    "overtreding": "$text-error",
    "neutraal": "$text-muted",
}


class ChatMessage(Static):
    """A docent turn, a student reply, or a note from the app.

    ``text`` is the speaker's own words: it goes in as ``Content`` so that
    ``[red]`` or ``[@click=app.quit]`` is shown as typed. ``note`` is a short
    label after the speaker (the move in oefenen mode), ``rating`` colours it.
    """

    DEFAULT_CSS = """
    ChatMessage {
        width: 1fr;
        height: auto;
        padding: 0 1;
        margin: 0 0 1 0;
        &.-docent {
            margin: 0 0 1 4;
            background: $primary-muted;
            border-left: outer $primary;
        }
        &.-student {
            margin: 0 4 1 0;
            background: $boost;
            border-left: outer $secondary;
        }
        &.-intro {
            color: $text-muted;
            border-left: outer $panel;
        }
    }
    """

    def __init__(self, speaker: str, text: str, *, role: str, turn: int | None = None,
                 note: str = "", rating: str = "neutraal", italic: bool = False) -> None:
        self.speaker, self.text, self.role = speaker, text, role
        self.turn, self.note, self.rating, self.italic = turn, note, rating, italic
        super().__init__(self.styled(), markup=False, classes=f"-{role}")

    def styled(self, speaker_style: str = "bold") -> Content:
        """Speaker and note on one line, the words below; also used by the archive.
        (Not ``content``: that is Static's own property, which Textual reads back.)"""
        header = Content.styled(self.speaker, speaker_style)
        if self.note:
            header += Content.styled(" · ", "$text-muted") + Content.styled(
                self.note, RATING_STYLE.get(self.rating, "$text-muted"))
        body = Content.styled(self.text, "italic $text-muted") if self.italic else Content(self.text)
        return Content("\n").join([header, body])
