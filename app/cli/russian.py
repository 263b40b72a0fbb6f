"""argparse speaks Russian: its own texts («usage:», «positional arguments», «options», «-h» and every error it prints)
come through two module-level functions, `_` and `ngettext`, which `install()` replaces with lookups in the tables
below (argparse reads them at call time). A text without a translation stays as argparse wrote it."""

import argparse

TEXTS = {
    "usage: ": "использование: ",
    "positional arguments": "аргументы",
    "options": "параметры",
    "show this help message and exit": "показать эту справку и выйти",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "непонятные аргументы: %s",
    "the following arguments are required: %s": "не хватает обязательных аргументов: %s",
    "one of the arguments %s is required": "нужен один из аргументов: %s",
    "not allowed with argument %s": "нельзя вместе с аргументом %s",
    "ignored explicit argument %r": "лишнее значение аргумента: %r",
    "expected one argument": "нужно одно значение",
    "expected at most one argument": "нужно не больше одного значения",
    "expected at least one argument": "нужно хотя бы одно значение",
    "ambiguous option: %(option)s could match %(matches)s": "неоднозначный параметр %(option)s: подходят %(matches)s",
    "unexpected option string: %s": "неожиданный параметр: %s",
    "invalid %(type)s value: %(value)r": "неверное значение: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "неверный выбор: %(value)r (можно: %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
    "can't open '%(filename)s': %(error)s": "не удалось открыть «%(filename)s»: %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "неизвестная команда %(parser_name)r (можно: %(choices)s)",
}
# singular → the three Russian forms (one, few, many)
PLURALS = {
    "expected %s argument": ("нужно %s значение", "нужно %s значения", "нужно %s значений"),
}
VERSION_HELP = "показать версию программы и выйти"
# the placeholder of a value in «использование:» when a parameter names none itself (argparse would write DEST)
METAVARS = {
    "year": "ГОД", "to_year": "ГОД", "name": "НАЗВАНИЕ", "title": "НАЗВАНИЕ", "table": "ТАБЛИЦА", "version": "ВЕРСИЯ",
    "deadline": "СРОК", "responsible": "ОТВЕТСТВЕННЫЙ", "result": "РЕЗУЛЬТАТ", "note": "ПРИМЕЧАНИЕ", "number": "НОМЕР",
    "date": "ДАТА", "order": "ПРИКАЗ", "basis": "ОСНОВАНИЕ", "seed": "ЧИСЛО", "db": "ФАЙЛ", "out": "ФАЙЛ",
    "file": "ФАЙЛ", "code": "КОД", "school": "КОД", "kind": "ВИД", "text": "ТЕКСТ",
}
ANY_VALUE = "ЗНАЧЕНИЕ"


def translate(text: str) -> str:
    return TEXTS.get(text, text)


def translate_plural(singular: str, plural: str, n: int) -> str:
    forms = PLURALS.get(singular)
    if forms is None:
        return singular if n == 1 else plural
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def optional_metavar(_formatter, action: argparse.Action) -> str:
    return METAVARS.get(action.dest, ANY_VALUE)


def positional_metavar(_formatter, action: argparse.Action) -> str:
    return METAVARS.get(action.dest, ANY_VALUE)


def install() -> None:
    """From now on argparse prints its texts in Russian, the placeholders of values too (ГОД, not YEAR)."""
    argparse._ = translate
    argparse.ngettext = translate_plural
    argparse.HelpFormatter._get_default_metavar_for_optional = optional_metavar
    argparse.HelpFormatter._get_default_metavar_for_positional = positional_metavar
