"""Press conventions shared by French and English text: honorifics, nobility abbreviations, show times.

    >>> "Mgr" in HONORIFICS
    True
"""

from __future__ import annotations

#: Honorifics before a person's name, written with or without a dot ("M. Daru", "Mr Bush").
HONORIFICS = ("M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Dr", "Mgr", "Mr", "Mrs", "Ms")
#: Honorifics before a title of nobility ("M. le marquis de", "S. Exc. le comte de").
NOBLE_HONORIFICS = ("M", "MM", r"S\.\s*Exc")
#: Abbreviated titles of nobility ("Vte de Chevilly").
NOBILITY_ABBREVIATIONS = ("Vte", "Vtesse", "Cte", "Ctesse", "Mis", "Bon")
#: What follows a venue in an entertainment listing: a show time ("8 h. 30", "8.30") or no show.
SHOW_TIME = r"(?:\d{1,2}\s*h\b|(?:1[0-2]|0?[1-9])[.,][0-5][05]\b|Relâche\b|Rel\.)"
#: Abbreviations whose dot does not end a sentence ("M. Daru", "Dr. Who", "52 av. J.-C.", "Fort St. John",
#: "Mt. Vernon").
SENTENCE_ABBREVIATIONS = ("M", "MM", "Mme", "Mlle", "Dr", "St", "Ste", "Mt", "Ft", "Mr", "Mrs", "Ms", "Jr", "Sr",
                          "Prof", "Gen", "Gén", "Col", "Lt", "vs", "etc", "p", "av", "J.-C")
#: Other languages' connectors inside place names ("Frankfurt am Main").
NAME_CONNECTORS = ("am", "an")
#: The Arabic article as French and English copy transliterates it, hyphened to the word it defines: it joins
#: the words on either side into one name ("Bab el-Tebbaneh", "Ras al-Khaimah", "Deir ez-Zor").
ARABIC_ARTICLES = ("al", "el", "ad", "ed", "ar", "er", "as", "es", "ash", "ech", "at", "et", "az", "ez", "an", "en",
                   "ul")
