"""The explanation page's look: its inline stylesheet, the label colours and the attribution scale.

Shading is a diverging scale of `SHADE_LEVELS` steps each way: blue towards the card's label,
orange against it (colour-blind safe, and apart from the red/green of the label badges).
"""
from typing import Dict, Tuple

SHADE_LEVELS = 5
TOWARDS_COLOURS = ("#dbeafe", "#bfdbfe", "#93c5fd", "#60a5fa", "#3b82f6")
AGAINST_COLOURS = ("#ffedd5", "#fed7aa", "#fdba74", "#fb923c", "#f97316")

LABEL_COLOURS: Dict[str, str] = {"negative": "#dc4c64", "neutral": "#7b8794", "positive": "#2f9e68"}
_OTHER_LABEL_COLOURS: Tuple[str, ...] = ("#8e6bbf", "#c27c0e", "#2b8a9e", "#b5477d", "#5c6ac4")


def label_colour(label: str) -> str:
    """A badge colour for a label: fixed for the default labels, stable for any other name."""
    if label in LABEL_COLOURS:
        return LABEL_COLOURS[label]
    return _OTHER_LABEL_COLOURS[sum(map(ord, label)) % len(_OTHER_LABEL_COLOURS)]


def shade_class(value: float, scale: float) -> str:
    """The token class for an attribution: `att up{n}` / `att down{n}` (n in 1..SHADE_LEVELS), or
    `att zero` below half a step."""
    level = min(SHADE_LEVELS, round(abs(value) / scale * SHADE_LEVELS)) if scale > 0 else 0
    if level == 0:
        return "att zero"
    return f"att {'up' if value > 0 else 'down'}{level}"


def _shade_rules() -> str:
    rules = []
    for level in range(1, SHADE_LEVELS + 1):
        rules.append(f".up{level}{{background:{TOWARDS_COLOURS[level - 1]}}}")
        rules.append(f".down{level}{{background:{AGAINST_COLOURS[level - 1]}}}")
    return "\n".join(rules)


STYLESHEET = (
    """
*{box-sizing:border-box}
body{margin:0;padding:2rem 2.5rem;background:#f4f5f7;color:#1f2933;font-size:15px;line-height:1.5;
 font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif,
 'Apple Color Emoji','Segoe UI Emoji'}
header{display:flex;flex-wrap:wrap;gap:1rem 2.5rem;align-items:flex-end;justify-content:space-between;
 margin-bottom:1.5rem;padding-bottom:1.25rem;border-bottom:1px solid #dde1e6}
h1{margin:0 0 .35rem;font-size:1.5rem;font-weight:650;letter-spacing:-.01em}
.summary{display:flex;flex-wrap:wrap;gap:.35rem;align-items:center;color:#52606d;font-size:.9rem}
.summary .count{margin:0 .25rem}
.summary .count:first-child{margin-left:0}
.legend{font-size:.8rem;color:#52606d;min-width:22rem}
.legend .scale{display:flex;margin:.3rem 0 .15rem;border-radius:.35em;overflow:hidden}
.legend .scale span{flex:1;height:.9rem}
.legend .ends{display:grid;grid-template-columns:1fr auto 1fr;font-variant-numeric:tabular-nums}
.legend .ends span:last-child{text-align:right}
.legend .towards{color:#1d5fd1;font-weight:650}
.legend .against{color:#c2530a;font-weight:650}
.badge{display:inline-block;padding:.15em .6em;border-radius:.35em;background:var(--c);color:#fff;
 font-size:.78rem;font-weight:700;line-height:1.4;letter-spacing:.02em;white-space:nowrap}
.badge.outline{background:none;color:var(--c);box-shadow:inset 0 0 0 1.5px var(--c)}
.badge.plain{background:#e4e7eb;color:#3e4c59}
.badge.flag{background:#fde8ec;color:#b42340}
.cards{display:flex;flex-direction:column;gap:.75rem}
.card{display:grid;grid-template-columns:15rem 1fr;gap:1.25rem;padding:.9rem 1.1rem;background:#fff;
 border-radius:.5rem;box-shadow:0 1px 2px rgba(31,41,51,.08),0 0 0 1px rgba(31,41,51,.05)}
.card.mismatch{box-shadow:inset 4px 0 0 #dc4c64,0 1px 2px rgba(31,41,51,.08),0 0 0 1px rgba(31,41,51,.05)}
.side{display:flex;flex-direction:column;gap:.4rem}
.tags{display:flex;flex-wrap:wrap;gap:.35rem;align-items:center}
.tags .polarity{margin-left:auto}
.docid{font:600 .78rem ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#7b8794}
.probs{display:grid;grid-template-columns:4.6rem 1fr 2.6rem;gap:.05rem .45rem;align-items:center;font-size:.72rem;
 color:#52606d;font-variant-numeric:tabular-nums}
.probs .bar{height:.45rem;background:#eef0f3;border-radius:.25rem;overflow:hidden}
.probs .bar span{display:block;height:100%;background:var(--c);border-radius:.25rem}
.probs .num{text-align:right}
.polarity{font-size:.75rem;color:#52606d;font-variant-numeric:tabular-nums}
.note{font-size:.8rem;color:#52606d;font-style:italic}
.body{min-width:0}
.caption b{color:#3e4c59}
.caption{font-size:.72rem;color:#7b8794;text-transform:uppercase;letter-spacing:.05em;margin-bottom:.2rem}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:1rem;line-height:1.9}
.sents{display:flex;flex-direction:column;gap:.2rem}
.sent{display:grid;grid-template-columns:4.9rem 2.9rem 1fr;gap:.5rem;align-items:baseline;padding:.1rem 0;
 border-top:1px dashed #e4e7eb}
.sent:first-child{border-top:none}
.sent .badge{font-size:.68rem;justify-self:start}
.sent .polarity{text-align:right}
.att{border-radius:.3em;padding:.1em .08em;color:#0b1220}
.att.zero{box-shadow:inset 0 -1px 0 #d5dae0}
.totals{margin-top:.35rem;font:.72rem ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#7b8794}
.empty{color:#9aa5b1;font-style:italic}
@media (max-width:760px){.card{grid-template-columns:1fr}body{padding:1rem}}
"""
    + _shade_rules()
)
