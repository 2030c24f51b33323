"""Neutral factual statements (times, dates, schedules, places, prices) and the values that fill them."""
import random
from typing import Dict, Sequence

from ..generate import cap

TIMES = ("3pm", "9am", "10:30", "noon", "7:45 pm", "8 o'clock", "11:15 am", "6pm", "2:30", "4 pm")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DATES = ("March 3", "June 21st", "the 14th", "October 2", "May 30", "January 12th", "the first of April",
         "September 9", "December 1st", "August 18")
STREETS = ("Main Street", "Oak Avenue", "5th Avenue", "Market Street", "Elm Road", "Park Lane", "King Street",
           "Harbor Drive", "Cedar Street", "Station Road")
CITIES = ("Chicago", "Lagos", "Mumbai", "Berlin", "Toronto", "Sydney", "Mexico City", "Seoul", "Cairo", "Lisbon",
          "Denver", "Manila", "Nairobi", "Dublin", "Osaka", "Lima", "Warsaw", "Atlanta")
PRICES = ("12", "45", "199", "3.50", "8", "25", "60", "14.99", "120", "30")
SMALL_PRICES = ("2", "3", "4.99", "5", "6", "8", "9.99")
NUMBERS = ("2", "3", "4", "5", "6", "8", "10", "12", "15", "20")
FLIGHTS = ("412", "1187", "306", "2290", "75", "948", "1630", "521")
GATES = ("B12", "C4", "A7", "D22", "E3", "B30", "F9", "A15")
VENUES = ("the library", "the pharmacy", "the post office", "the bank", "the museum", "the gym", "the bakery",
          "the hardware store", "the community center", "the supermarket")

SCHEDULE_FACTS = (
    "The meeting is at {time}.",
    "The store opens at {time} on {day}s.",
    "Flight {flight} to {city} departs at {time}.",
    "My dentist appointment is on {day} at {time}.",
    "{Venue} closes at {time} on {day}s.",
    "The conference starts on {date}.",
    "The next bus comes at {time}.",
    "Class starts at {time} tomorrow.",
    "The package should arrive on {date}.",
    "The concert is on {date} at {time}.",
    "Check-out is at {time}.",
    "The webinar is scheduled for {day} at {time}.",
    "Registration opens on {date}.",
    "Trash pickup is on {day}s.",
    "Boarding for flight {flight} starts at {time} at gate {gate}.",
    "The parent-teacher meeting was moved to {day}.",
    "reminder: team call {day} at {time}",
    "Our lease ends on {date}.",
)

PLACE_FACTS = (
    "{Venue} is on {street}.",
    "A ticket to {city} costs ${price}.",
    "The office moved to {street} last month.",
    "{Venue} is next to the post office.",
    "Parking costs ${small_price} per day.",
    "The app costs ${small_price} a month.",
    "The hotel is {number} miles from the airport.",
    "The store sells shoes, bags and hats.",
    "I live in {city}.",
    "My cousin lives in {city}.",
    "The restaurant is on the corner of {street} and {street2}.",
    "There are {number} rooms on the second floor.",
    "The bus stop is across from {venue}.",
    "The book has {number} chapters.",
    "The phone comes in black and silver.",
    "Our flight has a layover in {city}.",
    "The course has {number} lessons.",
    "{Venue} is a {number} minute walk from the station.",
    "The train from {city} stops at {number} stations.",
    "The menu lists the prices in dollars and euros.",
)

NEUTRAL_QUESTIONS = (
    "What time does {venue} open on {day}?",
    "Is the flight to {city} on time?",
    "How long is the movie?",
    "Does anyone know if the app works on tablets?",
    "Which gate does flight {flight} leave from?",
    "Where is {venue}?",
    "Is there a train from {city} to {city2} on {day}s?",
    "How much is a ticket to {city}?",
    "Has anyone tried the new update yet?",
    "What's the wifi password at the hotel?",
    "Does the hotel have parking?",
    "Is {venue} open on {day}?",
    "Can I change my seat after check-in?",
    "What's the address of {venue}?",
    "Do you know when the next bus to {city} leaves?",
    "Is the meeting at {time} or later?",
    "Which app do you use for the train schedule?",
    "How many chapters does the book have?",
)


def slot_values(rng: random.Random) -> Dict[str, str]:
    """One random value for every slot the fact templates use ({street2} and {city2} differ from the first)."""
    street, street2 = rng.sample(STREETS, 2)
    city, city2 = rng.sample(CITIES, 2)
    venue = rng.choice(VENUES)
    return {
        "time": rng.choice(TIMES), "day": rng.choice(DAYS), "date": rng.choice(DATES), "street": street,
        "street2": street2, "city": city, "city2": city2, "price": rng.choice(PRICES),
        "small_price": rng.choice(SMALL_PRICES), "number": rng.choice(NUMBERS), "flight": rng.choice(FLIGHTS),
        "gate": rng.choice(GATES), "venue": venue, "Venue": cap(venue),
    }


def fill_fact(rng: random.Random, templates: Sequence[str]) -> str:
    """A random template from ``templates`` with random slot values."""
    return rng.choice(templates).format(**slot_values(rng))


def fact(rng: random.Random) -> str:
    """A random neutral statement (schedule or place)."""
    return fill_fact(rng, SCHEDULE_FACTS + PLACE_FACTS)

