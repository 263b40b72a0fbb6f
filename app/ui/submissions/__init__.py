"""«Приём данных»: the district's table of school × section × year and its decisions."""
