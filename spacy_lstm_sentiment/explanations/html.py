"""`render_html(docs)`: one self-contained HTML page (inline CSS, no script, nothing fetched) that
shows scored and explained docs as cards, for reading hundreds of posts and their attributions.

    docs = list(explain(nlp, texts))
    page = render_html(docs, extras=[{"id": 7, "gold": "negative", "badges": ["error"]}, ...])
"""
import itertools
from collections import Counter
from html import escape
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Union

from spacy.tokens import Doc

from ..pipeline.extensions import register_extensions
from .html_card import (
    DocExtras,
    attribution_of,
    badge,
    is_explained,
    is_mismatch,
    predicted_label,
    render_card,
    shown_label,
    signed,
)
from .html_style import AGAINST_COLOURS, STYLESHEET, TOWARDS_COLOURS, label_colour

__all__ = ["DocExtras", "render_html"]

ExtrasLike = Union[None, DocExtras, Mapping[str, Any]]
SCALE_QUANTILE = 0.95
"""Without a given `scale`, full shading is at this quantile of the page's |attributions| (so one
outlier token does not wash out every other card); tokens beyond it get the strongest shade."""


def render_html(
    docs: Iterable[Doc],
    *,
    title: str = "Sentiment explanations",
    label: Optional[str] = None,
    max_docs: Optional[int] = None,
    extras: Optional[Sequence[ExtrasLike]] = None,
    scale: Optional[float] = None,
) -> str:
    """The page for `docs` (scored; explained by `explain` for the shading), in their order.

    label: shade every card by its tokens' attribution to this label (default: each doc's predicted label).
    max_docs: show only the first `max_docs` docs (a generator is not read further).
    extras: one entry per doc, aligned with `docs`: None, a `DocExtras`, or a mapping with its field
        names (`id`, `gold`, `badges`, `note`).
    scale: the |attribution| that gets the strongest shade (default: from the page's values), to
        compare pages on one scale.
    """
    register_extensions()
    if scale is not None and not scale > 0:
        raise ValueError(f"scale must be positive, not {scale}")
    shown = list(docs if max_docs is None else itertools.islice(docs, max_docs))
    known_total = len(docs) if isinstance(docs, Sequence) else (len(shown) if max_docs is None else None)
    card_extras = _aligned_extras(extras, len(shown), known_total)
    if scale is None:
        scale = _page_scale(shown, label)
    total = len(shown) if known_total is None else known_total
    cards = "\n".join(render_card(doc, i, more, label, scale) for i, (doc, more) in enumerate(zip(shown, card_extras)))
    header = f"<div><h1>{escape(title)}</h1>{_summary(shown, card_extras, label, total)}</div>{_legend(scale, label)}"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLESHEET}</style></head>\n"
        f'<body><header>{header}</header>\n<main class="cards">\n{cards}\n</main></body></html>\n'
    )


def _aligned_extras(extras: Optional[Sequence[ExtrasLike]], n_shown: int, n_docs: Optional[int]) -> List[DocExtras]:
    """One DocExtras per shown doc; `extras` must have one entry per doc (`n_docs`, when known)."""
    if extras is None:
        return [DocExtras()] * n_shown
    extras = list(extras)
    if len(extras) < n_shown or (n_docs is not None and len(extras) != n_docs):
        wanted = n_docs if n_docs is not None else f"at least {n_shown}"
        raise ValueError(f"extras has {len(extras)} entries for {wanted} docs: give one per doc (None for none)")
    return [DocExtras.of(value) for value in extras[:n_shown]]


def _page_scale(docs: Sequence[Doc], label: Optional[str]) -> float:
    values = (attribution_of(token, shown_label(doc, label)) for doc in docs for token in doc)
    magnitudes = sorted(abs(value) for value in values if value)
    if not magnitudes:
        return 0.0
    return magnitudes[min(len(magnitudes) - 1, int(SCALE_QUANTILE * len(magnitudes)))]


def _summary(docs: Sequence[Doc], extras: Sequence[DocExtras], label: Optional[str], total: int) -> str:
    counts = Counter(predicted_label(doc) for doc in docs)
    order = list(dict.fromkeys(name for doc in docs for name in doc.cats))
    posts = f"{len(docs)} of {total} posts" if total > len(docs) else f"{len(docs)} post{'' if len(docs) == 1 else 's'}"
    parts = [f'<span class="count">{posts}</span>']
    parts.extend(badge(f"{name} {counts[name]}", label_colour(name)) for name in order if counts[name])
    if counts[None]:
        parts.append(badge(f"not scored {counts[None]}", variant="plain"))
    explained = sum(is_explained(doc, shown_label(doc, label)) for doc in docs)
    parts.append(f'<span class="count">· {explained} explained</span>')
    golds = [(more.gold, predicted_label(doc)) for doc, more in zip(docs, extras) if more.gold is not None]
    if golds:
        wrong = sum(is_mismatch(gold, predicted) for gold, predicted in golds)
        parts.append(f'<span class="count">· gold for {len(golds)}, {wrong} predicted otherwise</span>')
    return f'<div class="summary">{"".join(parts)}</div>'


def _legend(scale: float, label: Optional[str]) -> str:
    target = escape(label) if label is not None else "the predicted label"
    if scale == 0:
        return f'<div class="legend">Token shading: attribution to {target}. No token on this page moves it.</div>'
    steps = [f'<span style="background:{colour}"></span>' for colour in reversed(AGAINST_COLOURS)]
    steps += [f'<span style="background:{colour}"></span>' for colour in TOWARDS_COLOURS]
    return (
        f'<div class="legend"><div>Token shading: contribution to the centered logit of {target}</div>'
        f'<div class="scale">{"".join(steps)}</div>'
        f'<div class="ends"><span><span class="against">against</span> · {signed(-scale)} or less</span><span>0</span>'
        f'<span>{signed(scale)} or more · <span class="towards">towards</span></span></div>'
        "<div>Hover a token for its exact values; unshaded text was not explained.</div></div>"
    )
