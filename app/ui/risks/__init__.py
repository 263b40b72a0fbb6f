"""«Риски «500+»»: a school's risk profile and programs, the district's risk map and the list of risk factors."""
