"""The user guide: its chapters in resources/guide (Markdown of a small, fixed subset) with the parts generated from
the program's own data (the indicators' definitions, the ИСБ method, the kinds of Excel files), read into blocks
(`document`), shown in the window as HTML (`html`) and exported as a PDF (`pdf`)."""
