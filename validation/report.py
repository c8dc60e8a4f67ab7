"""Results of the data checks: each check passes or lists failures naming table, row, rule and evidence."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

MAX_SHOWN = 5


@dataclass(frozen=True)
class Failure:
    table: str
    row: str  # the row's key, e.g. "article_id=a, sentence_index=3", or "row 7" / "(table)"
    rule: str
    evidence: str

    def line(self) -> str:
        return f"{self.table} [{self.row}] {self.rule}: {self.evidence}"


@dataclass
class CheckResult:
    layer: str
    check: str
    description: str = ""
    failures: list[Failure] = field(default_factory=list)
    warning: bool = False  # a demoted check reports but does not fail the run
    skipped: bool = False  # not run, because a check it depends on failed

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def status(self) -> str:
        if self.skipped:
            return "skip"
        if self.passed:
            return "pass"
        return "warn" if self.warning else "FAIL"


@dataclass
class Report:
    package: str
    results: list[CheckResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.passed or r.warning for r in self.results)

    def extend(self, results: list[CheckResult]) -> None:
        self.results.extend(results)

    def first(self) -> str:
        """One line for an error message: how many checks failed, and the first failure."""
        failed = [r for r in self.results if not r.passed and not r.warning]
        if not failed:
            return "no check failed"
        shown = failed[0].failures[0].line() if failed[0].failures else failed[0].check
        return f"{len(failed)} check{'s' if len(failed) > 1 else ''} failed, first {shown}"

    def summary(self) -> str:
        lines = [f"Data checks on {self.package}"]
        width = max((len(f"{r.layer}: {r.check}") for r in self.results), default=10)
        for r in self.results:
            lines.append(f"  {r.status:4}  {f'{r.layer}: {r.check}':{width}}")
            for failure in r.failures[:MAX_SHOWN]:
                lines.append(f"          {failure.line()}")
            if len(r.failures) > MAX_SHOWN:
                lines.append(f"          ... and {len(r.failures) - MAX_SHOWN} more")
        failed = [r for r in self.results if not r.passed and not r.warning]
        skipped = [r for r in self.results if r.skipped]
        passed = len(self.results) - len(failed) - len(skipped)
        lines.append(
            f"{len(self.results)} checks: {passed} passed, {len(failed)} failed"
            + (f", {len(skipped)} not run" if skipped else "")
            + ("" if failed else " - the package is valid")
        )
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {
            "package": self.package,
            "valid": self.ok,
            "checks": [
                {
                    **{k: v for k, v in asdict(r).items() if k != "failures"},
                    "status": r.status,
                    "failures": [asdict(f) for f in r.failures],
                }
                for r in self.results
            ],
        }

    def write_json(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
