"""English date formats: the day before the month, as the coalitions' documents write them
("5 December 2026"), not the US order Django's own English formats use. Templates name these
formats (|date:"SHORT_DATE_FORMAT"), so other languages get their own order from Django's locale
formats (es: "5 de diciembre de 2026", fr: "5 décembre 2026")."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "l j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
TIME_FORMAT = "H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
