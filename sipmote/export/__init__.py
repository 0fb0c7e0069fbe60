"""Sign-off documents, headless: the SIP, the invitation (kallelse) and "Min plan".

    from sipmote.export import DocKind, export
    result = export(DocKind.sip, plan, meeting, docx=Path("sip.docx"), pdf=Path("sip.pdf"))

Each document is filled into a Word template (``templates/*.docx``, or the one
given with ``template=`` or ``[export] template = ...`` in config.toml) that
holds every style, header and footer. A template lacking a style gets it added,
based on its own Normal (a note in ``result.warnings``). Files are written
atomically with mode 0600 and never overwrite an existing file unless
``force=True``. python-docx is imported only when a document is built.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sipmote import clock
from sipmote.errors import SipmoteError
from sipmote.i18n import t
from sipmote.model import Meeting, Plan


class DocKind(StrEnum):
    sip = "sip"
    invitation = "invitation"  # the kallelse for the professionals
    invitation_family = "invitation_family"  # the kallelse in plain language, for the person and the family
    min_plan = "min_plan"


TEMPLATE_FILE = {DocKind.sip: "sip.docx", DocKind.invitation: "kallelse.docx",
                 DocKind.invitation_family: "kallelse.docx", DocKind.min_plan: "min_plan.docx"}
CONFIG_KEY = {DocKind.sip: "template", DocKind.invitation: "invitation_template",
              DocKind.invitation_family: "invitation_template", DocKind.min_plan: "min_plan_template"}


class ExportError(SipmoteError):
    """A failure the user can understand and fix; the message says what happened."""


@dataclass
class ExportResult:
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # template notes, what the secretary should fill in
    missing: list[str] = field(default_factory=list)  # the SIP's sign-off check (the Summary's checklist)
    seconds: float = 0.0


def signoff_missing(kind: DocKind, plan: Plan, meeting: Meeting) -> list[str]:
    """What is missing before the SIP is signed: the same check the Summary screen shows
    (``summary.missing_before_signoff``), for the SIP document only."""
    if DocKind(kind) != DocKind.sip:
        return []
    from sipmote.summary import missing_before_signoff

    return [m.text() for m in missing_before_signoff(plan, meeting)]


def pick_meeting(plan: Plan, ref: str | None = None) -> Meeting:
    """The meeting with id (or id prefix) ``ref``, or the latest one."""
    if not plan.meetings:
        raise ExportError(t("export.no_meeting"))
    if not ref:
        return plan.meetings[-1]
    hits = [m for m in plan.meetings if m.id == ref] or [m for m in plan.meetings if m.id.startswith(ref)]
    if len(hits) != 1:
        ids = ", ".join(m.id for m in plan.meetings)
        raise ExportError(t("export.meeting_not_found" if not hits else "export.meeting_ambiguous",
                            ref=ref, ids=ids))
    return hits[0]


def template_for(kind: DocKind, template: Path | None = None, home: Path | None = None) -> Path | None:
    """Explicit template, else the config setting, else the shipped one (None: build in memory)."""
    if template is not None:
        return Path(template).expanduser()
    from sipmote import config

    try:
        configured = config.path_setting("export", CONFIG_KEY[kind], home)
    except config.ConfigError as exc:
        raise ExportError(exc.message) from None
    if configured is not None:
        return configured
    from sipmote.resources import templates_dir

    try:
        shipped = templates_dir() / TEMPLATE_FILE[kind]
    except FileNotFoundError:
        return None
    return shipped if shipped.is_file() else None


def header_values(kind: DocKind, plan: Plan, meeting: Meeting, today: dt.date) -> dict[str, str]:
    from sipmote.export.common import fmt_date

    title = {DocKind.sip: t("sip.long"), DocKind.invitation: t("export.inv.title"),
             DocKind.invitation_family: t("export.fam.header"), DocKind.min_plan: t("export.min.header")}[kind]
    return {
        "titel": title,
        "namn": plan.person.name,
        "personnummer": plan.person.personnummer or "",
        "mötesdatum": t("export.header_meeting", date=fmt_date(meeting.date)) if meeting.date
        else t("export.header_meeting_nodate"),
        "utskriven": t("export.printed", date=fmt_date(today)),
        "sida": t("export.page"),
        "av": t("export.of"),
    }


def render(kind: DocKind, plan: Plan, meeting: Meeting, *, template: Path | None = None,
           home: Path | None = None, today: dt.date | None = None) -> tuple[bytes, list[str]]:
    """Build the document in memory: (docx bytes, warnings)."""
    from sipmote.export import docxlib as dx
    from sipmote.export.build_templates import build as build_template
    from sipmote.export.invitation import build_invitation
    from sipmote.export.invitation_family import build_invitation_family
    from sipmote.export.minplan import build_min_plan
    from sipmote.export.sip import build_sip
    from sipmote.export.styles import Styles

    kind = DocKind(kind)
    today = today or clock.calendar()
    path = template_for(kind, template, home)
    try:
        doc = dx.load_template(path) if path is not None else build_template(kind.value)
    except dx.TemplateError as exc:
        raise ExportError(exc.message) from None
    dx.clear_body(doc)
    dx.set_compatibility(doc)
    styles = Styles(doc)
    builder = {DocKind.sip: build_sip, DocKind.invitation: build_invitation,
               DocKind.invitation_family: build_invitation_family, DocKind.min_plan: build_min_plan}[kind]
    notes = builder(doc, styles, plan, meeting, today=today)
    values = header_values(kind, plan, meeting, today)
    dx.fill_headers(doc, values)
    dx.set_properties(doc, title=values["titel"], subject="")
    return dx.save_bytes(doc), styles.warnings + list(notes or [])


def check_target(path: Path, *, force: bool) -> None:
    if path.is_dir():
        raise ExportError(t("export.is_dir", path=str(path)))
    if not path.parent.is_dir():
        raise ExportError(t("export.no_folder", path=str(path.parent)))
    if (path.exists() or path.is_symlink()) and not force:
        raise ExportError(t("export.exists", path=str(path)))


def export(kind: DocKind, plan: Plan, meeting: Meeting, *, docx: Path | None = None, pdf: Path | None = None,
           template: Path | None = None, force: bool = False, home: Path | None = None,
           today: dt.date | None = None) -> ExportResult:
    """Write the document as DOCX and/or PDF. Raises ExportError (or StoreError on disk failure)."""
    from sipmote.store.atomic import atomic_write

    if docx is None and pdf is None:
        raise ExportError(t("export.no_output"))
    targets = [Path(p).expanduser() for p in (docx, pdf) if p is not None]
    if len(targets) == 2 and targets[0].resolve() == targets[1].resolve():
        raise ExportError(t("export.same_path", path=str(targets[0])))
    for target in targets:
        check_target(target, force=force)
    started = time.perf_counter()
    data, warnings = render(kind, plan, meeting, template=template, home=home, today=today)
    result = ExportResult(warnings=warnings, missing=signoff_missing(kind, plan, meeting))
    if docx is not None:
        atomic_write(Path(docx).expanduser(), data)
        result.written.append(Path(docx).expanduser())
    if pdf is not None:
        from sipmote.export.pdf import PdfError, docx_to_pdf

        try:
            pdf_bytes = docx_to_pdf(data)
        except PdfError as exc:
            if result.written:
                raise ExportError(t("export.pdf_after_docx", path=str(result.written[0]), reason=exc.message)) from None
            raise ExportError(exc.message) from None
        atomic_write(Path(pdf).expanduser(), pdf_bytes)
        result.written.append(Path(pdf).expanduser())
    result.seconds = time.perf_counter() - started
    return result
