"""Analytics over the district's schools: the ЕГЭ/ОГЭ table, ИСБ and the result index, ШНОР/ШНСУ selection and status
decisions (`selection`), the overview's key figures (`overview`) and the plain data the charts draw (`chart_data`)."""
