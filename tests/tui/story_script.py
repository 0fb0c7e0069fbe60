"""The secretary's meeting from an empty register to the exported SIP, as data (issue 12's
done-when): one script that the Pilot story (``test_story_pilot.py``) and the real terminal
(``test_story_tmux.py``) both play key by key, and the values both check afterwards in
``sipmote show --json`` and in the DOCX.

A step is one of
- ``Keys("tab", "ctrl+s")``: keys a secretary presses (Textual key names);
- ``Type("Anna Berg")``: a short value typed character by character (names, dates, times);
- ``Paste("…")``: a long free text (notes, needs, answers): what is entered matters there, not how;
- ``Search("om")``: letters typed into a choice list to pick from it;
- ``Wait("PLANERA")``: wait until this is on screen before going on; ``Written("SIP")``: until the
  export has written its file. Only between views, never inside a form.

Dates are counted from the day the story runs (the app's today), so the meeting is held on its
booked day and the follow-up lies ahead."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Keys:
    keys: tuple[str, ...]

    def __init__(self, *keys: str) -> None:
        object.__setattr__(self, "keys", keys)


@dataclass(frozen=True)
class Text:
    text: str


class Type(Text):
    pass


class Paste(Text):
    pass


class Search(Text):
    pass


class Wait(Text):
    pass


class Written(Text):
    """Wait until the export dialog has written a file whose name starts with ``text`` and closed."""


Step = Keys | Type | Paste | Search | Wait | Written

PERSON = "Elsa Lindqvist"
PERSONNUMMER = "20120315-1236"
# (name, party searched for in the choice list, organisation, role)
INVITED = [
    ("Anna Berg", "sk", "Strandskolan", "Biträdande rektor"),
    ("Omar Haddad", "sk", "Strandskolan", "Mentor"),
    ("Lars Holm", "reg", "BUP Exempelstad", "Psykolog"),
    ("Sofia Nilsson", "soc", "Socialtjänsten Exempelstad", "Socialsekreterare"),
    ("Maria Lindqvist", "när", "", "Vårdnadshavare"),
    ("Johan Lindqvist", "när", "", "Vårdnadshavare"),
]
QUESTIONS = ["Hur kommer Elsa tillbaka till skolan?", "Vilket stöd behöver familjen kring sömnen?"]
LONG_TERM_GOAL = "Jag vill gå i skolan och ha kompisar"

# Lyssna: what each one present says, in the order the round table goes (the person first)
NOTES = {
    "Elsa Lindqvist": "Jag vill gå i skolan men magen gör ont på morgonen.",
    "Anna Berg": "Frånvaron är 60 procent sedan oktober, mest förmiddagar.",
    "Omar Haddad": "Elsa har två kompisar i klassen och trivs på bild och idrott.",
    "Lars Holm": "Utredning av sömnen pågår, nästa besök om tre veckor.",
    "Sofia Nilsson": "Familjen har ansökt om stöd och väntar på beslut.",
    "Maria Lindqvist": "Kvällarna blir sena, Elsa somnar efter midnatt.",
}
REMOTE = "Lars Holm"
ABSENT = "Johan Lindqvist"  # absent with notice
SITUATION_ADDED = "Alla är överens om att morgnarna är svårast."
SECRETARY = "Karin Ek"
NEEDS = [
    ("Oro på morgnarna gör att Elsa stannar hemma", 0),
    ("Elsa sover för lite och orkar inte lektionerna", 1),
]
ANSWERS = [
    "Ja, med anpassad skolstart och mentorn som möter henne vid dörren.",
    "Familjebehandlare hjälper med kvällsrutiner; BUP gör en sömnbedömning.",
]


@dataclass
class Insats:
    what: str
    pick: str  # letters that pick the responsible among the participants; "" for none
    person: str  # the participant picked ("" for none)
    performer: str
    start: dt.date
    frequency: str
    place: str
    until: dt.date
    child_words: str


@dataclass
class Goal:
    text: str
    child_words: str
    insatser: list[Insats] = field(default_factory=list)


def goals(today: dt.date) -> list[Goal]:
    d = lambda days: today + dt.timedelta(days=days)  # noqa: E731
    return [
        Goal("Elsa är i skolan varje förmiddag", "Jag går till skolan varje morgon", [
            Insats("Anpassad skolstart kl 9 med mentorn", "om", "Omar Haddad", "Omar Haddad och elevassistent",
                   d(7), "måndag till fredag 09:00", "Strandskolan, klassrum 12", d(120),
                   "Omar möter mig vid dörren"),
            Insats("Samtal om oron på morgnarna", "la", "Lars Holm", "Lars Holm", d(10), "varannan vecka",
                   "BUP Exempelstad, via video", d(90), "Jag pratar med Lars om magen"),
        ]),
        Goal("Elsa somnar före kl 22 på vardagar", "Jag sover bättre", [
            Insats("Stöd till familjen kring kvällsrutiner", "so", "Sofia Nilsson", "Familjebehandlare Eva Sund",
                   d(14), "en kväll i veckan", "Hemma hos familjen", d(100), "Eva hjälper oss på kvällarna"),
            Insats("Sömnbedömning", "", "", "Sjuksköterska på vårdcentralen", d(21), "ett besök",
                   "Vårdcentralen Exempelstad", d(21), "Jag får berätta hur jag sover"),
        ]),
    ]


OWN_ACTION = "Lägger fram kläderna kvällen innan"
HUVUDANSVARIG = ("an", "Anna Berg")
FOLLOW_UP_TIME = "13:00"
FOLLOW_UP_PLACE = "Strandskolan, konferensrummet"
IF_CRITICAL = "Ring mentorn Omar eller socialjouren 0771-00 00 00."


def follow_up_date(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=56)


def preparation(today: dt.date) -> list[Step]:
    """A new plan from the register's ``n``: the person and guardians, then each section by its
    F-key — need and goals (F3), time and place (F4), seven invited people (F5), the guardians'
    consent (F6); Ctrl+S, Esc."""
    s: list[Step] = [Keys("n"), Wait("Ny plan: fyll i")]
    for text in [PERSON, PERSONNUMMER, "Storgatan 1, Exempelstad", "070-123 45 67",
                 "Maria Lindqvist", "070-000 00 02", "Johan Lindqvist", "070-000 00 03"]:
        s += [Type(text), Keys("tab")]
    # noticed by the school (space); the goal in the person's words; the main goal picked by typing
    s += [Keys("f3", "space", "tab", "tab"), Type(LONG_TERM_GOAL), Keys("tab", "enter"), Search("minska"),
          Keys("enter", "tab", "tab", "tab"), Type(QUESTIONS[0]), Keys("enter"), Type(QUESTIONS[1])]
    s += [Keys("f4"), Type(today.isoformat()), Keys("tab"), Type("13:00"), Keys("tab"), Type("14:30"),
          Keys("tab"), Type("Strandskolan, konferensrummet"), Keys("tab", "tab", "tab"), Type("Anna Berg"),
          Keys("tab", "enter"), Search("sk"), Keys("enter", "tab"), Type("Strandskolan"), Keys("tab"),
          Type("Biträdande rektor"), Keys("tab"), Type((today - dt.timedelta(days=21)).isoformat())]
    s += [Keys("f5")]  # the invited: Enter adds the row, the cursor is back in the name
    for name, party, unit, role in INVITED:
        s += [Type(name), Keys("tab", "enter"), Search(party), Keys("enter", "tab")]
        if unit:
            s += [Type(unit)]
        s += [Keys("tab"), Type(role), Keys("enter")]
    s += [Keys("f6")]  # consent
    for who in ("Maria Lindqvist", "Johan Lindqvist"):
        s += [Type(who), Keys("tab"), Type("Vårdnadshavare"), Keys("tab", "tab", "tab", "tab"),  # past pnr, phone, form
              Type((today - dt.timedelta(days=7)).isoformat()), Keys("tab"),
              Type((today + dt.timedelta(days=365)).isoformat()), Keys("tab"),
              Type("Strandskolan, BUP Exempelstad, Socialtjänsten Exempelstad"), Keys("enter")]
    s += [Keys("ctrl+s"), Wait("Förberedelsen är sparad"), Keys("escape"), Wait("Registret")]
    return s


def meeting(today: dt.date) -> list[Step]:
    """The meeting part (counted): from ``m`` on the register to the register again."""
    s: list[Step] = [Keys("m"), Wait("UPPROP")]
    # roll call: the person first, then in the order of the invitation; Enter = here
    marks = {REMOTE: "r", ABSENT: "f"}
    s += [Keys(*[marks.get(name, "enter") for name in [PERSON] + [p[0] for p in INVITED]]), Keys("n"),
          Wait("LYSSNA"), Keys("space")]
    # Lyssna: each one gets the word (Enter), the secretary notes what is said (e), then the next
    for i, (_name, note) in enumerate(NOTES.items()):
        s += [Keys("enter", "e"), Paste(note), Keys("ctrl+s")]
        if i < len(NOTES) - 1:
            s += [Keys("down")]
    # the nuläge, built from the notes with one key; a line added at its end (no key goes to the
    # end of a text area: Page Down to the last line, End; Ctrl+J starts the new line, Enter saves)
    s += [Keys("u", "ctrl+j"), Paste(SITUATION_ADDED), Keys("ctrl+s")]
    s += [Keys("r", "tab"), Type(SECRETARY), Keys("ctrl+s")]  # the note-taker
    # Problematisera: two needs, each linked to its question; the answers to the questions
    s += [Keys("n"), Wait("PROBLEMATISERA")]
    for text, q in NEEDS:
        s += [Keys("a"), Paste(text), Keys("tab", *["down"] * q, "space", "ctrl+s")]
    s += [Keys("f"), Paste(ANSWERS[0]), Keys("tab"), Paste(ANSWERS[1]), Keys("ctrl+s")]
    # Planera: two delmål, four insatser (one without a responsible), own action, huvudansvarig, follow-up
    s += [Keys("n"), Wait("PLANERA")]
    for g in goals(today):
        s += [Keys("g"), Type(g.text), Keys("tab"), Type(g.child_words), Keys("ctrl+s")]
        for m in g.insatser:
            s += [Keys("a"), Type(m.what), Keys("tab")]
            if m.pick:
                s += [Search(m.pick)]
            s += [Keys("tab", "tab", "tab", "tab"), Type(m.performer), Keys("tab"), Type(m.start.isoformat()),
                  Keys("tab"), Type(m.frequency), Keys("tab"), Type(m.place), Keys("tab"),
                  Type(m.until.isoformat()), Keys("tab"), Type(m.child_words), Keys("ctrl+s")]
    s += [Keys("o", "tab"), Type(OWN_ACTION), Keys("ctrl+s")]
    s += [Keys("h"), Search(HUVUDANSVARIG[0]), Keys("ctrl+s")]
    s += [Keys("u"), Type(follow_up_date(today).isoformat()), Keys("tab"), Type(FOLLOW_UP_TIME), Keys("tab"),
          Type(FOLLOW_UP_PLACE), Keys("ctrl+s")]
    # Sammanfattning: the person agrees, if something critical happens, copies, export, finished
    s += [Keys("n"), Wait("SAMMANFATTNING"), Keys("j", "i"), Paste(IF_CRITICAL), Keys("ctrl+s", "k", "ctrl+s")]
    # the SIP for sign-off, then Min plan for the child (the child's own words are printed there)
    s += [Keys("x"), Wait("Skriv ut dokument"), Keys("tab", "tab", "enter"), Written("SIP")]
    s += [Keys("x"), Wait("Skriv ut dokument"), Keys("down", "down", "down", "enter", "tab", "tab", "enter"),
          Written("Min-plan")]
    s += [Keys("a"), Wait("Är mötet genomfört?"), Keys("j")]
    return s


def count(steps: list[Step]) -> tuple[int, int]:
    """(every key a person presses, characters typed or pasted included; the keys besides the text)."""
    keys = sum(len(s.keys) for s in steps if isinstance(s, Keys))
    chars = sum(len(s.text) for s in steps if isinstance(s, (Type, Paste, Search)))
    return keys + chars, keys


def typed_values(today: dt.date) -> dict[str, list[str]]:
    """Every value typed in the meeting, by what it is (for the checks and their messages)."""
    values: dict[str, list[str]] = {
        "notes per speaker": list(NOTES.values()),
        "nuläge": [SITUATION_ADDED],
        "answers": list(ANSWERS),
        "needs": [text for text, _q in NEEDS],
        "delmål": [g.text for g in goals(today)] + [g.child_words for g in goals(today)],
        "insats fields": [],
        "summary": [SECRETARY, OWN_ACTION, HUVUDANSVARIG[1], FOLLOW_UP_PLACE, IF_CRITICAL],
    }
    for g in goals(today):
        for m in g.insatser:
            values["insats fields"] += [m.what, m.performer, m.start.isoformat(), m.frequency, m.place,
                                        m.until.isoformat(), m.child_words] + ([m.person] if m.person else [])
    return values


def check_plan(plan: dict, today: dt.date) -> None:
    """The plan as ``sipmote show --json`` prints it holds everything typed, field by field."""
    assert plan["person"]["name"] == PERSON and plan["long_term_goal"] == LONG_TERM_GOAL
    [m] = plan["meetings"]
    assert m["status"] == "held", m["status"]  # left with "Är mötet genomfört?" = yes
    assert plan["status"] == "active"
    people = {p["name"]: p for p in m["participants"]}
    assert people[REMOTE]["attendance"] == "remote" and people[ABSENT]["attendance"] == "absent_notice"
    for name, note in NOTES.items():
        assert people[name]["speaker_notes"] == note, name
        assert note in m["situation"], name  # the nuläge was built from the notes
    assert m["situation"].rstrip().endswith(SITUATION_ADDED)
    assert [q["answer"] for q in plan["questions"]] == ANSWERS
    qids = [q["id"] for q in plan["questions"]]
    assert [(n["text"], n["question_ids"]) for n in m["needs"]] == [(t, [qids[q]]) for t, q in NEEDS]
    assert m["secretary"] == SECRETARY
    want = goals(today)
    assert [(g["text"], g["child_words"]) for g in m["goals"]] == [(g.text, g.child_words) for g in want]
    for got_goal, want_goal in zip(m["goals"], want, strict=True):
        for got, w in zip(got_goal["measures"], want_goal.insatser, strict=True):
            assert (got["what"], got["performer"], got["start"], got["frequency"], got["place"], got["until"],
                    got["child_words"]) == (w.what, w.performer, w.start.isoformat(), w.frequency, w.place,
                                            w.until.isoformat(), w.child_words), w.what
            assert got["responsible"]["person"] == w.person, w.what
            assert bool(got["responsible"]["organisation"]) == bool(w.person), w.what
    assert [a["text"] for a in m["own_actions"]] == [OWN_ACTION]
    assert plan["huvudansvarig"]["person"] == HUVUDANSVARIG[1]
    assert m["follow_up"] == {"date": follow_up_date(today).isoformat(), "time": FOLLOW_UP_TIME + ":00",
                              "place": FOLLOW_UP_PLACE}
    assert m["person_agrees"] is True and m["if_critical"] == IF_CRITICAL


def child_words(today: dt.date) -> list[str]:
    return [g.child_words for g in goals(today)] + [m.child_words for g in goals(today) for m in g.insatser]


def check_document(text: str, today: dt.date) -> None:
    """The SIP document (its paragraphs and table cells) holds everything typed — but the child's
    own words, which Min plan prints (``check_min_plan``)."""
    text = plain(text)
    told = set(child_words(today))
    missing = {kind: [v for v in values if v not in text and v not in told]
               for kind, values in typed_values(today).items()}
    missing = {kind: values for kind, values in missing.items() if values}
    assert not missing, f"typed but not in the DOCX: {missing}"
    assert follow_up_date(today).isoformat() in text


def check_min_plan(text: str, today: dt.date) -> None:
    """Min plan, the child's page, says each delmål and insats in the child's own words."""
    text = plain(text)
    assert not [v for v in child_words(today) if v not in text], [v for v in child_words(today) if v not in text]


def plain(text: str) -> str:
    return text.replace("\u2011", "-").replace("\u00a0", " ")  # non-breaking hyphens and spaces
