"""What a school installation does with its own year: the overview's summary (`summary`), the sign-off checklist
(`checklist`), its answers to the district's recommendations (`answers`), courses its teachers took outside the
district's catalogue (`external_courses`, which the district may accept into the catalogue)."""
