"""Адресная поддержка inside the Мероприятия page: recommendations, support actions, best practices."""

TABS = (
    ("Адресные рекомендации", "recommendation"), ("Адресная помощь", "support_action"),
    ("Банк лучших практик", "practice"),
)
