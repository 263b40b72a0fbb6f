"""The Результаты page: exam, ВПР, graduation and olympiad results, social passports; Excel template and import."""
