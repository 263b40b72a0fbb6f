"""What Kurator writes for people: PDF documents (`pdf`), charts (`charts` builds each kind as plain data, a
`figure`; `painter` draws it with QPainter — the only Qt in the services — on a report's picture or the window's
view; `labels` places a scatter's names), Russian number and date formatting (`ru_format`) and files written whole
or not at all (`atomic_write`)."""
