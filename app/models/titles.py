"""Russian titles of the tables, as dialogs and messages name them (a packet's contents, a demo removal)."""

TABLE_TITLES: dict[str, str] = {
    "district": "Муниципалитет", "school": "Реестр школ", "school_status": "Статусы школ",
    "social_passport": "Социальные паспорта", "teacher": "Педагоги", "teacher_position": "Должности педагогов",
    "teacher_subject": "Предметы педагогов", "staffing_slot": "Штатное расписание", "diagnostic": "Диагностики",
    "individual_route": "ИОМ педагогов", "course": "Каталог курсов", "enrollment": "Обучение на курсах",
    "method_event": "Методические мероприятия", "participation": "Участие в мероприятиях",
    "partnership": "Сетевое взаимодействие", "assignment": "Кураторы и наставники", "roadmap": "Дорожные карты",
    "roadmap_section": "Разделы дорожных карт", "roadmap_event": "Мероприятия дорожных карт",
    "event_occurrence": "Сроки выполнения мероприятий", "evidence": "Сведения о подтверждающих документах",
    "roadmap_event_school": "Школы мероприятий дорожных карт", "roadmap_correction": "Корректировки дорожных карт",
    "roadmap_change": "Изменения в корректировках дорожных карт",
    "indicator": "Показатели", "indicator_target": "Целевые значения показателей",
    "indicator_value": "Значения показателей", "exam_result": "Результаты ЕГЭ и ОГЭ", "vpr_result": "Результаты ВПР",
    "vpr_reference": "Средние ВПР по региону и России",
    "graduation": "Выпускники", "olympiad_result": "Олимпиады", "recommendation": "Адресные рекомендации",
    "support_action": "Адресная помощь", "practice": "Банк лучших практик",
    "external_course": "Курсы вне каталога района", "recommendation_answer": "Ответы школы на рекомендации",
    "answer_file": "Сведения о файлах к ответам", "district_summary": "Сводка района по школе",
    "risk_factor": "Факторы риска «500+»", "risk_profile": "Профили рисков", "risk_level": "Уровни факторов риска",
    "risk_program": "Концепции и антирисковые программы", "risk_measure": "Мероприятия программ",
    "risk_indicator": "Показатели успешности программ",
    "submission": "Приём данных школ",
}


def table_title(table: str) -> str:
    return TABLE_TITLES.get(table, table)
