"""Real-world inputs: web pages, CSV, feeds, encodings, size limits, dates (geonews.articles, geonews.readers)."""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path

import pytest

from geonews.articles import ReadOptions, iter_articles
from geonews.errors import ArticleReadError
from geonews.readers.dates import normalize_date
from geonews.readers.html import extract_page

PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Kim à Vostotchny | Le Journal</title>
<meta property="og:title" content="Poutine reçoit Kim à Vostotchny">
<meta property="og:url" content="https://journal.example/kim">
<meta property="og:site_name" content="Le Journal">
<meta property="article:published_time" content="2023-09-13T10:00:00+02:00">
<script>var tracking = "Paris";</script></head>
<body><nav><a href="/">Accueil</a> <a href="/monde">Monde</a> <a href="/sport">Sport</a></nav>
<article><h1>Poutine reçoit Kim à Vostotchny</h1>
<p>Vladimir Poutine a reçu Kim Jong-Un au cosmodrome de Vostotchny, dans la région de l'Amour, mercredi.</p>
<p>Le dirigeant nord-coréen était arrivé en train par la gare de Khassan, à la frontière russe.</p>
</article><footer>© Le Journal, tous droits réservés</footer></body></html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Le Journal - Monde</title><link>https://journal.example/</link>
<language>fr</language>
<item><title>Kim à Vostotchny</title><link>https://journal.example/kim</link><guid>kim-1</guid>
<pubDate>Wed, 13 Sep 2023 08:30:00 +0200</pubDate>
<description>&lt;p&gt;Kim Jong-Un est arrivé à &lt;b&gt;Khassan&lt;/b&gt; en train.&lt;/p&gt;</description></item>
<item><title>Séisme au Maroc</title><link>https://journal.example/maroc</link>
<pubDate>Sat, 09 Sep 2023 23:11:00 GMT</pubDate>
<description>Marrakech et la région d'Al-Haouz touchées.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Agence</title><id>urn:agence</id>
<updated>2023-09-14T12:00:00Z</updated>
<entry><title>Inondations à Derna</title><id>urn:agence:derna</id>
<link href="https://agence.example/derna"/><published>2023-09-12T06:00:00Z</published>
<updated>2023-09-14T12:00:00Z</updated>
<content type="html">&lt;p&gt;La ville de Derna, en Libye, est dévastée.&lt;/p&gt;
&lt;p&gt;Benghazi envoie des secours.&lt;/p&gt;</content>
</entry></feed>
"""


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def read_all(paths: list[str], **kwargs: object) -> tuple[list, list[ArticleReadError]]:
    errors: list[ArticleReadError] = []
    articles = list(iter_articles(paths, on_error=errors.append, **kwargs))  # type: ignore[arg-type]
    return articles, errors


# --------------------------------------------------------------------------- web pages


@pytest.mark.parametrize("use_trafilatura", [True, False])
def test_html_page(tmp_path: Path, use_trafilatura: bool) -> None:
    path = write(tmp_path / "kim.html", PAGE)
    [art], errors = read_all([str(path)], options=ReadOptions(use_trafilatura=use_trafilatura))
    assert errors == []
    assert art.id == "kim"
    assert art.title == "Poutine reçoit Kim à Vostotchny"
    assert art.date == "2023-09-13T10:00:00+02:00"
    assert art.url == "https://journal.example/kim"
    assert art.source == "Le Journal"
    assert art.lang == "fr"
    assert "gare de Khassan" in art.text and "cosmodrome de Vostotchny" in art.text
    assert "Accueil" not in art.text and "tracking" not in art.text and "droits réservés" not in art.text


def test_html_minimal_page_and_declared_charset(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="windows-1252"><title>Besançon</title></head>'
        "<body><p>Le maire de Besançon.</p></body></html>"
    )
    path = write(tmp_path / "b.htm", html.encode("cp1252"))
    [art] = iter_articles([str(path)], options=ReadOptions(use_trafilatura=False))
    assert art.title == "Besançon"
    assert art.text == "Le maire de Besançon."
    assert (art.url, art.date, art.source) == (None, None, str(path))


def test_html_without_text_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.html", "<html><head><title>x</title></head><body></body></html>")
    arts, errors = read_all([str(path)])
    assert arts == [] and "without any text" in errors[0].reason


def test_extract_page_date_from_time_element() -> None:
    page = extract_page('<p>Texte à Lyon.</p><time datetime="2023-09-13">13 sept.</time>', use_trafilatura=False)
    assert page.date == "2023-09-13"


# --------------------------------------------------------------------------- CSV


def test_csv_custom_columns_and_bad_row(tmp_path: Path) -> None:
    content = (
        "ref;headline;body;link;published\n"
        '1;Kim à Vostotchny;"Le train, parti de Pyongyang,\narrive à Khassan.";https://x/1;13/09/2023\n'
        "2;Vide;;https://x/2;2023-09-14\n"
        "3;Trop;de;champs;ici;vraiment\n"
        "4;;Séisme près de Marrakech.;;Sat, 09 Sep 2023 23:11:00 GMT\n"
    )
    path = write(tmp_path / "news.csv", content)
    options = ReadOptions(
        text_column="body", title_column="headline", id_column="ref", url_column="link", date_column="published"
    )
    arts, errors = read_all([str(path)], options=options)
    assert [a.id for a in arts] == ["1", "4"]
    a, b = arts
    assert a.text == "Kim à Vostotchny\n\nLe train, parti de Pyongyang,\narrive à Khassan."  # the title geoparsed too
    assert (a.title, a.url, a.date, a.source) == ("Kim à Vostotchny", "https://x/1", "2023-09-13", str(path))
    assert b.title == "Séisme près de Marrakech."  # derived from the text
    assert b.date == "2023-09-09T23:11:00+00:00"
    assert [str(e).split(": ")[0] for e in errors] == [f"{path}:4", f"{path}:5"]
    assert 'empty "body"' in errors[0].reason
    assert "fields" in errors[1].reason
    with pytest.raises(ArticleReadError, match=r"news\.csv:4"):
        list(iter_articles([str(path)], options=options))


def test_csv_default_columns_and_ids(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "text,title\nÀ Kyiv.,Kyiv\nÀ Lviv.,\n")
    arts, errors = read_all([str(path)])
    assert errors == []
    assert [(a.id, a.title, a.text) for a in arts] == [
        ("t.csv#2", "Kyiv", "Kyiv\n\nÀ Kyiv."),  # a title column opens the text: its places are found too
        ("t.csv#3", "À Lviv.", "À Lviv."),
    ]


def test_csv_missing_columns(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "body,titre\nx,y\n")
    with pytest.raises(ArticleReadError, match=r'no "text" column \(columns: contenu brut, titre\)'):
        list(iter_articles([str(write(tmp_path / "u.csv", "contenu brut,titre\nx,y\n"))]))
    with pytest.raises(ArticleReadError, match=r'no "texte" column'):  # a column the user named is never guessed
        list(iter_articles([str(path)], options=ReadOptions(text_column="texte")))
    with pytest.raises(ArticleReadError, match='no "when" column'):
        list(iter_articles([str(path)], options=ReadOptions(text_column="body", date_column="when")))


def test_csv_columns_guessed_by_their_french_and_english_names(tmp_path: Path) -> None:
    french = write(tmp_path / "fr.csv", "Identifiant;Titre;Texte;Lien;Date de publication\n"
                                        "a1;Crue;La Seine monte à Paris.;https://ex.org/a1;2024-10-07\n")
    english = write(tmp_path / "en.csv", "guid,Headline,Body,URL,published\nb2,Flood,The Thames rises.,https://ex.org/b2,"
                                         "2024-10-08\n")
    (a,), (b,) = list(iter_articles([str(french)])), list(iter_articles([str(english)]))
    assert (a.id, a.title, a.text, a.url, a.date) == ("a1", "Crue", "Crue\n\nLa Seine monte à Paris.",
                                                      "https://ex.org/a1", "2024-10-07")
    assert (b.id, b.title, b.text, b.url, b.date) == ("b2", "Flood", "Flood\n\nThe Thames rises.",
                                                      "https://ex.org/b2", "2024-10-08")


def test_tsv(tmp_path: Path) -> None:
    path = write(tmp_path / "t.tsv", "id\ttext\na\tLyon, Nice\n")
    [art] = iter_articles([str(path)])
    assert (art.id, art.text) == ("a", "Lyon, Nice")


# --------------------------------------------------------------------------- feeds


def test_rss_feed(tmp_path: Path) -> None:
    path = write(tmp_path / "monde.rss", RSS)
    arts, errors = read_all([str(path)])
    assert errors == []
    kim, maroc = arts
    assert (kim.id, kim.title, kim.url) == ("kim-1", "Kim à Vostotchny", "https://journal.example/kim")
    assert kim.date == "2023-09-13T08:30:00+02:00"
    assert kim.text == "Kim à Vostotchny\n\nKim Jong-Un est arrivé à Khassan en train."
    assert kim.source == "Le Journal - Monde"
    assert kim.lang == "fr"
    assert maroc.id == "https://journal.example/maroc"
    assert maroc.date == "2023-09-09T23:11:00+00:00"


def test_atom_feed_and_xml_sniffing(tmp_path: Path) -> None:
    atom = write(tmp_path / "feeds" / "agence.xml", ATOM)
    write(tmp_path / "feeds" / "sitemap.xml", '<?xml version="1.0"?><urlset><url>x</url></urlset>')
    arts, errors = read_all([str(tmp_path / "feeds")])
    assert errors == []  # the sitemap is not picked from the directory
    [art] = arts
    assert (art.id, art.title, art.url, art.date) == (
        "urn:agence:derna", "Inondations à Derna", "https://agence.example/derna", "2023-09-12T06:00:00+00:00",
    )
    assert art.text == (
        "Inondations à Derna\n\nLa ville de Derna, en Libye, est dévastée.\n\nBenghazi envoie des secours."
    )
    assert art.source == "Agence"
    _, errors = read_all([str(tmp_path / "feeds" / "sitemap.xml")])
    assert "not an RSS or Atom feed" in errors[0].reason
    assert [a.id for a in iter_articles([str(atom)])] == ["urn:agence:derna"]


def test_broken_feed(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.rss", "<rss><channel><item><title>oops")
    arts, errors = read_all([str(path)])
    assert arts == [] or all(a.title == "oops" for a in arts)
    path = write(tmp_path / "junk.atom", "ceci n'est pas un flux")
    arts, errors = read_all([str(path)])
    assert arts == [] and errors[0].path == str(path)


# --------------------------------------------------------------------------- encodings and limits


def test_latin1_article(tmp_path: Path) -> None:
    text = "Le président à Besançon\n\nIl a rencontré les élus du Doubs, à l'hôtel de ville."
    path = write(tmp_path / "latin1.txt", text.encode("latin-1"))
    [art] = iter_articles([str(path)])
    assert art.text == text
    assert art.title == "Le président à Besançon"


def test_cp1252_article(tmp_path: Path) -> None:
    text = "L’été à Nîmes\n\n« Chaleur » : 40 °C, l’œuvre de l’anticyclone… coûte 5 € le café."
    path = write(tmp_path / "cp1252.txt", text.encode("cp1252"))
    [art] = iter_articles([str(path)])
    assert art.text == text
    assert unicodedata.is_normalized("NFC", art.text)


def test_cp1252_csv_and_cyrillic_text(tmp_path: Path) -> None:
    csv_path = write(tmp_path / "t.csv", "text\n“Pâques” à Sète\n".encode("cp1252"))
    ru = "Путин прибыл на космодром Восточный в Амурской области."
    ru_path = write(tmp_path / "ru.txt", ru.encode("cp1251"))
    arts, errors = read_all([str(csv_path), str(ru_path)])
    assert errors == []
    assert [a.text for a in arts] == ["“Pâques” à Sète", ru]


def test_binary_still_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "x.txt", bytes(range(1, 256)) * 8)
    with pytest.raises(ArticleReadError, match="not valid UTF-8"):
        list(iter_articles([str(path)]))


def test_oversize_file_refused(tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt", "Paris. " * 2000)
    small = write(tmp_path / "small.txt", "Lyon.")
    arts, errors = read_all([str(big), str(small)], options=ReadOptions(max_bytes=10_000))
    assert [a.id for a in arts] == ["small"]
    [error] = errors
    assert error.path == str(big)
    assert str(error) == f"{big}: file too large (14000 bytes, the limit is 10000 bytes)"
    assert "\n" not in str(error)
    arts, errors = read_all([str(big)], options=ReadOptions(max_bytes=None))
    assert len(arts) == 1 and errors == []
    with pytest.raises(ArticleReadError, match="too large"):
        list(iter_articles(["-"], stdin=io.StringIO("x" * 200), options=ReadOptions(max_bytes=100)))


def test_default_limit_is_20_mb(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as f:
        f.truncate(20_000_001)  # sparse: no 20 MB written (MB: 1,000,000 bytes, as --max-size counts)
    with pytest.raises(ArticleReadError, match=r"huge\.jsonl: file too large \(20\.0 MB, the limit is 20 MB\)$"):
        list(iter_articles([str(path)]))


def test_large_jsonl_with_one_broken_line(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"d{i}", "text": f"Article {i} à Lyon."}) for i in range(10_000)]
    lines[4567] = '{"id": "broken", "text": "Lyon'
    path = write(tmp_path / "big.jsonl", "\n".join(lines) + "\n")
    arts, errors = read_all([str(path)])
    assert len(arts) == 9_999
    assert [str(e).split(": ")[0] for e in errors] == [f"{path}:4568"]
    assert "d4567" not in {a.id for a in arts}


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2023-09-13", "2023-09-13"),
        ("2023-09-13T10:00:00Z", "2023-09-13T10:00:00+00:00"),
        ("2023-09-13 10:00", "2023-09-13T10:00:00"),
        ("2023-09-13T10:00:00+0200", "2023-09-13T10:00:00+02:00"),
        ("Wed, 13 Sep 2023 08:30:00 GMT", "2023-09-13T08:30:00+00:00"),
        ("13/09/2023", "2023-09-13"),
        ("13.09.2023 à 14h30", "2023-09-13T14:30:00"),
        ("1er août 2023", "2023-08-01"),
        ("Mercredi 13 Septembre 2023", "2023-09-13"),
        ("13 sept. 2023", "2023-09-13"),
        ("Sep 13, 2023", "2023-09-13"),
        ("2023/09/13", "2023-09-13"),
        ("31/02/2023", "31/02/2023"),  # not a date: kept as given
        ("hier", "hier"),
    ],
)
def test_normalize_date(raw: str, iso: str) -> None:
    assert normalize_date(raw) == iso


def test_jsonl_dates_normalised(tmp_path: Path) -> None:
    path = write(tmp_path / "d.jsonl", json.dumps({"id": "a", "text": "Lyon", "date": "13/09/2023"}) + "\n")
    [art] = iter_articles([str(path)])
    assert art.date == "2023-09-13"


def test_read_options_validation() -> None:
    with pytest.raises(ValueError):
        ReadOptions(csv_delimiter=";;")
    with pytest.raises(ValueError):
        ReadOptions(text_column="")
    with pytest.raises(AttributeError):
        ReadOptions().text_column = "x"  # type: ignore[misc]
