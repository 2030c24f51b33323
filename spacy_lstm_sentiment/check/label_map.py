"""Finding the model's negative / neutral / positive labels, under whatever names it uses."""
from typing import Dict, Mapping, Optional, Sequence

from ..errors import LabelError
from ..labels import DEFAULT_LABELS

ALIASES = {
    "negative": ("negative", "neg"),
    "neutral": ("neutral", "neu", "neut"),
    "positive": ("positive", "pos"),
}
"""Model labels recognised without a label map (compared case-insensitively)."""



def parse_label_map(text: str) -> Dict[str, str]:
    """ "NEG=negative,NEU=neutral,POS=positive" -> {"NEG": "negative", ...} (model label = suite label)."""
    mapping: Dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        model_label, sep, ours = (s.strip() for s in item.partition("="))
        if not sep or not model_label or ours not in DEFAULT_LABELS:
            raise LabelError(f"expected MODEL_LABEL=negative|neutral|positive, got {item!r}")
        if model_label in mapping:
            raise LabelError(f"the model label {model_label!r} is mapped twice")
        mapping[model_label] = ours
    return mapping


def resolve_label_map(model_labels: Sequence[str], label_map: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """{model label: negative|neutral|positive} for the three labels the suite needs; other labels may exist.

    Without ``label_map``, labels match by name, case-insensitively, or by a short alias (neg, neu, pos).
    """
    labels = list(model_labels)
    if label_map:
        unknown = [label for label in label_map if label not in labels]
        if unknown:
            raise LabelError(f"--label-map names {unknown}, which the model does not have (its labels: {labels})")
        mapping = dict(label_map)
    else:
        mapping = {}
        for ours, aliases in ALIASES.items():
            found = [label for label in labels if label.lower() in aliases]
            if len(found) == 1:
                mapping[found[0]] = ours
    missing = [ours for ours in DEFAULT_LABELS if ours not in mapping.values()]
    doubled = sorted({ours for ours in mapping.values() if list(mapping.values()).count(ours) > 1})
    if missing or doubled:
        problems = [f"no label for {', '.join(missing)}"] * bool(missing)
        problems += [f"several labels for {', '.join(doubled)}"] * bool(doubled)
        raise LabelError(
            f"the model's labels {labels} need one each for negative, neutral and positive ({'; '.join(problems)}); "
            "pass --label-map MODEL_LABEL=negative,MODEL_LABEL=neutral,MODEL_LABEL=positive"
        )
    clashes = [label for label in labels if label in DEFAULT_LABELS and label not in mapping]
    if clashes:
        raise LabelError(f"the model label(s) {clashes} would be confused with the mapped labels; map them instead")
    return mapping


def rename_scores(cats: Mapping[str, float], mapping: Mapping[str, str]) -> Dict[str, float]:
    """The model's scores under the suite's names (unmapped extra labels keep theirs)."""
    return {mapping.get(label, label): float(score) for label, score in cats.items()}
