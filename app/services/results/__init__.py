"""Results and context data (ЕГЭ, ОГЭ, ВПР, выпуск, олимпиады, социальный паспорт) through Excel: the workbook declared
once (`sheets`) and its template and all-or-nothing import (`importing`)."""
