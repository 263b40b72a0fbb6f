"""The «Показатели» page: program indicators with targets and explanations; ИСБ and the choice of ШНОР."""
