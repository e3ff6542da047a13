"""The lint pipeline: documents -> compiled glossary -> checks -> positioned, sorted findings."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from termcheck.checks import ALL_CHECKS, Check, DocumentContext
from termcheck.documents.model import Document
from termcheck.documents.suppressions import SuppressionIndex
from termcheck.findings import Finding, Severity
from termcheck.fixes import FixResult, apply_fixes, chosen_fixes
from termcheck.han import is_chinese
from termcheck.matching.compiled import CompiledGlossary
from termcheck.matching.source_terms import SourceTermFinder
from termcheck.textpos import LineIndex


@dataclass
class RuleSelection:
    """Which rules run: all by default, narrowed by `select` and then by `ignore` (codes or prefixes)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: dict[str, Severity] = field(default_factory=dict)  # per-rule overrides from the config

    def severity_for(self, code: str) -> Severity | None:
        """The configured severity of a rule: the longest matching code or prefix wins."""
        matches = [prefix for prefix in self.severities if code.startswith(prefix)]
        return self.severities[max(matches, key=len)] if matches else None

    def enabled(self, code: str) -> bool:
        if self.select and not any(code.startswith(s) for s in self.select):
            return False
        return not any(code.startswith(i) for i in self.ignore)


@dataclass
class Linter:
    glossary: CompiledGlossary
    proper_names: frozenset[str] = frozenset()
    selection: RuleSelection = field(default_factory=RuleSelection)
    _finder: SourceTermFinder | None = field(default=None, init=False, repr=False)

    def _source_finder(self) -> SourceTermFinder:
        # Created on the first bilingual document, so monolingual runs never load jieba.
        if self._finder is None:
            self._finder = SourceTermFinder(self.glossary)
        return self._finder

    @property
    def checks(self) -> list[Check]:
        return [c for c in ALL_CHECKS if self.selection.enabled(c.rule.code)]

    def context(self, document: Document) -> DocumentContext:
        target_english = _target_is_english(document)
        ctx = DocumentContext(document=document, proper_names=self.proper_names, target_english=target_english,
                              glossary=self.glossary)
        if target_english:
            ctx.terms = self.glossary.find_terms(document.prose)
            ctx.patterns = list(self.glossary.find_patterns(document.prose))
        if document.bilingual and any(check.needs_source_terms for check in self.checks):
            finder = self._source_finder()
            ctx.source_terms = [finder.find(segment.source) for segment in document.segments]
        return ctx

    def lint(self, documents: Iterable[Document]) -> list[Finding]:
        contexts = [self.context(doc) for doc in documents]
        findings = [f for ctx in contexts for f in self.document_findings(ctx)]
        return self.finish(contexts, findings)

    def document_findings(self, ctx: DocumentContext) -> list[Finding]:
        """What the per-document checks find (the part of a run that can go to another process)."""
        return [f for check in self.checks if check.applies_to(ctx) for f in check.check_document(ctx)]

    def finish(self, contexts: list[DocumentContext], findings: list[Finding]) -> list[Finding]:
        """Add what the run-level checks find, then settle severities, positions and order."""
        for check in self.checks:
            findings.extend(check.check_run([ctx for ctx in contexts if check.applies_to(ctx)]))
        documents = {ctx.document.path: ctx.document for ctx in contexts}
        findings = _drop_generic_duplicates(findings)
        findings = _drop_suppressed(findings, documents)
        findings = _positioned(self._configured(findings), documents)
        findings.sort(key=Finding.sort_key)
        return findings

    def _configured(self, findings: list[Finding]) -> list[Finding]:
        """The findings with the severities the configuration gives their rules."""
        out = []
        for finding in findings:
            configured = self.selection.severity_for(finding.rule)
            out.append(finding if configured is None else replace(finding, severity=configured))
        return out


def _target_is_english(document: Document) -> bool:
    if document.target_language:
        return not document.target_language.lower().startswith(("zh", "cmn", "yue"))
    if document.bilingual:
        sample = " ".join(s.target for s in document.segments[:200])
        return not is_chinese(sample)
    return True


MAX_FIX_PASSES = 10
GLOSSARY_RULE_PREFIX = "TC1"


def _drop_suppressed(findings: list[Finding], documents: dict[str, Document]) -> list[Finding]:
    """Leave out what inline `termcheck-disable` comments switch off."""
    # One index per document: asking every suppression about every finding was quadratic (20,000
    # "disable-next-line" comments, each silencing one finding, took 54 s).
    indexes = {path: SuppressionIndex(d.suppressions) for path, d in documents.items() if d.suppressions}
    return [f for f in findings if f.path not in indexes or not indexes[f.path].covers(f.start, f.rule)]


def _drop_generic_duplicates(findings: list[Finding]) -> list[Finding]:
    """Where a glossary rule and a generic text rule flag exactly the same text, keep the glossary one:
    it knows the concept and the standard rendering ("foresight and foresight" is TC101 and TC205)."""
    glossary_spans = {(f.path, f.start, f.end) for f in findings if f.rule.startswith(GLOSSARY_RULE_PREFIX)}
    return [
        f for f in findings
        if f.rule.startswith(GLOSSARY_RULE_PREFIX) or (f.path, f.start, f.end) not in glossary_spans
    ]


def fix_document(linter: Linter, document: Document, findings: list[Finding],
                 decide: Callable[[list[Finding], str], list[Finding]] | None = None) -> FixResult:
    """Apply safe fixes until none is left (one fix can reveal another, as in "the the the").

    Each pass re-reads the fixed text as the same kind of document, so offsets stay exact. `decide`
    turns each pass's findings into the ones to fix (the editor's decisions: see DecisionsFile.changes).
    """
    from termcheck.documents.loading import document_from_text

    text, applied = document.text, 0
    fixed: list[Finding] = []
    for _ in range(MAX_FIX_PASSES):
        result = apply_fixes(text, decide(findings, text) if decide else findings)
        if not result.applied:
            break
        text, applied = result.text, applied + result.applied
        fixed.extend(result.fixed)
        findings = linter.lint([document_from_text(document, text)])
    return FixResult(text, applied, tuple(fixed))


def fix_rewritable_document(linter: Linter, document: Document, data: bytes, findings: list[Finding],
                            decide: Callable[[list[Finding], str], list[Finding]] | None = None
                            ) -> tuple[bytes, list[Finding]]:
    """The bytes of a document whose targets its reader can write back (DOCX) with the safe fixes applied,
    pass after pass as fix_document does, and the findings applied."""
    from termcheck.documents.docx_rewrite import TargetEdit, rewrite_docx_edits
    from termcheck.documents.loading import document_from_bytes

    fixed: list[Finding] = []
    for _ in range(MAX_FIX_PASSES):
        chosen = chosen_fixes(document.text, decide(findings, document.text) if decide else findings)
        edits: dict[TargetEdit, Finding] = {}
        for f in chosen:
            segment = document.segment_at(f.start)
            if segment is not None and segment.start <= f.start and f.end <= segment.start + len(segment.target):
                edits[TargetEdit(segment.id, f.start - segment.start, f.end - segment.start, f.text,
                                 f.suggestion or "")] = f
        data, done = rewrite_docx_edits(document.path, data, list(edits))
        if not done:
            break
        fixed.extend(edits[edit] for edit in done)
        document = document_from_bytes(document.path, data)
        findings = linter.lint([document])
    return data, fixed


def _positioned(findings: list[Finding], documents: dict[str, Document]) -> list[Finding]:
    """The findings with their segment, lines and columns: the one place these fields are set."""
    indexes: dict[str, LineIndex] = {}
    out = []
    for finding in findings:
        document = documents[finding.path]
        segment = document.segment_at(finding.start)
        if document.virtual and segment is not None:
            # The text is the target view, not the file: place the finding on its segment's line,
            # with columns counted within the target. --fix writes it back only where the reader can.
            out.append(replace(
                finding, segment=segment.id, fixable=finding.fixable and document.rewritable,
                line=segment.line, end_line=segment.line,
                column=finding.start - segment.start + 1, end_column=finding.end - segment.start + 1,
            ))
            continue
        index = indexes.get(finding.path)
        if index is None:
            index = indexes[finding.path] = LineIndex(document.text)
        (line, column), (end_line, end_column) = index.position(finding.start), index.position(finding.end)
        out.append(replace(finding, segment=segment.id if segment is not None else finding.segment,
                           line=line, column=column, end_line=end_line, end_column=end_column))
    return out
