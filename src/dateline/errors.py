"""Why a report could not be read (the stage and a one-line reason), and why a ledger file cannot be used."""
from __future__ import annotations


class ReportError(Exception):
    """A report that could not be read or processed.

    stage (str): where it failed: "input", "parse", or a stage name.
    reason (str): one line a user can act on.
    """

    def __init__(self, stage: str, reason: str, report_id: str | None = None):
        super().__init__(f"{stage}: {reason}")
        self.stage = stage
        self.reason = reason
        self.report_id = report_id

    def __reduce__(self):  # pickled to and from worker processes; Exception's own would call __init__ with the message
        return type(self), (self.stage, self.reason, self.report_id)

    def as_dict(self, report_id: str | None) -> dict:
        return {"id": report_id, "error": {"stage": self.stage, "reason": self.reason}}


class LedgerError(Exception):
    """A ledger file that cannot be used as it is (damaged, on a full disk, held by another process):
    one line naming the file and what to do."""
