"""Word pools for generated training posts: our own lists, kept apart from the `check` suite's.

Each pool is a tuple of phrases; `{...}` slots in templates name a pool. Polar words are everyday
English that a reader rates the same way in any domain (no sarcasm, no domain-bound words like
"delayed"), so a generated post's label follows from what it says.
"""

THINGS = (
    "phone", "laptop", "headphones", "camera", "jacket", "sofa", "coffee maker", "bike", "tablet", "watch",
    "backpack", "charger", "printer", "blender", "keyboard", "speaker", "mattress", "vacuum", "game", "app",
    "update", "album", "song", "movie", "show", "series", "book", "novel", "podcast", "concert", "festival",
    "restaurant", "pizza", "burger", "coffee", "sandwich", "salad", "hotel", "room", "gym", "class", "course",
    "teacher", "doctor", "dentist", "store", "shop", "delivery", "order", "package", "team", "game last night",
    "match", "trip", "vacation", "beach", "park", "museum", "apartment", "neighborhood", "car", "bus", "train",
    "website", "service", "support team", "haircut", "weekend", "day", "morning", "party", "wedding", "date",
)
PEOPLE = (
    "my sister", "my brother", "my mom", "my dad", "my neighbor", "my boss", "my roommate", "my friend",
    "my coworker", "the new teacher", "our waiter", "the driver", "the nurse", "the coach", "my grandma",
)
NAMES = (
    "Maria", "James", "Aisha", "Chen", "Olga", "Diego", "Priya", "Tom", "Fatima", "Lucas", "Yuki", "Kwame",
    "Sofia", "Ahmed", "Emma", "Raj", "Hannah", "Mateo", "Leila", "Noah", "Ingrid", "Tariq", "Grace", "Ivan",
)
PLACES = (
    "Chicago", "Lagos", "Berlin", "Mumbai", "Toronto", "Lima", "Seoul", "Cairo", "Madrid", "Denver", "Manila",
    "Nairobi", "Osaka", "Dublin", "Austin", "Istanbul", "Hanoi", "Oslo", "Sydney", "Bogota", "Leeds", "Warsaw",
)
IDENTITIES = (
    "Black", "white", "Asian", "Latino", "Hispanic", "Arab", "Jewish", "Muslim", "Christian", "Hindu",
    "Buddhist", "Sikh", "atheist", "gay", "lesbian", "straight", "bisexual", "trans", "Mexican", "Nigerian",
    "Indian", "Chinese", "Irish", "Italian", "Russian", "Iranian", "Korean", "Brazilian", "Pakistani", "French",
)
IDENTITY_NOUNS = ("woman", "man", "person", "student", "teacher", "guy", "girl", "family", "couple", "neighbor")
POSITIVE_ADJECTIVES = (
    "great", "amazing", "excellent", "wonderful", "fantastic", "awesome", "lovely", "perfect", "brilliant",
    "delightful", "superb", "outstanding", "fun", "beautiful", "enjoyable", "impressive", "charming", "pleasant",
    "terrific", "fabulous", "incredible", "solid", "nice", "good", "cool", "sweet", "friendly", "helpful",
)
NEGATIVE_ADJECTIVES = (
    "terrible", "awful", "horrible", "bad", "disappointing", "dreadful", "useless", "annoying", "boring",
    "frustrating", "ugly", "poor", "lousy", "pathetic", "miserable", "broken", "unpleasant", "disgusting",
    "rude", "painful", "mediocre", "worthless", "stupid", "sad", "horrendous", "atrocious", "unbearable",
)
POSITIVE_VERBS = ("love", "adore", "enjoy", "like", "really like", "am in love with", "can't get enough of")
NEGATIVE_VERBS = ("hate", "dislike", "can't stand", "despise", "regret buying", "am sick of", "loathe")
PLAIN_POSITIVE_VERBS = ("love", "like", "enjoy", "adore")
PLAIN_NEGATIVE_VERBS = ("hate", "dislike", "despise", "loathe")
POSITIVE_CLAUSES = (
    "it made my day", "I would recommend it to anyone", "best decision I've made all year", "worth every penny",
    "I'm so happy with it", "can't wait to go back", "it exceeded my expectations", "highly recommended",
    "totally worth it", "it works like a charm", "such a pleasant surprise", "five stars from me",
)
NEGATIVE_CLAUSES = (
    "what a waste of money", "never again", "it ruined my evening", "I want a refund", "avoid at all costs",
    "such a letdown", "I'm so disappointed", "it broke after two days", "complete waste of time",
    "one star is too generous", "I regret it already", "it was a nightmare",
)
EVENTS = (
    "the meeting", "the game", "the concert", "my flight", "the webinar", "the interview", "class", "the show",
    "the party", "the match", "the conference call", "the appointment", "the parade", "the lecture",
)
TIMES = ("3pm", "9am", "noon", "7:30", "10 am", "6 tonight", "8:15", "midnight", "5 pm", "11:45")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "tomorrow", "next week")
VENUES = ("the library", "the station", "the office", "city hall", "the airport", "the mall", "room 204",
          "the main hall", "the stadium", "the community center")
POSITIVE_EMOJI = (
    "😍", "😊", "😀", "😁", "🥰", "👍", "❤️", "🙌", "😄", "🎉", "💯", "👏", "😃", "🤩", "💕", "✨",
    ":)", ":-)", ":D", "<3", ";)", ";-)", "=)", ":P", "(:", "^^", "xD",
)
NEGATIVE_EMOJI = (
    "😡", "😠", "😞", "😢", "👎", "🤬", "😤", "💔", "😩", "🙄", "😒", "😖", "😣", "😫",
    ":(", ":-(", ">:(", ":'(", ":/", ":-/", "=(", "D:", "):",
)
INTENSIFIERS = ("really", "so", "very", "super", "incredibly", "extremely", "absolutely")
CASUAL_OPENERS = ("", "", "", "honestly ", "ok so ", "tbh ", "just saying, ", "update: ", "well ")
NEGATIVE_NOUNS = (
    "problems", "issues", "complaints", "bugs", "hiccups", "delays", "regrets", "headaches", "drama",
    "trouble", "glitches", "surprises", "hidden fees",
)
YES_ANSWERS = ("yes", "yep, totally", "absolutely", "100%", "oh yes", "yes, yes and yes", "definitely", "yup")
NO_ANSWERS = ("no", "nope", "not at all", "not really", "nah", "no, sadly", "no way", "hell no", "absolutely not")
COLOURS = ("red", "green", "blue", "black", "silver", "yellow", "grey")
