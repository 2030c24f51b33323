"""Counters for a scoring run: how many records were scored, empty, errored, and how fast."""
from dataclasses import dataclass, field
from typing import Dict


@dataclass
class ScoreSummary:
    """Filled in by the scoring functions while they run; read it after the iterator is exhausted.

    ``scored`` counts records that got scores (empty texts included), ``empty`` the scored records
    whose text is empty or whitespace-only, ``errored`` the records that got an ``error`` instead,
    ``repaired`` the texts whose broken encoding (lone surrogates) was replaced by U+FFFD, and
    ``truncated`` the texts cut to ``max_chars``. ``seconds`` is the wall time of the run.
    """

    scored: int = 0
    empty: int = 0
    errored: int = 0
    repaired: int = 0
    truncated: int = 0
    seconds: float = 0.0
    first_errors: Dict[str, str] = field(default_factory=dict)
    """Up to ``MAX_EXAMPLES`` errors, keyed by record id (or input position)."""

    MAX_EXAMPLES = 5

    @property
    def total(self) -> int:
        return self.scored + self.errored

    @property
    def docs_per_second(self) -> float:
        return self.total / self.seconds if self.seconds > 0 else 0.0

    def note_error(self, key: str, message: str) -> None:
        """Count one errored record and keep the first few messages as examples."""
        self.errored += 1
        if len(self.first_errors) < self.MAX_EXAMPLES:
            self.first_errors[key] = message

    def merge(self, other: "ScoreSummary") -> None:
        """Add another run's counts (not its time) to this one."""
        self.scored += other.scored
        self.empty += other.empty
        self.errored += other.errored
        self.repaired += other.repaired
        self.truncated += other.truncated
        for key, message in other.first_errors.items():
            if len(self.first_errors) < self.MAX_EXAMPLES:
                self.first_errors[key] = message

    def format(self) -> str:
        """One line for a terminal: counts, seconds and docs/s."""
        parts = [
            f"scored {self.scored}",
            f"empty {self.empty}",
            f"errored {self.errored}",
        ]
        if self.repaired:
            parts.append(f"repaired encoding {self.repaired}")
        if self.truncated:
            parts.append(f"truncated {self.truncated}")
        parts.append(f"{self.seconds:.2f} s")
        parts.append(f"{self.docs_per_second:.0f} docs/s")
        return ", ".join(parts)
