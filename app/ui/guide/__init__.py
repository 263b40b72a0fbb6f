"""The user guide's window: contents, search and the text, opened by F1 (at the page's chapter) and from «Справка»."""
