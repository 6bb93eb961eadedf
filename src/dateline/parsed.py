"""A report after its one spaCy parse: what every stage reads."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from .model import Reading, Report


@dataclass
class ParsedReport:
    """The input report, its parse, and the reading the stages have filled in so far.

    Stages read `doc` and earlier stages' results in `reading`; they never modify `doc`.
    """

    report: Report
    doc: Doc
    reading: Reading

    @property
    def text(self) -> str:
        return self.report.text
