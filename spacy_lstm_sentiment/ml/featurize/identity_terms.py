"""Identity terms a model can be made blind to: race and ethnicity, religion, nationality, sexual
orientation and gender identity (our own English list, lowercase, as spaCy's NORM gives them).

With `blind_identity_terms = true` every one of these tokens is read as one placeholder token, in
every feature (embeddings, n-grams, vectors, lexicon), so a prediction cannot depend on which
group a post names: "a Muslim teacher" and "a Hindu teacher" get the same scores. The labelled
corpus names these groups rarely and mostly in news the annotators marked negative, so a model that
reads them learns the groups themselves as negative or positive.
"""
from typing import FrozenSet

RACE_AND_ETHNICITY = """
black white asian hispanic latino latina latinx latine indigenous aboriginal native biracial multiracial
caucasian african arab arabic jewish roma romani
"""
RELIGION = """
christian christians muslim muslims jew jews jewish hindu hindus buddhist buddhists sikh sikhs atheist atheists
agnostic catholic catholics protestant protestants mormon evangelical orthodox islamic hindi shinto taoist
"""
SEXUAL_ORIENTATION_AND_GENDER_IDENTITY = """
gay gays lesbian lesbians bisexual bi straight heterosexual homosexual asexual pansexual queer lgbt lgbtq
lgbtqia trans transgender nonbinary non-binary cisgender cis intersex
"""
NATIONALITY = """
american americans mexican mexicans canadian canadians brazilian argentinian argentine chilean colombian peruvian
venezuelan cuban haitian jamaican dominican puerto rican guatemalan salvadoran honduran ecuadorian bolivian
british english scottish welsh irish french german germans italian italians spanish portuguese dutch belgian swiss
austrian swedish norwegian danish finnish icelandic polish czech slovak hungarian romanian bulgarian greek
turkish serbian croatian bosnian albanian ukrainian russian russians belarusian lithuanian latvian estonian
georgian armenian azerbaijani kazakh uzbek afghan pakistani pakistanis indian indians bangladeshi nepali sri
lankan chinese japanese korean vietnamese thai filipino filipina indonesian malaysian singaporean burmese
cambodian mongolian taiwanese tibetan iranian iranians iraqi syrian lebanese jordanian palestinian israeli
israelis saudi yemeni emirati egyptian moroccan algerian tunisian libyan sudanese ethiopian somali kenyan
nigerian nigerians ghanaian senegalese congolese ugandan tanzanian rwandan zimbabwean south african
australian australians kiwi samoan fijian
"""
# "sri", "lankan", "puerto", "rican", "south", "african" read as parts of demonyms too: keep only the
# unambiguous ones as single tokens
_NOT_ALONE = {"sri", "puerto", "south"}


def identity_terms() -> FrozenSet[str]:
    """Every listed term, lowercase."""
    words = " ".join([RACE_AND_ETHNICITY, RELIGION, SEXUAL_ORIENTATION_AND_GENDER_IDENTITY, NATIONALITY]).split()
    return frozenset(word for word in words if word not in _NOT_ALONE)
