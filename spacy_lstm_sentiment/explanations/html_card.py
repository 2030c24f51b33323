"""One doc's card on the explanation page: its label and probabilities, its sentences' scores and
its tokens shaded by their attribution to the card's label. Every piece of text is escaped."""
from dataclasses import dataclass
from html import escape
from typing import Any, List, Mapping, Optional, Sequence, Union

from spacy.tokens import Doc, Span, Token

from .. import labels
from .explain_docs import ATTRIBUTION_TOTALS
from .html_style import label_colour, shade_class


@dataclass(frozen=True)
class DocExtras:
    """What the caller knows about a doc beyond the model: shown on its card.

    id: the post's id (shown as `#id`); gold: its gold label (a card whose gold label is not the
    predicted one is marked); badges: short flags such as "error" or "sarcasm"; note: a line of text.
    """

    id: Optional[Union[str, int]] = None
    gold: Optional[str] = None
    badges: Sequence[str] = ()
    note: Optional[str] = None

    def __post_init__(self) -> None:
        badges = (self.badges,) if isinstance(self.badges, str) else tuple(self.badges)
        object.__setattr__(self, "badges", badges)  # a lone string is one badge, not one per character

    @classmethod
    def of(cls, value: Union[None, "DocExtras", Mapping[str, Any]]) -> "DocExtras":
        """Extras from None, a DocExtras or a mapping with the field names (other keys are an error)."""
        if value is None:
            return cls()
        if isinstance(value, DocExtras):
            return value
        if isinstance(value, Mapping):
            return cls(**value)
        raise TypeError(f"extras must be None, a DocExtras or a mapping, not {type(value).__name__}")


def predicted_label(doc: Doc) -> Optional[str]:
    return labels.top_label(doc.cats)


def shown_label(doc: Doc, label: Optional[str]) -> Optional[str]:
    """The label a card's shading is for: `label` if given, else the doc's predicted label."""
    return label if label is not None else predicted_label(doc)


def attribution_of(token: Token, label: Optional[str]) -> Optional[float]:
    """The token's attribution to `label`, None when the token was not explained (for that label)."""
    values = token._.attribution
    if not values or label is None or label not in values:
        return None
    return float(values[label])


def is_explained(doc: Doc, label: Optional[str]) -> bool:
    return any(attribution_of(token, label) is not None for token in doc)


def is_mismatch(gold: Optional[str], predicted: Optional[str]) -> bool:
    """A gold label and a prediction that differ (nothing to compare when either is missing)."""
    return gold is not None and predicted is not None and gold != predicted


def signed(value: float, digits: int = 3) -> str:
    """`+0.123` / `−0.123` (a true minus sign), for scores read side by side."""
    text = f"{abs(value):.{digits}f}"
    return ("−" if value < 0 and float(text) != 0 else "+") + text


def render_card(doc: Doc, index: int, extras: DocExtras, label: Optional[str], scale: float) -> str:
    """The card of `doc` (the `index`-th on the page), shaded on the page-wide `scale`; the extensions it
    reads are registered by `render_html`, its caller."""
    predicted = predicted_label(doc)
    target = shown_label(doc, label)
    mismatch = is_mismatch(extras.gold, predicted)
    side = _tags(doc, predicted, extras) + _probabilities(doc)
    if extras.note:
        side += f'<div class="note">{escape(extras.note)}</div>'
    body = _caption(doc, target) + _text(doc, target, scale) + _totals(doc, target)
    return (
        f'<article class="card{" mismatch" if mismatch else ""}" id="doc-{index}">'
        f'<div class="side">{side}</div><div class="body">{body}</div></article>'
    )


def badge(text: str, colour: Optional[str] = None, variant: str = "") -> str:
    style = f' style="--c:{colour}"' if colour else ""
    classes = f"badge {variant}".strip()
    return f'<span class="{classes}"{style}>{escape(text)}</span>'


def _tags(doc: Doc, predicted: Optional[str], extras: DocExtras) -> str:
    """The id, predicted label and polarity on one line; the gold label and flags on the next."""
    first = [f'<span class="docid">#{escape(str(extras.id))}</span>'] if extras.id is not None else []
    first.append(badge(predicted, label_colour(predicted)) if predicted else badge("not scored", variant="plain"))
    first.append(_polarity(doc, "polarity"))
    second = [badge(f"gold: {extras.gold}", label_colour(extras.gold), "outline")] if extras.gold is not None else []
    second.extend(badge(text, variant="flag") for text in extras.badges)
    rows = [first] + ([second] if second else [])
    return "".join(f'<div class="tags">{"".join(row)}</div>' for row in rows)


def _caption(doc: Doc, target: Optional[str]) -> str:
    if not doc.text.strip():
        return ""
    if not is_explained(doc, target):
        return '<div class="caption">not explained</div>'
    return f'<div class="caption">attribution to <b>{escape(target)}</b></div>'


def _probabilities(doc: Doc) -> str:
    if not doc.cats:
        return ""
    rows = []
    for name, probability in doc.cats.items():
        share = max(0.0, min(1.0, float(probability)))
        rows.append(
            f"<span>{escape(name)}</span>"
            f'<span class="bar"><span style="width:{share * 100:.1f}%;--c:{label_colour(name)}"></span></span>'
            f'<span class="num">{share * 100:.1f}%</span>'
        )
    return f'<div class="probs">{"".join(rows)}</div>'


def _polarity(doc_or_span: Union[Doc, Span], prefix: str = "") -> str:
    value = doc_or_span._.polarity
    if value is None:
        return ""
    text = f"{prefix} {signed(value, 2)}".strip()
    return f'<span class="polarity">{escape(text)}</span>'


def _text(doc: Doc, target: Optional[str], scale: float) -> str:
    if not doc.text.strip():
        return '<div class="text empty">(empty post)</div>'
    if not doc.has_annotation("SENT_START"):
        return f'<div class="text">{_tokens(doc, target, scale)}</div>'
    rows = []
    for sentence in doc.sents:
        sentiment = sentence._.sentiment
        tag = badge(sentiment, label_colour(sentiment)) if sentiment else badge("not scored", variant="plain")
        rows.append(
            f'<div class="sent">{tag}{_polarity(sentence) or "<span></span>"}'
            f'<div class="text">{_tokens(sentence, target, scale)}</div></div>'
        )
    return f'<div class="sents">{"".join(rows)}</div>'


def _tokens(tokens: Union[Doc, Span], target: Optional[str], scale: float) -> str:
    parts: List[str] = []
    for token in tokens:
        value = attribution_of(token, target)
        text = escape(token.text)
        if value is None:  # whitespace tokens are model input too: shaded like any other
            parts.append(text)
        else:
            hover = escape(_hover(token, target))
            parts.append(f'<span class="{shade_class(value, scale)}" title="{hover}">{text}</span>')
        parts.append(escape(token.whitespace_))
    return "".join(parts)


def _hover(token: Token, target: str) -> str:
    values = token._.attribution
    others = " · ".join(f"{name} {signed(float(value))}" for name, value in values.items() if name != target)
    return f"{signed(float(values[target]))} to {target}" + (f" ({others})" if others else "")


def _totals(doc: Doc, target: Optional[str]) -> str:
    """Sum of the shown attributions next to what they explain: logit minus baseline."""
    totals = doc.user_data.get(ATTRIBUTION_TOTALS)
    if not totals or target is None or target not in totals.get("logits", {}):
        return ""
    logit, baseline = float(totals["logits"][target]), float(totals["baseline"][target])
    summed = sum(value for value in (attribution_of(token, target) for token in doc) if value is not None)
    return (
        f'<div class="totals" title="token attributions add up to the centered logit minus the baseline\'s">'
        f"Σ tokens {signed(summed)} · logit {signed(logit)} − baseline {signed(baseline)} = {signed(logit - baseline)}"
        "</div>"
    )
