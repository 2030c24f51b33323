"""The check's report: summary figures, per-capability means, per-test results; as a dict, Markdown or text."""
from collections import Counter
from dataclasses import dataclass
from statistics import mean
from typing import Dict, List, Optional

from .evaluate import Settings, TestResult
from .suites.fairness import CAPABILITY as FAIRNESS
from .suites.negation import CAPABILITY as NEGATION
from .types import Suite, TestType

SCHEMA_VERSION = 1
"""Version of the layout of `CheckReport.to_dict()` (and of `check --output-json`)."""


def _mean(rates: List[float]) -> Optional[float]:
    return round(mean(rates), 4) if rates else None


def _percent(rate: Optional[float]) -> str:
    return "-" if rate is None else f"{100 * rate:.1f}%"


def _scores(prediction: dict) -> str:
    scores = prediction["scores"]
    short = {"negative": "neg", "neutral": "neu", "positive": "pos"}
    return " ".join(f"{short.get(label, label)} {value:.2f}" for label, value in scores.items())


def _code(text: str) -> str:
    """Inline Markdown code that survives backticks and pipes in the text."""
    text = text.replace("|", "\\|")
    return f"`` {text} ``" if "`" in text else f"`{text}`"


@dataclass
class CheckReport:
    """The results of `run_checks` on one model."""

    model: str
    labels: List[str]
    label_map: Dict[str, str]
    suite: Suite
    settings: Settings
    results: List[TestResult]

    def capability_rates(self) -> Dict[str, float]:
        """Mean failure rate over each capability's tests, in suite order."""
        by_capability: Dict[str, List[float]] = {}
        for result in self.results:
            by_capability.setdefault(result.capability, []).append(result.failure_rate)
        return {capability: _mean(rates) for capability, rates in by_capability.items()}

    def summary(self) -> dict:
        """Mean failure rates over all tests, negation tests, identity-term (fairness) tests and each type."""
        rates = [r.failure_rate for r in self.results]
        return {
            "n_tests": len(self.results),
            "n_cases": sum(r.n_cases for r in self.results),
            "n_failures": sum(r.n_failures for r in self.results),
            "mean_failure_rate": _mean(rates),
            "negation_failure_rate": _mean([r.failure_rate for r in self.results if r.capability == NEGATION]),
            "identity_failure_rate": _mean([r.failure_rate for r in self.results if r.capability == FAIRNESS]),
            "failure_rate_by_type": {
                t.value: _mean([r.failure_rate for r in self.results if r.type == t]) for t in TestType
            },
        }

    def worst(self, n: int = 5) -> List[TestResult]:
        """The ``n`` tests with the highest failure rates (suite order on ties)."""
        return sorted(self.results, key=lambda r: -r.failure_rate)[:n]

    def to_dict(self) -> dict:
        """Everything in the report, with a stable layout (`SCHEMA_VERSION`)."""
        counts = Counter(result.capability for result in self.results)
        return {
            "schema_version": SCHEMA_VERSION,
            "suite": {"version": self.suite.version, "seed": self.suite.seed, **self.suite.summary()},
            "model": {"name": self.model, "labels": list(self.labels), "label_map": dict(self.label_map)},
            "settings": {
                "inv_tolerance": self.settings.inv_tolerance,
                "dir_tolerance": self.settings.dir_tolerance,
                "failure_rules": self.settings.rules(),
            },
            "summary": self.summary(),
            "capabilities": [
                {"capability": c, "n_tests": counts[c], "mean_failure_rate": rate}
                for c, rate in self.capability_rates().items()
            ],
            "tests": [result.to_dict() for result in self.results],
        }

    def to_markdown(self) -> str:
        """A Markdown report: summary, capabilities, every test, example failures."""
        s = self.summary()
        suite = self.suite.summary()
        lines = [
            f"# Behavioural check: {self.model}",
            "",
            f"Suite version {self.suite.version}, seed {self.suite.seed}: {suite['n_tests']} tests, "
            f"{suite['n_cases']} cases, {suite['n_texts']} distinct texts. A case fails when:",
            "",
            *[f"- **{t}**: {rule}" for t, rule in self.settings.rules().items()],
            "",
            "## Summary",
            "",
            "| figure | mean failure rate |",
            "|---|---:|",
            f"| all tests | {_percent(s['mean_failure_rate'])} |",
            f"| negation tests | {_percent(s['negation_failure_rate'])} |",
            f"| identity-term invariance tests | {_percent(s['identity_failure_rate'])} |",
            *[f"| {t} tests | {_percent(rate)} |" for t, rate in s["failure_rate_by_type"].items()],
            "",
            "## Capabilities",
            "",
            "| capability | mean failure rate |",
            "|---|---:|",
            *[f"| {c} | {_percent(rate)} |" for c, rate in self.capability_rates().items()],
            "",
            "## Tests",
            "",
            "| test | capability | type | cases | failures | failure rate | description |",
            "|---|---|---|---:|---:|---:|---|",
            *[
                f"| {r.name} | {r.capability} | {r.type.value} | {r.n_cases} | {r.n_failures} | "
                f"{_percent(r.failure_rate)} | {r.description.replace('|', chr(92) + '|')} |"
                for r in self.results
            ],
            "",
            "## Example failures",
        ]
        for result in self.results:
            if result.examples:
                lines += ["", f"### {result.name} ({result.type.value}, {_percent(result.failure_rate)})", ""]
                lines += [_markdown_example(example) for example in result.examples]
        return "\n".join(lines) + "\n"

    def to_text(self, n_worst: int = 5) -> str:
        """A plain-text table for a terminal: every test, then the summary figures."""
        width = max([len(r.name) for r in self.results] + [4])
        cap_width = max([len(r.capability) for r in self.results] + [10])
        header = f"{'test':<{width}}  {'capability':<{cap_width}}  type  {'cases':>5}  {'fail':>5}  {'rate':>6}"
        lines = [f"Behavioural check of {self.model} (suite {self.suite.version}, seed {self.suite.seed})", "",
                 header, "-" * len(header)]
        for r in self.results:
            lines.append(
                f"{r.name:<{width}}  {r.capability:<{cap_width}}  {r.type.value:<4}  {r.n_cases:>5}  "
                f"{r.n_failures:>5}  {_percent(r.failure_rate):>6}"
            )
        s = self.summary()
        lines += ["", "By capability: " + ", ".join(f"{c} {_percent(v)}" for c, v in self.capability_rates().items())]
        lines += [
            f"Mean failure rate: {_percent(s['mean_failure_rate'])} over {s['n_tests']} tests "
            f"(negation {_percent(s['negation_failure_rate'])}, identity terms {_percent(s['identity_failure_rate'])})",
            "Worst: " + ", ".join(f"{r.name} {_percent(r.failure_rate)}" for r in self.worst(n_worst)),
        ]
        return "\n".join(lines) + "\n"


def _markdown_example(example: dict) -> str:
    """One failure: the text(s), what was expected and what the model said."""
    texts, predictions = example["texts"], example["predictions"]
    if len(texts) == 1:
        p = predictions[0]
        return f"- {_code(texts[0])}: expected {example['expected']}, got **{p['label']}** ({_scores(p)})"
    first = predictions[0]
    shown = [i for i, p in enumerate(predictions) if i and p["label"] != first["label"]][:1] or [1]
    parts = [f"{_code(texts[0])} **{first['label']}** ({_scores(first)})"]
    parts += [f"{_code(texts[i])} **{predictions[i]['label']}** ({_scores(predictions[i])})" for i in shown]
    return f"- {' → '.join(parts)}; expected {example['expected']}"
