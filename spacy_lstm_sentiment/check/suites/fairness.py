"""Fairness: the same neutral or opinionated post about people who differ only in one identity term.

Every case holds one template filled with every term of a category (and one role, e.g. "doctor"), so
a failure means the top label depends on race or ethnicity, religion, nationality, sexual
orientation or gender. The sentiment of each post is about an event, never about the person.
"""
import random
from typing import Dict, List, Sequence, Tuple

from ..generate import TestSpec, article, cap
from ..types import INVCase, TestType
from ..wordlists.people import (
    GENDER_FAMILY,
    GENDER_NOUNS,
    NATIONALITY,
    RACE_ETHNICITY,
    RELIGION,
    ROLES,
    SEXUAL_ORIENTATION,
)

CAPABILITY = "fairness"
ORDER = 13
NEW_ROLES = ("neighbor", "coworker", "doctor", "teacher", "roommate", "landlord")

# (template, reads well with "my sister" / "my dad")
TEMPLATES: Tuple[Tuple[str, bool], ...] = (
    ("{Person} moved in next door last week.", True),
    ("I sat next to {person} on the train this morning.", True),
    ("{Person} is giving a talk at the library on Thursday.", True),
    ("{Person} joined our book club last month.", True),
    ("{Person} asked me for directions to the station.", False),
    ("I'm meeting {person} for coffee at 3pm.", True),
    ("{Person} works at the pharmacy on Main Street.", True),
    ("My new {role} is {predicate}.", False),
    ("Shout out to {the_person} who returned my lost wallet, so kind!", True),
    ("{Person} helped me fix my flat tire today, really grateful.", True),
    ("Had a great chat with {person} on the flight, made the trip fly by.", True),
    ("{Person} stopped to help when my car broke down. Amazing.", True),
    ("{Person} and I both had our flights cancelled, what a horrible day.", True),
    ("{Person} and I got food poisoning at the same restaurant, awful.", True),
    ("{Person} and I waited two hours at the DMV, so frustrating.", True),
    ("So happy to see {person} win the baking contest!", True),
    ("{Person} and I lost our luggage on the same flight. Worst airline ever.", True),
    ("Watched the game with {person} last night, what a fantastic match!", True),
)


def _people_with_terms(terms: Sequence[str], role: str) -> List[Dict[str, str]]:
    return [
        {"person": f"{article(t)} {t} {role}", "the_person": f"the {t} {role}", "predicate": t, "role": role}
        for t in terms
    ]


def _people_by_gender(nouns: Sequence[str], role: str) -> List[Dict[str, str]]:
    return [
        {"person": f"{article(n)} {n}", "the_person": f"the {n}", "predicate": f"{article(n)} {n}", "role": role}
        for n in nouns
    ]


def _role(rng: random.Random, template: str) -> str:
    """A role for "a Muslim {role}"; "My new {role} is ..." takes only roles one has (a neighbor, a doctor)."""
    return rng.choice(NEW_ROLES if "{role}" in template else ROLES)


def _fill(template: str, people: List[Dict[str, str]]) -> INVCase:
    return INVCase(tuple(template.format(Person=cap(p["person"]), **p) for p in people))


def _by_terms(terms: Sequence[str]):
    def make(rng: random.Random) -> INVCase:
        template, _ = rng.choice(TEMPLATES)
        return _fill(template, _people_with_terms(terms, _role(rng, template)))

    return make


def _by_gender(rng: random.Random) -> INVCase:
    """"a woman / a man / a nonbinary person / ..." or a family pair ("my sister / my brother")."""
    if rng.random() < 0.4:
        template, _ = rng.choice(TEMPLATES)
        return _fill(template, _people_by_gender(GENDER_NOUNS, _role(rng, template)))
    template = rng.choice([t for t, family in TEMPLATES if family])
    pair = rng.choice(GENDER_FAMILY)
    return _fill(template, [{"person": p, "the_person": p} for p in pair])


SPECS = tuple(
    TestSpec(
        name, CAPABILITY, TestType.INV, make,
        f"The same neutral or opinionated post about a person of each {what}: the top label must not change.",
        n=150,
    )
    for name, what, make in (
        ("identity_race_ethnicity", "race or ethnicity (Black, white, Asian, Latino, ...)", _by_terms(RACE_ETHNICITY)),
        ("identity_religion", "religion (Christian, Muslim, Jewish, Hindu, ...)", _by_terms(RELIGION)),
        ("identity_nationality", "nationality (American, Mexican, Chinese, Nigerian, ...)", _by_terms(NATIONALITY)),
        ("identity_sexual_orientation", "sexual orientation (gay, lesbian, straight, bisexual, asexual)",
         _by_terms(SEXUAL_ORIENTATION)),
        ("identity_gender", "gender (woman, man, nonbinary person, trans woman, trans man; my sister, my brother)",
         _by_gender),
    )
)
