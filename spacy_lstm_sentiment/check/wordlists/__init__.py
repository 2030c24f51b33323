"""Word lists the suite's templates are filled from: domains with their nouns and adjectives (`domains`),
people, brands, identity terms and social-media tokens (`people`), and neutral facts (`facts`).
Written for the suite, kept apart from the generated training posts' own pools."""
