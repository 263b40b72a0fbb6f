"""Reference lists: the closed vocabularies of the domain, as code → Russian label.

Codes are stored in the database (and checked there); labels are what the user sees.
"""

from types import MappingProxyType


def _ref(*pairs: tuple[str, str]) -> MappingProxyType:
    return MappingProxyType(dict(pairs))


INSTALLATION_KINDS = _ref(("district", "Муниципальный орган управления образованием"), ("school", "Образовательная организация"))

SCHOOL_KINDS = _ref(
    ("СОШ", "Средняя общеобразовательная школа"),
    ("ООШ", "Основная общеобразовательная школа"),
    ("НОШ", "Начальная общеобразовательная школа"),
    ("гимназия", "Гимназия"),
    ("лицей", "Лицей"),
    ("СОШ с УИОП", "СОШ с углублённым изучением отдельных предметов"),
    ("школа-интернат", "Школа-интернат"),
    ("ЦО", "Центр образования"),
)

LOCALITIES = _ref(("urban", "городская"), ("rural", "сельская"))

CONTEXT_TYPES = _ref(  # seeds/001 §V
    ("deprived_urban", "Депривированная городская школа"),
    ("deprived_rural", "Депривированная сельская школа"),
    ("small_rural", "Сельская малокомплектная школа"),
)

SCHOOL_STATUSES = _ref(
    ("shnor", "ШНОР"),
    ("shnsu", "ШНСУ"),
    ("500plus", "«500+»"),
    ("resilient", "Резильентная"),
    ("mentor", "Школа-наставник"),
)

POSITIONS = _ref(
    ("director", "Директор"),
    ("deputy_uvr", "Заместитель директора по УВР"),
    ("deputy_vr", "Заместитель директора по ВР"),
    ("teacher", "Учитель"),
    ("primary_teacher", "Учитель начальных классов"),
    ("psychologist", "Педагог-психолог"),
    ("speech_therapist", "Учитель-логопед"),
    ("defectologist", "Учитель-дефектолог"),
    ("social_pedagogue", "Социальный педагог"),
    ("tutor", "Тьютор"),
    ("organizer", "Педагог-организатор"),
    ("additional_ed", "Педагог дополнительного образования"),
    ("librarian", "Педагог-библиотекарь"),
    ("advisor", "Советник директора по воспитанию"),
)
LEADER_POSITIONS = frozenset({"director", "deputy_uvr", "deputy_vr"})

SUBJECTS = _ref(*((s, s) for s in (
    "Русский язык", "Литература", "Родной язык", "Математика", "Алгебра", "Геометрия", "Информатика",
    "Физика", "Химия", "Биология", "География", "История", "Обществознание", "Английский язык",
    "Немецкий язык", "Французский язык", "Окружающий мир", "Начальные классы", "Музыка", "Изобразительное искусство",
    "Технология", "Физическая культура", "ОБЗР", "Астрономия", "Экономика", "Право",
)))

QUALIFICATION_CATEGORIES = _ref(
    ("none", "Без категории"),
    ("conformity", "Соответствие занимаемой должности"),
    ("first", "Первая"),
    ("highest", "Высшая"),
)

DIAGNOSTIC_KINDS = _ref(
    ("subject", "Предметные компетенции"),
    ("methodical", "Методические компетенции"),
    ("managerial", "Управленческие компетенции"),
    ("functional_literacy", "Функциональная грамотность"),
)

ROUTE_STATUSES = _ref(("draft", "Разрабатывается"), ("active", "Реализуется"), ("done", "Завершён"), ("cancelled", "Отменён"))

COURSE_KINDS = _ref(("kpk", "Курсы повышения квалификации"), ("retraining", "Профессиональная переподготовка"), ("internship", "Стажировка"))
COURSE_FORMATS = _ref(("full_time", "Очно"), ("distance", "Дистанционно"), ("blended", "Очно-заочно"))
COURSE_TOPICS = _ref(
    ("management", "Управление образовательной организацией"),
    ("subject_deficits", "Восполнение предметных дефицитов"),
    ("methodical", "Методика преподавания"),
    ("functional_literacy", "Функциональная грамотность"),
    ("exam_preparation", "Подготовка к ГИА"),
    ("inclusive", "Инклюзивное образование, ОВЗ"),
    ("education_work", "Воспитательная работа"),
    ("digital", "Цифровая образовательная среда"),
)
EXTERNAL_COURSE_STATES = _ref(("proposed", "Предложен району"), ("accepted", "Принят в каталог"))
ENROLLMENT_STATUSES = _ref(("enrolled", "Записан"), ("studying", "Обучается"), ("completed", "Завершил"), ("dropped", "Не завершил"))

METHOD_EVENT_KINDS = _ref(
    ("rmo", "РМО"), ("shmo", "ШМО"), ("seminar", "Семинар"), ("webinar", "Вебинар"),
    ("master_class", "Мастер-класс"), ("landing", "Методический десант"), ("open_lesson", "Открытый урок"),
    ("conference", "Конференция"), ("round_table", "Круглый стол"), ("practicum", "Практикум"),
)
EVENT_LEVELS = _ref(("school", "Школьный"), ("municipal", "Муниципальный"), ("regional", "Региональный"), ("federal", "Федеральный"))
PARTICIPATION_ROLES = _ref(("participant", "Участник"), ("speaker", "Выступающий"), ("organizer", "Организатор"))

PARTNERSHIP_KINDS = _ref(("mentoring", "Наставничество"), ("network", "Сетевое взаимодействие"), ("internship_site", "Стажировочная площадка"))
ASSIGNMENT_KINDS = _ref(("curator", "Куратор"), ("mentor", "Наставник"))

ROADMAP_LEVELS = _ref(("municipal", "Муниципальный уровень"), ("school", "Уровень ОО"))
CHANGE_KINDS = _ref(
    ("added", "добавлено"),
    ("removed", "удалено"),
    ("deadline", "срок перенесён"),
    ("text", "текст изменён"),
    ("moved", "перемещено"),
    ("renumbered", "номер изменён"),
)
EVENT_STATUSES = _ref(
    ("planned", "запланировано"),
    ("in_progress", "в работе"),
    ("done", "выполнено"),
    ("done_late", "выполнено с нарушением срока"),
    ("overdue", "просрочено"),
    ("cancelled", "отменено"),
)
EVIDENCE_KINDS = _ref(("order", "Приказ"), ("minutes", "Протокол"), ("report", "Справка"), ("regulation", "Положение"), ("other", "Другое"))

INDICATOR_METHODS = _ref(("computed", "Вычисляемый"), ("manual", "Вводится вручную"))
DIRECTIONS = _ref(("higher", "Больше — лучше"), ("lower", "Меньше — лучше"))

EXAM_KINDS = _ref(("ЕГЭ", "ЕГЭ (ГИА-11)"), ("ОГЭ", "ОГЭ (ГИА-9)"))
VPR_REFERENCE_LEVELS = _ref(("region", "Регион"), ("country", "Россия"))
OLYMPIAD_LEVELS = _ref(("school", "Школьный"), ("municipal", "Муниципальный"), ("regional", "Региональный"), ("final", "Заключительный"))

RECOMMENDATION_STATUSES = _ref(("open", "К исполнению"), ("in_progress", "Выполняется"), ("done", "Выполнена"), ("cancelled", "Снята"))
ANSWER_STATES = _ref(  # the school's own account of a recommendation (the district keeps its status apart)
    ("accepted", "Принята к исполнению"), ("in_progress", "Выполняется"), ("done", "Выполнена"),
    ("not_done", "Не выполнена"),
)
SUPPORT_KINDS = _ref(
    ("consultation", "Консультация"), ("visit", "Методический выезд"), ("landing", "Методический десант"),
    ("lesson_visit", "Посещение уроков"), ("training", "Обучение"), ("resources", "Ресурсная поддержка"),
)
PRACTICE_AREAS = _ref(
    ("management", "Управление"), ("teaching", "Преподавание"), ("education_work", "Воспитание"),
    ("parents", "Работа с родителями"), ("network", "Сетевое взаимодействие"), ("risk_group", "Работа с «группой риска»"),
)
PACKET_DIRECTIONS = _ref(("in", "Получен"), ("out", "Отправлен"))

RISK_LEVELS = _ref(("high", "высокий"), ("medium", "средний"), ("low", "низкий"), ("none", "не выявлен"))
RISK_SOURCES = _ref(("manual", "Введён вручную"), ("excel", "Загружен из Excel"))
RISK_PROGRAM_KINDS = _ref(
    ("concept", "Концепция развития"),
    ("medium_term", "Среднесрочная программа развития"),
    ("anti_risk", "Антирисковая программа"),
)
RISK_EVIDENCE = _ref(  # the Kurator data that bear on a risk factor (app.services.risks.evidence)
    ("staffing", "Укомплектованность кадрами (штатное расписание)"),
    ("at_risk_pupils", "Доля обучающихся «группы риска» (социальный паспорт)"),
    ("diagnostics", "Дефициты по итогам диагностики педагогов"),
    ("courses", "Охват педагогов курсами повышения квалификации"),
    ("non_native", "Доля обучающихся, для которых русский язык не родной (социальный паспорт)"),
)

# A school's data the district collects each year, section by section (the submissions table, DHIS2's data sets).
SUBMISSION_SECTIONS = _ref(
    ("staff", "Кадры"), ("passport", "Социальный паспорт"), ("results", "Результаты"),
    ("roadmap", "Дорожная карта"), ("answers", "Ответы на рекомендации"),
)
SUBMISSION_STATES = _ref(
    ("missing", "нет данных"), ("received", "получено"), ("accepted", "принято"),
    ("returned", "возвращено на доработку"),
)
STATUS_DECISIONS = _ref(("kept", "Оставлен"), ("changed", "Изменён"), ("dropped", "Снят"))
