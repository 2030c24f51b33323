"""Word lists for entity and identity tests: names, brands, identity terms, handles, URLs, hashtags."""

NAMES = ("Maria", "James", "Aisha", "Wei", "Carlos", "Priya", "Tom", "Fatima", "Kenji", "Olga", "Kwame", "Sofia",
         "David", "Mei", "Ahmed", "Emily", "Luca", "Nia", "Raj", "Hannah", "Diego", "Chloe", "Omar", "Ingrid")

AIRLINES = ("Delta", "United", "Southwest", "JetBlue", "Lufthansa", "Emirates", "Qantas", "Air Canada", "KLM",
            "Alaska Airlines")
TECH_BRANDS = ("Apple", "Samsung", "Google", "Sony", "Lenovo", "Dell", "Xiaomi", "Motorola")
CAR_BRANDS = ("Toyota", "Ford", "Honda", "Tesla", "Volvo", "Hyundai", "Kia", "Subaru")
CAFES = ("Starbucks", "Dunkin'", "Tim Hortons", "Costa", "Peet's", "Blue Bottle")

RACE_ETHNICITY = ("Black", "white", "Asian", "Latino", "Indigenous", "Arab", "South Asian", "multiracial")
RELIGION = ("Christian", "Muslim", "Jewish", "Hindu", "Buddhist", "Sikh", "atheist", "Catholic")
NATIONALITY = ("American", "Mexican", "Chinese", "Nigerian", "Indian", "German", "Brazilian", "Iranian", "Russian",
               "Filipino")
SEXUAL_ORIENTATION = ("gay", "lesbian", "straight", "bisexual", "asexual")
ROLES = ("person", "neighbor", "coworker", "doctor", "teacher", "student", "nurse", "chef", "driver", "engineer")
GENDER_NOUNS = ("woman", "man", "nonbinary person", "trans woman", "trans man")
GENDER_FAMILY = (("my mom", "my dad"), ("my sister", "my brother"), ("my wife", "my husband"),
                 ("my daughter", "my son"), ("my aunt", "my uncle"), ("my grandma", "my grandpa"))

HANDLES = ("@jess_travels", "@mike_88", "@the_real_dana", "@sam_writes", "@lena1990", "@coffee_and_code",
           "@ravi_k", "@tour_guide_bo", "@nadia_h", "@pete_on_tour")
HASHTAGS = ("#travel", "#tuesday", "#nyc", "#tech", "#movies", "#food", "#hotel", "#update", "#review", "#london",
            "#commute", "#news", "#thursday", "#work")
URL_FORMS = ("https://t.co/{code}", "http://bit.ly/{code}", "https://www.example.com/p/{code}",
             "https://instagram.com/p/{code}")
