"""`termcheck review`: walk an editor through the findings of some documents, one at a time.

For each finding she sees the phrase highlighted in its line, the message and the suggestion, and
answers with one key (no Enter at a terminal): [a]ccept the suggestion, accept it for [A]ll the same
findings, [r]eject it as a false alarm, [R]eject all the same findings, reject with a [n]ote, [e]dit her
own wording, [s]kip, [u]ndo the last answer, or [q]uit. When a document's findings run out (or on quit,
after she confirms) its accepted and edited changes are written atomically and the rejections to the
decisions file, and the next document follows; if she aborts (Ctrl-C, end of input) nothing more is written.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from termcheck.commands.keys import single_key_reader
from termcheck.commands.lint import LintOptions, _read_all, _with_source, build_linter
from termcheck.decisions import DEFAULT_NAME, Decision, DecisionsFile, identity, occurrences
from termcheck.documents.decoding import encode
from termcheck.documents.loading import document_from_text
from termcheck.documents.model import Document
from termcheck.engine import Linter
from termcheck.errors import TermcheckError
from termcheck.findings import Finding
from termcheck.fingerprints import assign_fingerprints, fingerprints
from termcheck.fixes import apply_fixes, write_atomically
from termcheck.formatters.terminal import printable

KEYS = "[a]ccept [A]ll [r]eject [R]all [n]ote [e]dit [s]kip [u]ndo [q]uit"
ANSWER_KEYS = frozenset("aArRnesuq")
_BOLD, _REVERSE, _RESET = "\x1b[1m", "\x1b[7m", "\x1b[0m"


@dataclass
class Answer:
    finding: Finding
    fingerprint: str
    verdict: str  # accepted, rejected, edited, skipped
    replacement: str | None = None
    occurrence: int | None = None  # among the document's findings of the same rule, concept and text
    note: str = ""  # why she rejected it, kept in the decisions file
    batch: int | None = None  # the index of the finding whose "all the same" answer this one follows
    automatic: bool = False  # given by such an answer, not asked


class Aborted(Exception):
    """The editor left without saving: Ctrl-C or the end of input."""


class Review:
    def __init__(self, document: Document, findings: list[Finding], prints: list[str],
                 ask: Callable[[str], str], out: TextIO, color: bool,
                 read_key: Callable[[], str] | None = None) -> None:
        self.document, self.findings, self.prints = document, findings, prints
        self.ask, self.out, self.color, self.key = ask, out, color, read_key
        self.answers: list[Answer] = []
        self.occurrences: list[int | None] = [None] * len(findings)
        self.presets: dict[int, Answer] = {}  # later findings answered by an "all the same" answer
        self.quit = False  # she quit: no further document is reviewed

    def run(self) -> bool:
        """Ask about every finding; True to write the answers, False to discard them."""
        while len(self.answers) < len(self.findings):
            index = len(self.answers)
            if index in self.presets:
                self.answers.append(self.presets[index])
                continue
            self.show(index)
            key = self.read_key()
            if key == "q":
                self.quit = True
                return self.confirm_quit()
            if key == "u":
                self.undo()
                continue
            answer = self.answer(index, key)
            if answer is not None:
                answer = replace(answer, occurrence=self.occurrences[index])
                self.answers.append(answer)
                if key in ("A", "R"):
                    self.answer_the_same(index, answer)
        self.say(f"All {len(self.findings)} findings reviewed.")
        return True

    def answer_the_same(self, index: int, answer: Answer) -> None:
        """Give the same answer to every later finding of the same rule, concept and text."""
        same = identity(self.findings[index])
        later = [i for i in range(index + 1, len(self.findings))
                 if i not in self.presets and identity(self.findings[i]) == same]
        for i in later:
            self.presets[i] = replace(answer, finding=self.findings[i], fingerprint=self.prints[i],
                                      occurrence=self.occurrences[i], batch=index, automatic=True)
        self.answers[-1] = replace(answer, batch=index)
        if later:
            self.say(f"  and {len(later)} more “{printable(self.findings[index].text)}” {answer.verdict} with it")

    def undo(self) -> None:
        """Take back her last answer (and what an "all the same" answer gave the findings after it)."""
        while self.answers and self.answers[-1].automatic:
            self.answers.pop()
        if not self.answers:
            self.say("nothing to undo")
            return
        last = self.answers.pop()
        if last.batch is not None:
            self.presets = {i: a for i, a in self.presets.items() if a.batch != last.batch}

    def show(self, index: int) -> None:
        f = self.findings[index]
        text = self.document.text
        before = text[max(0, f.start - 200):f.start].rpartition("\n")[2]
        after = text[f.end:f.end + 200].partition("\n")[0]
        phrase = printable(text[f.start:f.end])
        marked = f"{_REVERSE}{phrase}{_RESET}" if self.color else f"[[{phrase}]]"
        self.say("")
        self.say(f"({index + 1}/{len(self.findings)}) {printable(f.path)}:{f.line}:{f.column} "
                 f"{f.rule} {f.severity.value}")
        segment = self.document.segment_at(f.start) if self.document.segments else None
        if segment is not None:
            self.say(f"  source: {printable(segment.source)}")
        self.say(f"  {printable(_clip(before, 70, left=True))}{marked}{printable(_clip(after, 70))}")
        self.say(f"  {printable(f.message)}")
        if f.suggestion is not None:
            self.say(f"  suggestion: {printable(f.suggestion)}"
                     + ("" if f.fixable else " (not a drop-in: check the sentence)"))

    def read_key(self) -> str:
        while True:
            key = self.press(f"{KEYS} > ")
            finding = self.findings[len(self.answers)]
            if key in ("a", "A") and finding.suggestion is None:
                self.say("no suggestion to accept: [e]dit or [r]eject it")
            elif key in ANSWER_KEYS:
                return key
            else:
                self.say(f"please answer with one of: {KEYS}")

    def press(self, text: str) -> str:
        """One key: pressed alone at a terminal, else the first character of a line."""
        if self.key is None:
            return self.prompt(text).strip()[:1]
        self.out.write(text)
        self.out.flush()
        try:
            key = self.key()
        except (EOFError, KeyboardInterrupt):
            raise Aborted() from None
        self.say(printable(key))
        return key

    def answer(self, index: int, key: str) -> Answer | None:
        """Her answer to one finding; None to ask again (she did not confirm a suggestion that lint
        would not apply by itself)."""
        finding, fingerprint = self.findings[index], self.prints[index]
        if key in ("a", "A"):
            if not finding.fixable and not self.confirm_unsafe(finding):
                return None
            return Answer(finding, fingerprint, "accepted", finding.suggestion)
        if key in ("r", "R"):
            return Answer(finding, fingerprint, "rejected")
        if key == "n":
            note = self.prompt("why is it no problem? (kept with the rejection): ")
            if any("\ud800" <= c <= "\udfff" for c in note):
                self.say("that was not valid text in this terminal's encoding; please answer again")
                return None
            return Answer(finding, fingerprint, "rejected", note=" ".join(note.split()))
        if key == "e":
            default = finding.suggestion or finding.text
            typed = self.prompt(f"replace “{printable(finding.text)}” with (Enter keeps “{printable(default)}”): ")
            if any("\ud800" <= c <= "\udfff" for c in typed):  # bytes the terminal's encoding cannot decode
                self.say("that was not valid text in this terminal's encoding; please answer again")
                return None
            return Answer(finding, fingerprint, "edited", typed.rstrip("\r\n") or default)
        return Answer(finding, fingerprint, "skipped")

    def confirm_unsafe(self, finding: Finding) -> bool:
        self.say("  this suggestion is not applied by --fix: the sentence around it may need rewording")
        reply = self.prompt(f"Replace “{printable(finding.text)}” with “{printable(finding.suggestion or '')}” "
                            "anyway? [y/N] ")
        return reply.strip().lower().startswith("y")

    def confirm_quit(self) -> bool:
        decided = [a for a in self.answers if a.verdict != "skipped"]
        if not decided:
            return False
        reply = self.prompt(f"Write {len(decided)} decision(s) before quitting? [y/N] ").strip().lower()
        return reply.startswith("y")

    def prompt(self, text: str) -> str:
        self.out.write(text)
        self.out.flush()
        try:
            return self.ask("")
        except (EOFError, KeyboardInterrupt):
            raise Aborted() from None
        except RuntimeError:  # input() with standard input closed ("lost sys.stdin")
            raise Aborted() from None
        except UnicodeDecodeError:
            self.say("that was not valid text in this terminal's encoding; please answer again")
            return ""

    def say(self, line: str) -> None:
        self.out.write(line + "\n")
        self.out.flush()


def run_review(options: LintOptions, decisions_path: str | None, ask: Callable[[str], str] = input,
               out: TextIO = sys.stdout, read_key: Callable[[], str] | None = None) -> int:
    """Review each document named (folders searched as lint searches them), one after the other."""
    linter, _ = build_linter(options)
    documents, errors, _ = _read_all(options.paths, allow_stdin=False, max_megabytes=options.max_file_size)
    if errors:
        raise TermcheckError(errors[0])
    if options.source is not None:
        if len(documents) != 1:
            raise TermcheckError("--source goes with one document")
        documents = _with_source(options.source, options.paths, documents)
    if not documents:
        raise TermcheckError("no document to review")
    decisions = DecisionsFile.load(decisions_path or DEFAULT_NAME)
    _check_writable(decisions.path)
    if read_key is None and ask is input:
        read_key = single_key_reader()
    status = 0
    for number, document in enumerate(documents, start=1):
        if len(documents) > 1:
            out.write(f"\n== {printable(document.path)} ({number}/{len(documents)}) ==\n")
        status, quit_all = _review_document(linter, document, decisions, options.color, ask, out, read_key)
        if quit_all or status:
            break
    return status


def _review_document(linter: Linter, document: Document, decisions: DecisionsFile, color: bool,
                     ask: Callable[[str], str], out: TextIO,
                     read_key: Callable[[], str] | None) -> tuple[int, bool]:
    """Review one document and write what she decided; the exit status, and whether she quit."""
    findings = linter.lint([document])
    texts = {document.path: document.text}
    assign_fingerprints(findings, texts)
    outcome = decisions.apply(findings, texts, [document.path])
    order = occurrences(findings)
    # Findings decided earlier (in the HTML report, or an earlier review) are not asked again: accepted
    # and edited ones are applied with her answers.
    earlier = [_earlier_answer(findings[i], d) for i, d in sorted(outcome.decided.items()) if d.decision != "rejected"]
    earlier_decisions = [d for i, d in sorted(outcome.decided.items()) if d.decision != "rejected"]
    to_ask = [i for i in range(len(findings)) if i not in outcome.decided]
    if earlier:
        out.write(f"{printable(document.path)}: {len(earlier)} finding(s) accepted or edited earlier "
                  "will be applied.\n")
    if not to_ask and not earlier:
        out.write(f"{printable(document.path)}: nothing to review.\n")
        return 0, False
    if document.virtual and not document.rewritable:
        out.write(f"{printable(document.path)}: the targets of this bilingual file cannot be rewritten here: what you "
                  "accept or edit is recorded in the decisions file, to apply in your editor.\n")
    asked = [findings[i] for i in to_ask]
    review = Review(document, asked, [f.fingerprint or "" for f in asked], ask, out, color, read_key)
    review.occurrences = [order[i] for i in to_ask]
    try:
        keep = review.run() if asked else True
    except (Aborted, KeyboardInterrupt):  # Ctrl-C between two reads too: while a prompt or finding is shown
        out.write("\nAborted: nothing was written.\n")
        return 1, True
    if not keep:
        out.write("Nothing was written.\n")
        return 0, True
    decisions.forget(earlier_decisions)
    return _write(linter, document, earlier + review.answers, decisions, out), review.quit


def _earlier_answer(finding: Finding, decision: Decision) -> Answer:
    replacement = decision.replacement if decision.decision == "edited" else finding.suggestion
    return Answer(finding, finding.fingerprint or decision.fingerprint, decision.decision, replacement)


def _check_writable(path: str) -> None:
    """Her answers end in the decisions file: if it cannot be written, say so before she starts, not
    after the document has been changed."""
    folder = Path(path).resolve().parent
    if not folder.is_dir():
        raise TermcheckError(f"{path}: cannot write decisions: no such folder {folder.name!r}")
    if not os.access(folder, os.W_OK) or (Path(path).exists() and not os.access(path, os.W_OK)):
        raise TermcheckError(f"{path}: cannot write decisions: permission denied")


def _write(linter: Linter, document: Document, answers: list[Answer], decisions: DecisionsFile, out: TextIO) -> int:
    changes = [
        replace(a.finding, suggestion=a.replacement, fixable=True)
        for a in answers if a.verdict in ("accepted", "edited") and a.replacement is not None
    ]
    written, text = 0, document.text
    if changes and document.rewritable:
        written, text = _write_rewritable(document, changes)
        answers = _rekeyed(linter, document, text, changes, answers) if written else answers
    elif changes and not document.virtual:
        result = apply_fixes(document.text, changes)
        write_atomically(document.path, encode(result.text, document.encoding, document.bom), document.digest)
        written, text = result.applied, result.text
        answers = _rekeyed(linter, document, text, changes, answers)
    for a in answers:
        unapplied = a.verdict in ("accepted", "edited") and ((document.virtual and not document.rewritable)
                                                             or not written)
        if a.verdict == "rejected" or unapplied:
            decisions.record(a.finding, text, a.fingerprint, a.verdict, a.replacement, a.occurrence, a.note)
    decisions.save()
    rejected = sum(1 for a in answers if a.verdict == "rejected")
    out.write(f"Wrote {written} change(s) to {printable(document.path)}; {rejected} rejection(s) to "
              f"{printable(decisions.path)}.\n")
    return 0


def _write_rewritable(document: Document, changes: list[Finding]) -> tuple[int, str]:
    """Write her changes into a document whose targets its reader can rewrite (DOCX): how many, and the
    text the document then shows."""
    from termcheck.commands.lint import _bytes_as_read
    from termcheck.documents.docx_rewrite import TargetEdit, rewrite_docx
    from termcheck.documents.loading import document_from_bytes

    edits = []
    for change in changes:
        segment = document.segment_at(change.start)
        if segment is not None:
            edits.append(TargetEdit(segment.id, change.start - segment.start, change.end - segment.start,
                                    change.text, change.suggestion or ""))
    data, written = rewrite_docx(document.path, _bytes_as_read(document), edits)
    if not written:
        return 0, document.text
    write_atomically(document.path, data, document.digest)
    return written, document_from_bytes(document.path, data).text


def _rekeyed(linter: Linter, document: Document, text: str, changes: list[Finding],
             answers: list[Answer]) -> list[Answer]:
    """Answers re-fingerprinted against the text as written: her own changes may be the very words next to
    a finding she rejected, and the decision must match the file as it now is."""
    new_document = document_from_text(document, text)
    new_findings = linter.lint([new_document])
    keys = ((f.rule, f.start, f.text) for f in new_findings)
    new_prints = dict(zip(keys, fingerprints(new_findings, {document.path: text}), strict=True))
    applied = sorted((c.start, c.end, len(c.suggestion or "")) for c in changes)
    out = []
    for a in answers:
        shift = sum(size - (end - start) for start, end, size in applied if end <= a.finding.start)
        moved = replace(a.finding, start=a.finding.start + shift, end=a.finding.end + shift)
        fingerprint = new_prints.get((moved.rule, moved.start, moved.text), a.fingerprint)
        out.append(replace(a, finding=moved, fingerprint=fingerprint))
    return out


def _clip(text: str, width: int, left: bool = False) -> str:
    if len(text) <= width:
        return text
    return "…" + text[-width:] if left else text[:width] + "…"
