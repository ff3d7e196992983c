"""Every interface word stagegraph writes, in English, Korean and Japanese — one folder for
translators: the text outputs of the terminal (``terminal``), the relationship page
(``relationships``) and the website's chrome and SPARQL page (``website``). Names and facts
come from the data; only headings, buttons, captions and messages live here."""
