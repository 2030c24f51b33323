"""Named entities that must not matter: person names, places, numbers and brand names swapped."""
import random
from typing import Callable, Sequence

from ..generate import TestSpec
from ..types import INVCase, TestType
from ..wordlists.facts import CITIES
from ..wordlists.people import AIRLINES, CAFES, CAR_BRANDS, NAMES, TECH_BRANDS

CAPABILITY = "entities"
ORDER = 12
VARIANTS = 5
"""Texts per case: the original and four swaps."""

NAME_TEMPLATES = (
    "Went to the movies with {x} last night, the film was fantastic.",
    "{x} and I waited three hours for our luggage. Awful.",
    "{x} is picking me up at the airport at 6.",
    "{x} recommended this hotel and the room was spotless!",
    "Had dinner with {x}, the food was bland and overpriced.",
    "{x} sent me the schedule for next week.",
    "Thanks {x} for the birthday cake, it was delicious!",
    "{x}'s flight got cancelled again, what a mess.",
    "{x} works at the library on Main Street.",
    "Can't wait to see {x} this weekend!",
    "{x} fixed my laptop in ten minutes, total lifesaver.",
    "Stuck in traffic with {x} for two hours, miserable.",
    "Meeting {x} at the cafe on Friday.",
    "{x} said the app keeps crashing for them too, so annoying.",
)
PLACE_TEMPLATES = (
    "Just landed in {x}, the crew was wonderful.",
    "Our hotel in {x} was filthy and the staff didn't care.",
    "I'm moving to {x} in May.",
    "Best tacos I've ever had were in {x}!",
    "My train to {x} was cancelled and nobody told us. Terrible.",
    "The conference is in {x} this year.",
    "Loved every minute of our trip to {x}.",
    "Lost my wallet in {x}, worst start to a vacation.",
    "My cousin just got a job in {x}.",
    "The flight from {x} was smooth and on time, great job.",
    "Two hour delay leaving {x}, so frustrating.",
    "Checking the weather in {x} for next week.",
)
NUMBER_TEMPLATES = (
    ("Flight {x} was delayed again, so frustrating.", 3),
    ("Room {x} had a broken shower and nobody fixed it.", 3),
    ("Order #{x} arrived early and well packed, great service!", 5),
    ("My ticket number is {x}.", 6),
    ("Seat {x}A had so much legroom, loved it.", 2),
    ("Bus {x} was on time every day this week, nice.", 2),
    ("Episode {x} was the best one of the season!", 1),
    ("Called support this morning and ticket #{x} is still not solved. Useless.", 5),
    ("The pharmacy is at {x} Main Street.", 3),
    ("Table {x} got their food before us even though we ordered first. Annoying.", 2),
    ("Gate {x} is at the far end of the terminal.", 2),
    ("Loved the view from room {x}!", 3),
)
BRAND_TEMPLATES = (
    ("Flew {x} to Denver and the crew was lovely.", AIRLINES),
    ("{x} lost my bag again.", AIRLINES),
    ("Booked a flight with {x} for March.", AIRLINES),
    ("Thank you {x} for the upgrade, amazing!", AIRLINES),
    ("My {x} phone died after a week, so frustrating.", TECH_BRANDS),
    ("Just got a new {x} laptop, fast and quiet, love it.", TECH_BRANDS),
    ("The {x} store at the mall opens at 10.", TECH_BRANDS),
    ("Test drove a {x} today, smooth and comfortable.", CAR_BRANDS),
    ("My {x} broke down on the highway again.", CAR_BRANDS),
    ("My neighbor bought a {x}.", CAR_BRANDS),
    ("Grabbed a coffee at {x} before work.", CAFES),
    ("{x} got my order wrong twice this week.", CAFES),
    ("The new seasonal drink at {x} is delicious!", CAFES),
)


def _group(template: str, values: Sequence[str]) -> INVCase:
    return INVCase(tuple(template.format(x=value) for value in values))


def _swap(templates: Sequence[str], values: Sequence[str]) -> Callable[[random.Random], INVCase]:
    return lambda rng: _group(rng.choice(templates), rng.sample(values, VARIANTS))


def _number(rng: random.Random) -> INVCase:
    template, digits = rng.choice(NUMBER_TEMPLATES)
    low = 1 if digits == 1 else 10 ** (digits - 1)
    numbers = rng.sample(range(low, 10**digits), VARIANTS)
    return _group(template, [str(n) for n in numbers])


def _brand(rng: random.Random) -> INVCase:
    template, brands = rng.choice(BRAND_TEMPLATES)
    return _group(template, rng.sample(brands, VARIANTS))


SPECS = tuple(
    TestSpec(name, CAPABILITY, TestType.INV, make, description, n=150)
    for name, make, description in (
        ("person_names", _swap(NAME_TEMPLATES, NAMES), "The same post with five different first names."),
        ("locations", _swap(PLACE_TEMPLATES, CITIES), "The same post with five different cities."),
        ("numbers", _number, "The same post with five different flight, room, order or ticket numbers."),
        ("brand_names", _brand, "The same post with five different airlines, tech, car or coffee brands."),
    )
)
