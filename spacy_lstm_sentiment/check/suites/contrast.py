"""Contrast: after "but", the second clause decides."""
from ..generate import TestSpec
from ..sentences import polar_templates
from ..types import TestType

CAPABILITY = "contrast"
ORDER = 4

BUT_POSITIVE = (
    "{A} {a_was} a bit {a_neg}, but {b} {b_was} {b_pos}.",
    "{A} could have been better, but {b} {b_was} {b_pos}.",
    "Not a huge fan of {a}, but {b} {b_was} {b_pos}!",
    "{A} {a_was} a little {a_neg}, but honestly {b} {b_was} {b_pos}.",
    "ok {a} {a_was} kind of {a_neg} but {b} {b_was} {b_pos}",
)
BUT_NEGATIVE = (
    "{A} {a_was} {a_mild}, but {b} {b_was} {b_neg}.",
    "I wanted to like {a}, but {b} {b_was} {b_neg}.",
    "{A} {a_was} {a_pos} enough, but {b} {b_was} {b_neg}.",
    "Liked {a}, but {b} {b_was} {b_neg}.",
    "{A} {a_was} fine I guess, but {b} {b_was} {b_neg}.",
)

SPECS = (
    TestSpec("but_then_positive", CAPABILITY, TestType.MFT, polar_templates(BUT_POSITIVE, (), one_noun=False),
             "A mild complaint, then 'but' and strong praise ('the room was a bit noisy, but the staff were "
             "wonderful') -> positive: the clause after 'but' decides."),
    TestSpec("but_then_negative", CAPABILITY, TestType.MFT, polar_templates((), BUT_NEGATIVE, one_noun=False),
             "Mild praise, then 'but' and a strong complaint ('the pool was nice, but the room was filthy') -> "
             "negative."),
)
