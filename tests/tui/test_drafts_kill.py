"""Text typed into an open dialog survives a crash: a real ``sipmote`` in tmux is killed
with SIGKILL while a form is open with typed text (more than 1 s after the last key);
on reopen the draft is offered back and, accepted, its dialog opens again at once, filled.

Covers the meeting's note, goal and measure forms and the lifecycle dialogs: closing a
plan, a new plan's preparation typed but never saved (it has no id yet), the evaluation
of a held meeting with answers typed, and the deviation dialog with a box changed."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from test_lifecycle_support import plan
from tmux_app import Tmux, home_with, start

from sipmote.demo import DEMO_PLAN_ID, demo_plan
from sipmote.model import Attendance

pytestmark = [pytest.mark.tmux, pytest.mark.slow]

AFTER_LAST_KEY = 1.2  # seconds: the promise is "nothing typed more than 1 s ago is lost"


@pytest.fixture
def home(tmp_path):
    return home_with(tmp_path, [demo_plan(dt.date.today())])


@pytest.fixture
def held_home(tmp_path):
    """One plan whose meeting was held a week ago, a party absent: an evaluation to enter and
    a deviation to decide."""
    today = dt.date.today()
    p = plan("plan00000031", "Maja Uppföljd", held=today - dt.timedelta(days=7),
             follow_up=today + dt.timedelta(days=60))
    p.meetings[0].participants[2].attendance = Attendance.no_show  # Lars Holm, BUP
    return home_with(tmp_path, [p])


def type_and_kill(tmux: Tmux, *parts: str) -> None:
    """Type each part (``Tab`` and ``Enter`` as keys, the rest as text), see the last text on
    screen, then kill sipmote more than a second later."""
    for part in parts:
        tmux.keys(part, literal=part not in ("Tab", "Enter"))
    tmux.wait_for([p for p in parts if p not in ("Tab", "Enter")][-1])
    wait_and_kill(tmux)


def wait_and_kill(tmux: Tmux) -> None:
    time.sleep(AFTER_LAST_KEY)
    tmux.kill()


def offered_back(home: Path, title: str, text: str, *args: str, then: tuple[str, ...] = ()) -> None:
    """Restart (``sipmote open ARGS``), see the offer naming the dialog and the text, accept it:
    the dialog is open again at once, filled in (``then``: keys to the part of a screen that
    shows the text, e.g. a section of the preparation)."""
    with Accepted(home, title, text, *args, then=then):
        pass


class Accepted:
    """``with Accepted(home, title, text, *args) as app:`` the restarted app after "j" on the
    offer, with the reopened dialog on ``app.screen`` (``app.tmux`` to go on typing)."""

    def __init__(self, home: Path, title: str, text: str, *args: str, in_offer: bool = True,
                 then: tuple[str, ...] = ()) -> None:
        self.home, self.title, self.text, self.args, self.in_offer = home, title, text, args, in_offer
        self.then = then
        self.screen = ""

    def __enter__(self) -> Accepted:
        self.tmux = start(self.home, "open", *self.args)
        screen = self.tmux.wait_for("osparad anteckning")
        assert self.title in screen and (self.text in screen or not self.in_offer), screen
        self.tmux.keys("j")
        end = time.monotonic() + 20
        while ("osparad" in screen or self.title not in screen) and time.monotonic() < end:
            time.sleep(0.2)  # opened again with no key pressed
            screen = self.tmux.screen()
        if self.then:
            self.tmux.keys(*self.then)
        screen = self.tmux.wait_for(self.text)
        assert self.title in screen and "osparad" not in screen, screen
        assert "öppna" not in screen, screen  # not "open it again yourself"
        self.screen = screen
        return self

    def __exit__(self, *exc: object) -> None:
        self.tmux.quit()


def from_register(home: Path, row: str, key: str, shown: str) -> Tmux:
    """Start on the register, wait for ``row``, press ``key``: ``shown`` is on screen, the
    dialog has the focus."""
    tmux = start(home, "open")
    tmux.wait_for(row)  # the register row (the name column may end in …)
    time.sleep(0.5)
    tmux.keys(key)
    tmux.wait_for(shown)
    time.sleep(0.8)  # the form has the focus (slow under load)
    return tmux


def meeting_ready(tmux: Tmux) -> None:
    tmux.wait_for("LYSSNA")
    tmux.wait_for("Talar nu")  # the footer is drawn: the app takes keys


def test_note_form_draft_survives_sigkill(home):
    """The meeting opened from the register, sipmote restarted on the register: accepting the
    draft opens the meeting and then the note form."""
    tmux = from_register(home, "Elsa Lindqvi", "m", "LYSSNA")
    try:
        meeting_ready(tmux)
        tmux.keys("e")
        tmux.wait_for("Anteckningar: Elsa")
        time.sleep(0.8)  # the form has the focus (slow under load)
        type_and_kill(tmux, "Elsa sover dåligt på söndagar")
    finally:
        tmux.quit()
    offered_back(home, "Anteckningar: Elsa", "Elsa sover dåligt på söndagar")


def test_goal_and_measure_form_drafts_survive_sigkill(home):
    tmux = start(home, "open", DEMO_PLAN_ID)
    try:
        meeting_ready(tmux)
        tmux.keys("n")
        tmux.wait_for("PROBLEMATISERA")
        tmux.keys("n")
        tmux.wait_for("PLANERA")
        time.sleep(0.5)
        tmux.keys("g")
        tmux.wait_for("Nytt delmål")
        time.sleep(0.8)
        type_and_kill(tmux, "Elsa går till skolan varje dag")
    finally:
        tmux.quit()

    # reopened: the goal form is back, filled; save the goal, then crash in the measure form
    with Accepted(home, "Nytt delmål", "Elsa går till skolan varje dag", DEMO_PLAN_ID) as app:
        app.tmux.keys("C-s")
        assert "PLANERA" in app.tmux.wait_for("Delmål 1")  # saved, in the phase the meeting resumed in
        time.sleep(0.5)
        app.tmux.keys("a")
        app.tmux.wait_for("Ny insats för")
        time.sleep(0.8)
        type_and_kill(app.tmux, "Anpassad skolstart kl 10")
    offered_back(home, "Ny insats för", "Anpassad skolstart kl 10", DEMO_PLAN_ID)


def test_close_plan_dialog_draft_survives_sigkill(home):
    tmux = from_register(home, "Elsa Lindqvi", "c", "Avsluta")
    try:
        type_and_kill(tmux, "Elsa och vårdnadshavarna")
    finally:
        tmux.quit()
    offered_back(home, "Elsa Lindqvist", "Elsa och vårdnadshavarna")


def test_a_new_plan_typed_but_never_saved_survives_sigkill(home):
    tmux = from_register(home, "Elsa Lindqvi", "n", "Ny plan – förberedelse")
    try:
        # the personnummer is masked on screen, and never shown by the offer
        type_and_kill(tmux, "Sara Testsson", "Tab", "20120315-1236", "Tab", "Storgatan 1")
    finally:
        tmux.quit()
    with Accepted(home, "Ny plan", "Sara Testsson") as app:
        assert "Storgatan 1" in app.screen and "Ny plan – förberedelse" in app.screen
        assert "1236" not in app.screen  # the personnummer stays masked


def test_evaluation_answers_survive_sigkill(held_home):
    tmux = from_register(held_home, "Maja Uppf", "e", "Utvärdering av mötet")
    try:
        type_and_kill(tmux, "5 4 - 3 5", "Enter", "4 4 4")
    finally:
        tmux.quit()
    with Accepted(held_home, "Utvärdering av mötet", "4 4 4") as app:
        assert "1 svar registrerat" in app.screen  # the participant entered before the crash too


def test_deviation_boxes_survive_sigkill(held_home):
    label = "Kallad part kom inte"
    tmux = from_register(held_home, "Maja Uppf", "v", label)
    try:
        checked = box_of(tmux, label)
        tmux.keys("Space")  # dropped: the box looks different
        end = time.monotonic() + 20
        while box_of(tmux, label) == checked and time.monotonic() < end:
            time.sleep(0.1)
        unchecked = box_of(tmux, label)
        assert unchecked != checked
        wait_and_kill(tmux)
    finally:
        tmux.quit()
    with Accepted(held_home, "Avvikelser att ta ställning till (1)", label, in_offer=False) as app:
        end = time.monotonic() + 10  # the box takes the focus a moment after the dialog is drawn
        while box_of(app.tmux, label) != unchecked and time.monotonic() < end:
            time.sleep(0.1)
        assert box_of(app.tmux, label) == unchecked != checked  # as it was left


def box_of(tmux: Tmux, label: str) -> str:
    """How the check box before ``label`` is drawn (its colours: a box always shows an X)."""
    line = next(x for x in tmux.screen(colours=True).splitlines() if label in x)
    return line[: line.index(label)].rsplit("▐", 1)[-1]
