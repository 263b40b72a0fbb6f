"""Submissions and approval (DHIS2's data approval, offline): each school's sections of yearly data — кадры, паспорт,
результаты, дорожная карта, ответы на рекомендации — where their records live (`sections`), their state and the
district's decisions (`states`: accept, return with a comment, open again; an accepted section of a closed year is
locked against later packets). `school_sections(session, school, year)` is what a school's checklist shows."""
