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

    def __init__(self, problems: list[Problem], notices: list[Problem] = ()):
        self.problems = sorted(set(problems))
        self.notices = sorted(set(notices))  # things to act on soon, which refuse nothing (format_notices)
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem], outcome: str = "asgjë nuk u publikua") -> str:
    """A heading with the count and the `outcome` (the build publishes nothing; `krat check` says what the build
    would do), then one line per problem."""
    count = len(problems)
    heading = "U gjet 1 problem" if count == 1 else f"U gjetën {count} probleme"
    lines = [f"{heading} në përmbajtje; {outcome}:"]
    lines.extend(str(problem) for problem in problems)
    return "\n".join(lines)


def format_notices(notices: list[Problem]) -> str:
    """A heading, then one line per notice: what to act on soon, before the build refuses it."""
    lines = ["Njoftim: këto nuk e ndalin ndërtimin ende, por duhen rregulluar para afatit:"]
    lines.extend(str(notice) for notice in notices)
    return "\n".join(lines)
