"""Problems found in content files, and the error that carries all of them at once.

Every problem is one line that a member of staff can act on:
`content/takime/kukes/2018/2018-02-16-analiza.md:7: prefecture: 'Kukësi' nuk njihet; a mos doni 'kukes'?`
"""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file: where (path, line), which field, and what is wrong in Albanian."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class ContentError(Exception):
    """Raised when content has problems; its text lists every problem, one per line, sorted by file and line."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    """A heading with the count, then one line per problem."""
    count = len(problems)
    heading = "U gjet 1 problem" if count == 1 else f"U gjetën {count} probleme"
    lines = [f"{heading} në përmbajtje; asgjë nuk u publikua:"]
    lines.extend(str(problem) for problem in problems)
    return "\n".join(lines)
