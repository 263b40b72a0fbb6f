"""Program indicators: the catalogue with targets and values (`catalogue`), the open choices of each definition
(`choices`) and the periods they are counted over (`periods`), the measures computed indicators are built from
(`measures`), values per school (`per_school`), «Расшифровка» with the values each rule used (`explain`,
`evidence`), people who completed courses (`training`), and standardised exam results with their year-over-year
dynamics (`dynamics`)."""
