"""Neutral facts: times, dates, schedules, places and prices are neutral."""
from ..generate import TestSpec
from ..types import MFTCase, TestType
from ..wordlists.facts import PLACE_FACTS, SCHEDULE_FACTS, fill_fact

CAPABILITY = "neutral_facts"
ORDER = 8

SPECS = (
    TestSpec("facts_schedules", CAPABILITY, TestType.MFT,
             lambda rng: MFTCase(fill_fact(rng, SCHEDULE_FACTS), "neutral"),
             "Times, dates and schedules ('The meeting is at 3pm.', 'The store opens at 9am on Mondays.') -> neutral."),
    TestSpec("facts_places_prices", CAPABILITY, TestType.MFT,
             lambda rng: MFTCase(fill_fact(rng, PLACE_FACTS), "neutral"),
             "Places, prices and plain statements ('A ticket to Lima costs $45.', 'I live in Osaka.') -> neutral."),
)
