"""Problems found in a merchant's files: where (file, line), what is wrong, and how to fix it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict


class KnowledgeIssue(BaseModel):
    """One problem in one file. Errors keep the file out of the index; warnings only inform."""

    model_config = ConfigDict(frozen=True)

    file: str
    line: int | None = None
    message: str
    fix: str = ""
    severity: Literal["error", "warning"] = "error"

    def format(self) -> str:
        """`faq/shipping.md:3: error: ... Fix: ...`, the form editors and terminals link to."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text}. Fix: {self.fix}" if self.fix else text


class KnowledgeFileError(ValueError):
    """A file could not be read as the format it claims; carries the issues found."""

    def __init__(self, issues: list[KnowledgeIssue]) -> None:
        self.issues = issues
        super().__init__("\n".join(issue.format() for issue in issues))
