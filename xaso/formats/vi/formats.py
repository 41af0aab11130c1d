"""The site's Vietnamese formats (FORMAT_MODULE_PATH): dates dd/mm/yyyy, times 24 h, numbers
1.500.000,5 — where Django's own `vi` prints "Ngày 02 tháng 11 năm 2025" and "02-11-2025"."""

DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
YEAR_MONTH_FORMAT = "m/Y"
MONTH_DAY_FORMAT = "d/m"
# ISO first: a widget without its own format renders its value with the first one, and an
# <input type="date"> needs ISO; dd/mm/yyyy is read too (never Django's default US month first).
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
