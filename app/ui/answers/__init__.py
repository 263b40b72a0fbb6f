"""The school's answers to the district's recommendations: the page where a school answers, the answer dialog."""
