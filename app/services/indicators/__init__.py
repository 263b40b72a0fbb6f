"""Program indicators: the catalogue with targets and values (`catalogue`), the measures computed indicators are built
from (`measures`), and standardised exam results with their year-over-year dynamics (`dynamics`)."""
