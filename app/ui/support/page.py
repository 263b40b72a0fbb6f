"""Адресная поддержка inside the Мероприятия page: recommendations (at the district), support actions, best
practices."""

TABS = (
    ("Адресные рекомендации", "recommendation"), ("Адресная помощь", "support_action"),
    ("Банк лучших практик", "practice"),
)
SCHOOL_TABS = TABS[1:]
