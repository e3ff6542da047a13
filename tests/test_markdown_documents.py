"""Markdown as real machine translations come: front matter, hard wraps, footnotes stuck to words."""
from conftest import lint_text

DOC = """---
title: "Study the overall national security concept"
tags: [two maintenances]
---

# Study the Overall National
Security Concept

We must firmly support the “two establishments” and resolutely achieve the two
maintenances¹, guided by the overall national security concept[^2] and the
overall concept of national security2.

> Party organizations must serve as battle-
> forts in the struggle.

```text
two maintenances
```

Visit <https://example.org/two-maintenances> or `two maintenances`.

[^2]: See the overall national security concept in the report.
"""


def test_markdown_findings_skip_non_prose_and_point_into_the_file(small_linter):
    findings = lint_text(small_linter, DOC, path="study.md", select=("TC101",))
    texts = [(f.line, f.text) for f in findings]
    assert texts == [
        (6, "Overall National\nSecurity Concept"),
        (9, "two\nmaintenances"),
        (10, "overall national security concept"),
        (11, "overall concept of national security"),
        (13, "battle-\n> forts"),
        (22, "overall national security concept"),
    ]
    for f in findings:
        assert DOC[f.start:f.end] == f.text
    assert findings[0].suggestion == "Holistic Approach to National Security"
    assert findings[4].suggestion == "fighting bastions"
