"""The search vocabulary built with Voikko: base forms, compound parts and stems of the site's words."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from bench_search import material_baseline
from conftest import ROOT, html_pages
from handbook.errors import HandbookError
from handbook.search_index import (
    VERSION, Morphology, absolute, add_vocabulary, build_vocabulary, derived_from, group_unknown, index_terms,
    relative, stem_and_ending,
)

SEPARATOR = yaml.safe_load(
    re.search(r"^\s+separator: (.+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
)


@pytest.fixture(scope="module")
def morphology() -> Morphology:
    import libvoikko

    return Morphology(libvoikko.Voikko("fi"))


@pytest.mark.parametrize("word, lemma", [
    ("vertaistuesta", "vertaistuki"),
    ("tuesta", "tuki"),
    ("resilienssin", "resilienssi"),
    ("ohjaajakoulutuksen", "ohjaajakoulutus"),
    ("kokouksen", "kokous"),
    ("ohjaajan", "ohjaaja"),
    ("tapaamispohjien", "tapaamispohja"),
])
def test_inflected_word_gets_its_base_form(morphology, word, lemma):
    assert lemma in morphology.analyse(word).lemmas


@pytest.mark.parametrize("word, parts", [
    ("tapaamispohjat", {"tapaaminen", "pohja"}),
    ("vertaistuesta", {"vertainen", "tuki"}),
    ("ohjaajakoulutuksen", {"ohjaaja", "koulutus"}),
    ("kokouspohjat", {"kokous", "pohja"}),
])
def test_compound_gets_its_parts(morphology, word, parts):
    assert parts <= morphology.analyse(word).parts


def test_minen_noun_keeps_its_noun_form(morphology):
    # Voikko's base form of "tapaamisen" is the verb tavata; search wants the noun.
    assert morphology.analyse("tapaamisen").lemmas == {"tapaaminen"}
    assert morphology.first_part_lemma("tapaamis") == "tapaaminen"


def test_reading_with_fewest_parts_wins(morphology):
    # Voikko also reads vertais + voi + maa and halu + amme.
    assert morphology.analyse("vertaisvoimaa").lemmas == {"vertaisvoima"}
    assert morphology.analyse("haluamme").parts == set()


def test_stem_and_ending_come_from_voikkos_analysis():
    assert stem_and_ending("[Ln][Xp]tuki[X]tue[Sela][Ny]sta") == ("tue", "sta")
    assert stem_and_ending("[Ln][Xp]kokous[X]kokou[Sn][Ny]s[Bh][Bc][Ln][Xp]pohja[X]pohj[Sn][Nm]at") == ("kokouspohj", "at")
    # Base forms of derivations are not written text.
    assert stem_and_ending("[Lt][Ira][Xp]yrittää[X]yrittä[Ln][Xj]jä[X][Sall][Nm]jille") == ("yrittä", "jille")
    # A verb form without a case ending is cut at its tense or mood: "perustan" is perusta + n.
    assert stem_and_ending("[Lt][Xp]tukea[X]tue[Tt][Ap][P2][Ny][Ef]t") == ("tue", "t")
    assert stem_and_ending("[Lt][Xp]perustaa[X]perusta[Tt][Ap][P1][Ny][Ef]n") == ("perusta", "n")
    assert stem_and_ending("[Lt][Xp]perustaa[X]perust[Tt][Ai][P1][Ny][Ef]in") == ("perust", "in")
    # A noun made of a verb keeps its case ending.
    assert stem_and_ending("[Lt][Xp]tavata[X]tapaa[Tn4]mise[Sine][Ny]ssa") == ("tapaamise", "ssa")


def test_a_derived_word_knows_its_root(morphology):
    assert derived_from("[Lt][Xp]hinnoittaa[X]hinnoit[Xj]ella[X]tel[Ln][Xj]u[X]u[Sn][Ny]") == "hinnoittaa"
    assert ("hinnoittelu", "hinnoittaa") in morphology.analyse("hinnoittelusta").roots
    assert ("hinnoitella", "hinnoittaa") in morphology.analyse("hinnoittelen").roots
    # A word that is its own root, and a compound, have none.
    assert morphology.analyse("verkosto").roots == set()
    assert morphology.analyse("ohjaajakoulutus").roots == set()


def test_terms_split_like_materials_index():
    html = "<p>Ryhmän, ”sain” me-pystyvyys (SAMK) 2018–2019 esim. 1,5 <em>R&amp;D</em></p>"
    assert index_terms(html, SEPARATOR) == ["ryhmän", "sain", "me", "pystyvyys", "samk", "2018", "2019", "esim",
                                            "1", "5", "r", "d"]


def test_separator_survives_materials_page_highlighter():
    # Material cuts the separator at every "|" to build the highlighter of an opened page.
    for piece in SEPARATOR.split("|"):
        re.compile(piece)


def test_unknown_words_group_by_their_beginning():
    words = ["yrittäjävertaisuutta", "yrittäjävertaisuus", "latostenmaan", "latostenmaa", "samk", "samkista"]
    assert group_unknown(words) == [
        ["samk"], ["samkista"], ["latostenmaa", "latostenmaan"], ["yrittäjävertaisuus", "yrittäjävertaisuutta"],
    ]


def rows_by_lemma(vocabulary: dict) -> dict[str, dict]:
    rows = vocabulary["rows"]
    named = {}
    for row in rows:
        row = row + [None, "", [], "", "", 0, []][len(row):]
        lemma = row[0]
        named[lemma] = {
            "forms": {absolute(lemma, w) for w in row[1].split()},
            "parts": {rows[i][0] for i in row[2]},
            "keys": {absolute(lemma, w) for w in row[3].split()},
            "stems": {absolute(lemma, w) for w in row[4].split()},
            "family": row[5],
            "means": {rows[i][0] for i in row[6]},
        }
    return named


@pytest.mark.parametrize("lemma, word, written", [
    ("tuki", "tuen", "2en"),
    ("tuki", "tukien", "en"),
    ("tuki", "tuki", "0"),
    ("tuki", "tu", "2"),
    ("me-pystyvyys", "mepystyvyys", "10pystyvyys"),
])
def test_words_are_written_relative_to_their_lemma(lemma, word, written):
    assert relative(lemma, word) == written
    assert absolute(lemma, written) == word


def test_vocabulary_of_a_page(morphology):
    docs = [{
        "location": "a/",
        "title": "Tapaamispohjat",
        "text": "<p>Vertaistuen ja tuessa olemisen merkitys. Me-pystyvyydestä ja yrittäjävertaisuudesta, "
                "yrittäjävertaisuus.</p>",
    }]
    vocabulary = build_vocabulary(docs, SEPARATOR, morphology)
    rows = rows_by_lemma(vocabulary)
    assert vocabulary["v"] == VERSION
    assert rows["tapaamispohja"]["forms"] == {"tapaamispohjat"}
    assert rows["tapaamispohja"]["parts"] == {"tapaaminen", "pohja"}
    assert rows["tapaaminen"]["keys"] == {"tapaamis"}
    assert rows["vertaistuki"]["parts"] == {"vertainen", "tuki"}
    assert "tue" in rows["tuki"]["stems"]
    assert rows["me-pystyvyys"] == {"forms": {"mepystyvyydestä"}, "parts": {"pystyvyys"}, "keys": set(), "stems": set(),
                                    "family": 0, "means": set()}
    assert rows["yrittäjävertaisuus"]["forms"] == {"yrittäjävertaisuus", "yrittäjävertaisuudesta"}
    assert {"ssa", "at", "desta"} <= set(vocabulary["endings"].split())


def test_words_of_one_root_are_one_family(morphology):
    docs = [{"location": "a/", "title": "Hinnoittelu", "text": "<p>Miten hinnoitella ryhmä? Verkosto auttaa.</p>"}]
    rows = rows_by_lemma(build_vocabulary(docs, SEPARATOR, morphology))
    assert rows["hinnoittelu"]["family"] == rows["hinnoitella"]["family"] > 0
    assert rows["verkosto"]["family"] == 0


SYNONYM_DOCS = [{"location": "a/", "title": "Verkkotapaaminen",
                 "text": "<p>Verkkotapaamisessa ja tapaamisessa, tapaamisen alussa.</p>"}]


def test_a_search_word_leads_to_the_handbooks_word(morphology):
    synonyms = {"verkkotapaaminen": ["zoom", "etätapaaminen"]}
    rows = rows_by_lemma(build_vocabulary(SYNONYM_DOCS, SEPARATOR, morphology, synonyms))
    assert rows["zoom"]["means"] == rows["etätapaaminen"]["means"] == {"verkkotapaaminen"}
    # The search words are not on the site: their rows have no forms.
    assert rows["zoom"]["forms"] == rows["etätapaaminen"]["forms"] == set()
    # A compound inflects as its last part does on the site.
    assert {"etätapaamisessa", "etätapaamisen"} <= rows["etätapaaminen"]["keys"]


def test_a_word_no_page_has_fails_with_one_line_naming_the_entry(morphology):
    with pytest.raises(HandbookError) as caught:
        build_vocabulary(SYNONYM_DOCS, SEPARATOR, morphology, {"etäkokous": ["zoom"]})
    assert str(caught.value) == (
        "data/synonyms.yml: entry 'etäkokous': means: 'etäkokous' is on no page of the site "
        "(write the handbook's word as a page has it)"
    )


def test_vocabulary_is_added_to_the_written_index(morphology, tmp_path):
    index_file = tmp_path / "search_index.json"
    docs = [{"location": "", "title": "Resilienssi", "text": "<p>Resilienssin lähteet.</p>"}]
    index_file.write_text(json.dumps({"config": {"separator": SEPARATOR, "lang": ["fi"]}, "docs": docs}))
    add_vocabulary(index_file, morphology)
    text = index_file.read_text(encoding="utf-8")
    # UTF-8 as it is, no \\u escapes: the index is smaller so.
    assert "lähteet" in text and "\\u" not in text
    data = json.loads(text)
    assert data["docs"] == docs
    assert rows_by_lemma(data["config"]["fi"])["resilienssi"]["forms"] == {"resilienssi", "resilienssin"}


def test_built_site_has_vocabulary_and_finnish_worker(site_dir: Path):
    data = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert data["config"]["fi"]["v"] == VERSION
    # Every word of every page's title has its row, as the word itself or one of its forms.
    rows = rows_by_lemma(data["config"]["fi"])
    known = set(rows) | {form for row in rows.values() for form in row["forms"]}
    titles = {w for doc in data["docs"] if "#" not in doc["location"] for w in re.findall(r"[a-zåäö]+", doc["title"].lower())}
    assert titles and not titles - known, sorted(titles - known)
    workers = site_dir / "assets" / "javascripts" / "workers"
    # 404.html is served at any depth, so MkDocs gives it absolute addresses; every other page is relative.
    for page in [p for p in html_pages(site_dir) if p != "404.html"]:
        html = (site_dir / page / "index.html").read_text(encoding="utf-8")
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))
        worker, _, material = config["search"].partition("#")
        assert worker.endswith("assets/javascripts/workers/search-fi.js") and not worker.startswith("/"), page
        assert (workers / material).is_file(), page
    assert (workers / "search-fi.js").is_file()


def test_index_at_most_twice_materials(site_dir: Path, tmp_path):
    material = material_baseline(site_dir, tmp_path / "material") / "search" / "search_index.json"
    ours = site_dir / "search" / "search_index.json"
    assert ours.stat().st_size <= 2 * material.stat().st_size


class CountingVoikko:
    """Stands in for Voikko: counts the words it is asked about."""

    def __init__(self, voikko) -> None:
        self.voikko = voikko
        self.asked: list[str] = []

    def analyze(self, word: str) -> list[dict]:
        self.asked.append(word)
        return self.voikko.analyze(word)


def test_stored_analyses_give_the_same_vocabulary_without_asking_voikko_again(morphology, tmp_path):
    docs = [{"location": "", "title": "Tapaamispohjat", "text": "<p>Vertaistuesta me-pystyvyys, Latostenmaa.</p>"}]
    first = Morphology(CountingVoikko(morphology.voikko), tmp_path / "voikko.json")
    expected = build_vocabulary(docs, SEPARATOR, first)
    first.save()
    voikko = CountingVoikko(morphology.voikko)
    assert build_vocabulary(docs, SEPARATOR, Morphology(voikko, tmp_path / "voikko.json")) == expected
    assert voikko.asked == []


def test_the_same_site_gets_the_stored_vocabulary_and_a_changed_one_a_new_one(morphology, tmp_path):
    docs = [{"location": "", "title": "Resilienssi", "text": "<p>Resilienssin lähteet.</p>"}]
    first = Morphology(morphology.voikko, tmp_path / "voikko.json")
    made = first.vocabulary(docs, SEPARATOR)
    first.save()
    voikko = CountingVoikko(morphology.voikko)
    again = Morphology(voikko, tmp_path / "voikko.json")
    assert again.vocabulary(docs, SEPARATOR) == made == build_vocabulary(docs, SEPARATOR, morphology)
    changed = [{**docs[0], "text": "<p>Resilienssin lähteet ja vertaistuki.</p>"}]
    assert again.vocabulary(changed, SEPARATOR) == build_vocabulary(changed, SEPARATOR, morphology)
    assert voikko.asked and "resilienssin" not in voikko.asked
    # A changed data/synonyms.yml is a changed site.
    synonyms = {"resilienssi": ["sitkeys"]}
    assert again.vocabulary(changed, SEPARATOR, synonyms) == build_vocabulary(changed, SEPARATOR, morphology, synonyms)
