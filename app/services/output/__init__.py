"""What Kurator writes for people: PDF documents (`pdf`), charts as pictures (`charts`, the one module with Qt in the
services), Russian number and date formatting (`ru_format`) and files written whole or not at all (`atomic_write`)."""
