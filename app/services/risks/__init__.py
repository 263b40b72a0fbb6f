"""«500+» (ФИОКО): the risk factors (`factors`), a school's risk profile by year (`profiles`) with the Kurator data beside
each factor (`evidence`), its concept and programs whose measures are events of the school's roadmap (`programs`,
`roadmap_link`, `progress`), the Excel sheet of factor/level rows (`importing`), the district's risk map (`risk_map`)
and its chart data (`chart_data`), and who may change a school's profile (`access`).

Import the module that holds a function: `from app.services.risks.profiles import save_profile`.
"""
