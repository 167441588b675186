"""Format readers behind :mod:`geonews.articles`: HTML pages, CSV tables, RSS/Atom feeds,
text encodings and dates.

They are leaves: strings or bytes in, plain records (dicts with ``text``,
``title``, ``url``, ``date``, ``id``…) out, and :class:`~geonews.errors.ArticleReadError`
for problems. :mod:`geonews.articles` turns the records into articles.
"""
