"""Annotations and actions: nothing interactive belongs on a printing plate.

PDF/X (ISO 15930) allows on the printed area of a page only the annotations
a press uses, PrinterMark and TrapNet; a link, a comment or a form field there
either prints as the viewer draws it or not at all, and the RIP cannot tell.
Actions (JavaScript, launching a program, an OpenAction run when the file
opens, additional actions on events) have no meaning in print and are refused
by press workflows as a risk: each is an error wherever it stands.
"""
from __future__ import annotations

import pikepdf

from .content import Box
from .findings import Finding, Place, Severity

ERROR = Severity.ERROR
PRESS_ANNOTATIONS = {"/PrinterMark", "/TrapNet"}
# What each kind of action does, for the message.
ACTION_NAMES = {
    "/JavaScript": "JavaScript",
    "/Launch": "a Launch action (it starts a program or opens a file)",
    "/URI": "a link to {uri}",
    "/GoToR": "a link to another file",
    "/SubmitForm": "a form submission",
    "/ImportData": "a data import",
}
# Actions chain through /Next; a hostile file may loop.
MAX_CHAINED_ACTIONS = 100


def check_document_actions(pdf: pikepdf.Pdf) -> list[Finding]:
    """The catalog's OpenAction, additional actions and JavaScript name tree."""
    findings = []
    root = pdf.Root
    if "/OpenAction" in root:
        opened = root.OpenAction
        what = (_describe(opened) if isinstance(opened, pikepdf.Dictionary) and "/S" in opened
                else "a jump to a page")
        findings.append(Finding(ERROR, "action", f"an OpenAction runs {what} when the file is opened; PDF/X "
                                                 "carries no actions"))
    if "/AA" in root:
        findings.append(Finding(ERROR, "action", f"document actions (AA) on {_events(root.AA)}; PDF/X carries "
                                                 "no actions"))
    names = root.get("/Names", pikepdf.Dictionary())
    if "/JavaScript" in names:
        findings.append(Finding(ERROR, "javascript", "the document holds JavaScript (Names/JavaScript); PDF/X "
                                                     "carries no JavaScript"))
    return findings


def check_annotations(page: pikepdf.Page, number: int, trim: Box, printing: Box) -> list[Finding]:
    """Annotations on the printed area (the BleedBox) other than the press's
    own, and actions of the page and of any annotation."""
    findings = []
    if "/AA" in page.obj:
        findings.append(Finding(ERROR, "action", f"page actions (AA) on {_events(page.obj.AA)}; PDF/X carries "
                                                 "no actions", number))
    for annotation in page.obj.get("/Annots", pikepdf.Array()):
        if not isinstance(annotation, pikepdf.Dictionary):
            continue
        subtype = str(annotation.get("/Subtype", "/Unknown"))
        action = annotation.get("/A")
        what = f"a {subtype[1:]} annotation" + (f" ({_describe(action)})" if isinstance(action, pikepdf.Dictionary)
                                               else "")
        rect = _rect(annotation)
        if subtype not in PRESS_ANNOTATIONS and rect is not None and rect.overlaps(printing):
            where = Place(rect.x0 - trim.x0, trim.y1 - rect.y1)
            findings.append(Finding(ERROR, "annotation", f"{what} on the printed page at {where}; PDF/X allows "
                                                         "only PrinterMark and TrapNet annotations there", number))
        if isinstance(action, pikepdf.Dictionary) and _runs_something(action):
            findings.append(Finding(ERROR, "action", f"{what} runs {_describe(action)}; PDF/X carries no "
                                                     "actions", number))
        if "/AA" in annotation:
            findings.append(Finding(ERROR, "action", f"{what} has actions (AA) on {_events(annotation.AA)}; "
                                                     "PDF/X carries no actions", number))
    return findings


def _describe(action: pikepdf.Dictionary) -> str:
    """An action and those chained to it (/Next), in words."""
    described = []
    for step in _chain(action):
        kind = str(step.get("/S", "/Unknown"))
        template = ACTION_NAMES.get(kind, f"a {kind[1:]} action")
        described.append(template.format(uri=str(step.get("/URI", "?"))))
    return ", then ".join(described)


def _runs_something(action: pikepdf.Dictionary) -> bool:
    """More than a plain link: JavaScript, a launch, a submission …  (a link's
    own fault is where it stands, reported as an annotation)."""
    return any(str(step.get("/S", "")) not in ("/URI", "/GoTo") for step in _chain(action))


def _chain(action: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    chain, seen = [], set()
    pending = [action]
    while pending and len(chain) < MAX_CHAINED_ACTIONS:
        step = pending.pop(0)
        if not isinstance(step, pikepdf.Dictionary) or (step.is_indirect and step.objgen in seen):
            continue
        if step.is_indirect:
            seen.add(step.objgen)
        chain.append(step)
        following = step.get("/Next")
        if isinstance(following, pikepdf.Array):
            pending.extend(following)
        elif following is not None:
            pending.append(following)
    return chain


def _events(additional: pikepdf.Object) -> str:
    keys = list(additional.keys()) if isinstance(additional, pikepdf.Dictionary) else []
    return ", ".join(key[1:] for key in keys) or "events"


def _rect(annotation: pikepdf.Dictionary) -> Box | None:
    try:
        return Box.of(annotation.Rect)
    except (AttributeError, TypeError, ValueError, KeyError):
        return None
