"""The district's register through Excel: schools (code, names, settlement, context, pupils, director, «Точка роста»)
and their statuses by year (ШНОР, ШНСУ, «500+»… with the basis)."""

import re

from app.models.reference import CONTEXT_TYPES, LOCALITIES, SCHOOL_KINDS, SCHOOL_STATUSES
from app.services.excel import Column

from .rows import RowValues
from .spec import ImportKind, ImportSheet

# The type of a school from its name, the first match wins: «МКОУ СОШ с.п. Урожайное» is a СОШ.
KIND_IN_NAME: tuple[tuple[str, str], ...] = (
    (r"\bс\s*уиоп\b|углубл[её]нн", "СОШ с УИОП"), (r"интернат", "школа-интернат"), (r"гимнази", "гимназия"),
    (r"лице[йя]", "лицей"), (r"\bсош\b|средняя общеобразовательная", "СОШ"),
    (r"\bоош\b|основная общеобразовательная", "ООШ"), (r"\bнош\b|начальная общеобразовательная", "НОШ"),
    (r"\bцо\b|центр образования", "ЦО"),
)
# Whether a school is urban or rural from how a settlement is written in its name or address: «г. Терек»,
# «с.п. Урожайное», «ст-ца Зольская».
_BEFORE, _AFTER = r"(?:^|[\s,«\"(])", r"\s*[А-ЯЁ]"
URBAN = re.compile(_BEFORE + r"(?:г\.|город|гор\.)" + _AFTER)
RURAL = re.compile(_BEFORE + r"(?:с\.\s*п\.|с\.|село|пос\.|п\.|пос[её]лок|ст-ца|станица|ст\.|х\.|хутор|аул|д\.|"
                   r"деревня)" + _AFTER)


def _derived_kind(name: str) -> str | None:
    text = name.lower().replace("ё", "е")
    return next((kind for pattern, kind in KIND_IN_NAME if re.search(pattern, text)), None)


def _derived_locality(*texts: str | None) -> str | None:
    for text in filter(None, texts):
        if URBAN.search(text):
            return "urban"
        if RURAL.search(text):
            return "rural"
    return None


def _prepare_school(row: RowValues) -> None:
    """A new school's type and locality, when the file leaves them out, from its name and settlement."""
    name = row.cells.get("name") or ""
    if row.cells.get("kind") is None and (kind := _derived_kind(name)):
        row.defaults["kind"] = kind
    if row.cells.get("locality") is None:
        locality = _derived_locality(row.cells.get("settlement"), name, row.cells.get("address"))
        if locality:
            row.defaults["locality"] = locality


def _labelled(key: str, title: str, labels: dict, help: str, *synonyms: str,
              aliases: tuple[tuple[str, str], ...] = ()) -> Column:
    return Column(key, title, "choice", choices=tuple(labels.values()), help=help, width=22, synonyms=synonyms,
                  aliases=aliases)


SCHOOLS = ImportSheet(
    "schools", "Школы", "school", school=False, year=False, key_fields=("code",), prepare=_prepare_school,
    labels={"kind": dict(SCHOOL_KINDS), "locality": dict(LOCALITIES), "context_type": dict(CONTEXT_TYPES)},
    instructions="Одна строка — одна школа. Школа узнаётся по коду: загрузка того же файла ничего не меняет, "
                 "изменённые сведения обновляются. Тип и местность, если их нет, определяются по наименованию и "
                 "населённому пункту («СОШ», «с.п. …» — сельская, «г. …» — городская).",
    columns=(
        Column("code", "Код школы", "text", required=True, width=14, help="Код образовательной организации.",
               synonyms=("код оо", "код образовательной организации", "код учреждения", "код")),
        Column("name", "Полное наименование", "text", required=True, width=48,
               help="Полное наименование по уставу.",
               synonyms=("наименование", "наименование оо", "полное наименование оо", "наименование школы",
                         "наименование образовательной организации", "образовательная организация", "школа")),
        Column("short_name", "Краткое наименование", "text", width=28,
               synonyms=("сокращенное наименование", "краткое наименование оо")),
        _labelled("kind", "Тип", dict(SCHOOL_KINDS), "СОШ, ООШ, НОШ, гимназия, лицей…", "тип оо", "тип школы",
                  "вид оо", aliases=tuple((code, label) for code, label in SCHOOL_KINDS.items())),
        Column("settlement", "Населённый пункт", "text", width=22, synonyms=("нп", "поселение", "населенный пункт")),
        _labelled("locality", "Местность", dict(LOCALITIES), "Городская или сельская.", "тип местности",
                  "городская сельская", aliases=(("город", "городская"), ("село", "сельская"))),
        _labelled("context_type", "Контекст", dict(CONTEXT_TYPES), "Тип социального контекста (как в разделе V Программы: школы, включённые по контекстным данным).",
                  "тип контекста", "социальный контекст", "контекст школы",
                  aliases=(("малокомплектная", "Сельская малокомплектная школа"),
                           ("депривированная городская", "Депривированная городская школа"),
                           ("депривированная сельская", "Депривированная сельская школа"))),
        Column("pupils", "Обучающихся", "int", min=0, max=10000, width=12,
               synonyms=("количество обучающихся", "число обучающихся", "численность обучающихся",
                         "всего обучающихся", "контингент")),
        Column("director", "Директор", "text", width=28,
               synonyms=("фио директора", "руководитель", "руководитель оо", "директор школы")),
        Column("growth_point_opened", "«Точка роста» открыта", "date", width=16,
               help="Дата открытия центра «Точка роста», если он есть.",
               synonyms=("точка роста", "центр точка роста", "дата открытия точки роста")),
        Column("address", "Адрес", "text", width=36, synonyms=("юридический адрес", "фактический адрес")),
        Column("phone", "Телефон", "text", width=16),
        Column("email", "Электронная почта", "text", width=24, synonyms=("email", "e-mail", "эл. почта")),
    ),
)

STATUSES = ImportSheet(
    "statuses", "Статусы", "school_status", labels={"status": dict(SCHOOL_STATUSES)},
    instructions="Одна строка — один статус одной школы в году (ШНОР, ШНСУ, «500+», резильентная, школа-наставник) "
                 "с основанием: приказ, критерии отбора.",
    columns=(
        _labelled("status", "Статус", dict(SCHOOL_STATUSES), "ШНОР, ШНСУ, «500+», резильентная, школа-наставник.",
                  "статус школы", "статус оо", aliases=(("500+", "«500+»"), ("500 +", "«500+»"),
                                                        ("резильентная школа", "Резильентная"),
                                                        ("наставник", "Школа-наставник"))),
        Column("decided_on", "Дата решения", "date", width=14, synonyms=("дата приказа", "решение от")),
        Column("basis", "Основание", "text", width=48,
               synonyms=("основание (приказ, критерии)", "приказ", "реквизиты приказа", "критерии")),
    ),
)

KINDS = (
    ImportKind("schools", "Реестр школ", "Реестр школ", (SCHOOLS,), "коды, наименования, тип и контекст, «Точка роста»",
               ("school",)),
    ImportKind("statuses", "Статусы школ", "Статусы школ по годам", (STATUSES,), "ШНОР, ШНСУ, «500+»… по годам с основанием",
               ("school_status", "school")),
)
