"""My opinion against others': the author's opinion decides."""
from ..generate import TestSpec
from ..sentences import polar_templates
from ..types import TestType

CAPABILITY = "opinion"
ORDER = 6

MINE_NEGATIVE = (
    "Some people say {n} {is} {pos}, but I think {it} {is} {neg}.",
    "My friends loved {n}, but I hated {them}.",
    "My sister thinks {n} {is} {pos}. I think {it} {is} {neg}.",
    "Reviews called {n} {pos}, but I found {them} {neg}.",
    "Everyone raves about {n}, but honestly I didn't like {them} at all.",
)
MINE_POSITIVE = (
    "Everyone complains about {n}, but I think {it} {is} {pos}.",
    "Reviews said {n} {was} {neg}, but I found {them} {pos}.",
    "People keep saying {n} {is} {neg}. I disagree, I think {it} {is} {pos}.",
    "My friends hated {n}, but I loved {them}.",
    "My brother thinks {n} {is} {neg}, but I really like {them}.",
)

SPECS = (
    TestSpec("others_vs_mine", CAPABILITY, TestType.MFT, polar_templates(MINE_POSITIVE, MINE_NEGATIVE),
             "Other people's opinion against the author's ('people say X is great, but I think it's awful') -> "
             "the author's opinion decides."),
)
