"""The conversation arc (de gespreksboog) as a state machine.

Each docent turn moves the arc to the phase its analysis serves. Moving on is
never refused — a docent in practice may do anything — but moving ahead
before the student told an experience and explored it is recorded as a
*sprong*, because that is the pitfall the arc exists for (codebook §3).

The states and transitions are data (``STATES``, ``TRANSITIONS``) so they can
be read, tested one by one and drawn (``mermaid()``); the conditions are
named methods on :class:`Arc`, a plain class and never a UI object.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Final

from transitions import Machine, State

from gesprekscoach.codebook import FASEN, LABELS

#: The states: the phases of the arc in their order.
STATES: Final[list[str]] = list(FASEN)

#: Middle phases: the four the arc is about; opening and afsluiting frame them.
MIDDLE: Final[tuple[str, ...]] = FASEN[1:5]

#: Phases that look ahead; reaching them unreflected is the classic sprong.
FUTURE: Final[frozenset[str]] = frozenset({"vooruitkijken", "in_beweging_zetten"})

# One trigger per phase, named after it. Going back, opening, starting a new
# small story (terugkijken) and closing are always in order. Going forward
# passes the phase's condition; when it fails, the second transition of the
# same trigger and source (an ordered fallback) still moves on, but records a
# sprong.
TRANSITIONS: Final[list[dict[str, Any]]] = [
    {"trigger": "opening", "dest": "opening",
     "source": ["terugkijken", "verbreden_verdiepen", "vooruitkijken",
                "in_beweging_zetten", "afsluiting"]},
    {"trigger": "terugkijken", "dest": "terugkijken",
     "source": ["opening", "verbreden_verdiepen", "vooruitkijken",
                "in_beweging_zetten", "afsluiting"]},
    {"trigger": "verbreden_verdiepen", "dest": "verbreden_verdiepen",
     "source": ["vooruitkijken", "in_beweging_zetten", "afsluiting"]},
    {"trigger": "verbreden_verdiepen", "dest": "verbreden_verdiepen",
     "source": ["opening", "terugkijken"], "conditions": "has_story"},
    {"trigger": "verbreden_verdiepen", "dest": "verbreden_verdiepen",
     "source": ["opening", "terugkijken"], "after": "record_sprong"},
    {"trigger": "vooruitkijken", "dest": "vooruitkijken",
     "source": ["in_beweging_zetten", "afsluiting"]},
    {"trigger": "vooruitkijken", "dest": "vooruitkijken",
     "source": ["opening", "terugkijken", "verbreden_verdiepen"],
     "conditions": "has_reflected"},
    {"trigger": "vooruitkijken", "dest": "vooruitkijken",
     "source": ["opening", "terugkijken", "verbreden_verdiepen"],
     "after": "record_sprong"},
    {"trigger": "in_beweging_zetten", "dest": "in_beweging_zetten",
     "source": ["afsluiting"]},
    {"trigger": "in_beweging_zetten", "dest": "in_beweging_zetten",
     "source": ["opening", "terugkijken", "verbreden_verdiepen", "vooruitkijken"],
     "conditions": "has_looked_ahead"},
    {"trigger": "in_beweging_zetten", "dest": "in_beweging_zetten",
     "source": ["opening", "terugkijken", "verbreden_verdiepen", "vooruitkijken"],
     "after": "record_sprong"},
    {"trigger": "afsluiting", "dest": "afsluiting",
     "source": ["opening", "terugkijken", "verbreden_verdiepen", "vooruitkijken",
                "in_beweging_zetten"]},
]

#: What the diagram says on an edge, in Dutch, by condition or callback name.
DIAGRAM_LABELS: Final[dict[str, str]] = {
    "has_story": "na een ervaring",
    "has_reflected": "na ervaring en verkenning",
    "has_looked_ahead": "na reflectie en vooruitkijken",
    "record_sprong": "sprong",
}

#: Layer phases that mean the student told (or gave meaning to) an experience.
_STORY_LAYERS: Final[frozenset[str]] = frozenset({"terugkijken", "verbreden_verdiepen"})


@dataclass(frozen=True)
class Sprong:
    """A jump ahead: at ``turn`` the arc went from ``source`` to ``dest`` too early."""

    turn: int
    source: str
    dest: str


@dataclass(frozen=True)
class ArcStep:
    """Where one docent turn left the arc; the timeline of a session."""

    turn: int
    phase: str
    sprong: bool = False


@dataclass(frozen=True)
class _Snapshot:
    """Everything a turn can change, so undo needs no inverse rules."""

    state: str
    told: bool
    explored: bool
    history: tuple[ArcStep, ...]
    sprongen: tuple[Sprong, ...]


class Arc:
    """The arc of one conversation: current phase, history and sprongen.

    Call :meth:`step` with the analysed phase of every docent turn and
    :meth:`note_reply` with the scenario layer the student revealed in reply.
    Pass ``layers=False`` for a real transcript, which has no scenario
    layers: there a reply to a terugkijken turn counts as the experience told.
    """

    # Set by the machine: the current state and the trigger-by-name method.
    state: str
    trigger: Callable[..., bool]

    def __init__(self, *, layers: bool = True) -> None:
        self._layers = layers
        self._told = False
        self._explored = False
        self._history: list[ArcStep] = []
        self._sprongen: list[Sprong] = []
        self._undo: list[_Snapshot] = []
        self._pending: tuple[int, str] | None = None
        self.machine = Machine(
            model=self,
            states=STATES,
            transitions=TRANSITIONS,
            initial="opening",
            auto_transitions=False,
        )

    # -- driving the arc -------------------------------------------------

    def step(self, fase: str | None) -> ArcStep:
        """Move the arc by one docent turn whose analysis serves ``fase``.

        A turn with no phase (advice, a judgement, "hm-hm") leaves the arc
        where it is; so does a turn in the current phase.
        """
        if fase is not None and fase not in STATES:
            raise ValueError(f"unknown phase {fase!r}")
        self._undo.append(self._snapshot())
        turn = len(self._history) + 1
        jumped = False
        if fase is not None and fase != self.state:
            before = len(self._sprongen)
            self._pending = (turn, self.state)
            try:
                self.trigger(fase)
            finally:
                self._pending = None
            jumped = len(self._sprongen) > before
        if self.state == "verbreden_verdiepen" and self._told:
            self._explored = True
        record = ArcStep(turn, self.state, jumped)
        self._history.append(record)
        return record

    def note_reply(self, layer_fase: str | None) -> None:
        """Note the phase of the scenario layer the student just revealed.

        A terugkijken layer is a concrete experience; a verbreden_verdiepen
        layer is its meaning. Either one means an experience was told; it
        counts as explored once the arc is (or gets) in verbreden_verdiepen.
        """
        if layer_fase is not None and layer_fase not in STATES:
            raise ValueError(f"unknown phase {layer_fase!r}")
        if layer_fase in _STORY_LAYERS:
            self._told = True
        elif not self._layers and self.state == "terugkijken":
            self._told = True
        if layer_fase == "terugkijken" and self.state == "opening":
            # The student answered the opening with a concrete experience: the
            # conversation is looking back now, whoever took it there.
            self.trigger("terugkijken")
            if self._history:
                self._history[-1] = replace(self._history[-1], phase=self.state)
        if self._told and (
            layer_fase == "verbreden_verdiepen" or self.state == "verbreden_verdiepen"
        ):
            self._explored = True

    def undo(self) -> bool:
        """Restore the arc as it was before the last turn; False if there was none."""
        if not self._undo:
            return False
        snap = self._undo.pop()
        self.machine.set_state(snap.state)
        self._told, self._explored = snap.told, snap.explored
        self._history = list(snap.history)
        self._sprongen = list(snap.sprongen)
        return True

    def would_jump(self, fase: str) -> bool:
        """Whether a turn in ``fase`` now would be recorded as a sprong (for live hints)."""
        if fase == self.state or fase not in STATES:
            return False
        if STATES.index(fase) < STATES.index(self.state):
            return False
        check = _CONDITIONS.get(fase)
        return check is not None and not getattr(self, check)()

    # -- conditions and callbacks, named in TRANSITIONS ---------------------

    def has_story(self) -> bool:
        """Verbreden is in order once there is an experience to explore."""
        return self._told or "terugkijken" in self.reached

    def has_reflected(self) -> bool:
        """Vooruitkijken is in order once an experience was told and explored."""
        return self.reflected

    def has_looked_ahead(self) -> bool:
        """In beweging zetten is in order after reflection and vooruitkijken."""
        return self.reflected and "vooruitkijken" in self.reached

    def record_sprong(self) -> None:
        """Record the jump the fallback transition just made."""
        turn, source = self._pending or (len(self._history) + 1, "opening")
        self._sprongen.append(Sprong(turn, source, self.state))

    # -- what the rest of the app reads ------------------------------------

    @property
    def phase(self) -> str:
        """The current phase (the machine's state)."""
        return self.state

    @property
    def turn(self) -> int:
        """How many docent turns the arc has seen."""
        return len(self._history)

    @property
    def told(self) -> bool:
        """The student told a concrete experience."""
        return self._told

    @property
    def reflected(self) -> bool:
        """The student told an experience and it was explored."""
        return self._told and self._explored

    @property
    def history(self) -> tuple[ArcStep, ...]:
        """Per turn, the phase after it and whether it jumped."""
        return tuple(self._history)

    @property
    def reached(self) -> tuple[str, ...]:
        """Phases reached by a turn, in the order they were first reached."""
        return tuple(dict.fromkeys(step.phase for step in self._history))

    @property
    def sprongen(self) -> tuple[Sprong, ...]:
        return tuple(self._sprongen)

    def _snapshot(self) -> _Snapshot:
        return _Snapshot(self.state, self._told, self._explored,
                         tuple(self._history), tuple(self._sprongen))


#: The condition that guards moving ahead into a phase, from TRANSITIONS.
_CONDITIONS: Final[dict[str, str]] = {
    t["dest"]: t["conditions"] for t in TRANSITIONS if "conditions" in t
}


class _Sketch:
    """A bare model for drawing: the diagram needs states, not a conversation."""


def mermaid(title: str = "De gespreksboog") -> str:
    """The arc as a Mermaid state diagram, drawn by transitions' GraphMachine.

    The mermaid engine needs no graphviz. Edges get Dutch labels: the phase
    for a free move, the condition for a move in order, "sprong" for a jump.
    """
    from transitions.extensions import GraphMachine

    class _LabelledState(State):
        def __init__(self, name: str, *args: Any, label: str = "", **kwargs: Any) -> None:
            super().__init__(name, *args, **kwargs)
            self.label = label or name

    class _Diagram(GraphMachine):
        state_cls = _LabelledState

    transitions = []
    for t in TRANSITIONS:
        key = t.get("conditions") or t.get("after")
        label = DIAGRAM_LABELS[key] if key else LABELS[t["dest"]]
        transitions.append({**t, "label": label})
    model = _Sketch()
    machine = _Diagram(
        model=model,
        states=[{"name": s, "label": LABELS[s]} for s in STATES],
        transitions=transitions,
        initial="opening",
        auto_transitions=False,
        graph_engine="mermaid",
        show_conditions=False,
        # transitions writes the title line verbatim into Mermaid's YAML
        # front matter, where Mermaid reads the title from a "title:" key.
        title=f"title: {title}",
    )
    # A document shows no "current" state: drop the highlight of the initial one.
    machine.model_graphs[id(model)].reset_styling()
    return str(model.get_graph().draw(None))  # type: ignore[attr-defined]
