"""`--statistics`: how many findings each rule and each concept has, instead of the findings themselves."""
from __future__ import annotations

from collections import Counter

from termcheck.formatters.terminal import printable
from termcheck.formatters.text import summary
from termcheck.report import Report

TOP_CONCEPTS = 20


def render(report: Report, color: bool = False) -> str:
    rules = Counter(f.rule for f in report.findings)
    names = {f.rule: f.name for f in report.findings}
    fixable = Counter(f.rule for f in report.findings if f.fixable)
    lines = [f"{count:>6}  {rule}  {names[rule]:<24}{'  [*] fixable' if fixable[rule] == count else ''}"
             for rule, count in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))]
    concepts = Counter(f"{f.concept.zh} ({f.concept.en})" for f in report.findings if f.concept is not None)
    if concepts:
        lines += ["", f"concepts with the most findings (top {min(TOP_CONCEPTS, len(concepts))} of {len(concepts)}):"]
        lines += [f"{count:>6}  {printable(concept)}" for concept, count in concepts.most_common(TOP_CONCEPTS)]
    if lines:
        lines.append("")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
