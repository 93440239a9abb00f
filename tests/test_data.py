"""The data layer: every real file loads, and each kind of editor's mistake fails with one exact line.

The mistakes are made in a copy of the fixture handbook's data (conftest.data_copy).
"""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURE, ROOT, known, load_error
from handbook import data, schemas
from handbook.models import FILE_MODELS

BROKEN = ROOT / "tests" / "fixtures" / "broken"


@pytest.mark.parametrize("root", [ROOT, FIXTURE], ids=["real", "fixture"])
def test_every_data_file_loads_and_cross_checks_against_the_pages(root):
    data.load(root)


# Each broken fixture is named <case>.<data file>.yml and replaces that file in a copy of data/.
EXPECTED = {
    "yaml-syntax.quotes": "data/quotes.yml: line 4: YAML syntax error: expected <block end>, but found '?'",
    "missing-field.quotes": "data/quotes.yml: quote 'sain-tyokavereita': speaker: missing field",
    "unknown-field.quotes": "data/quotes.yml: quote 'sain-tyokavereita': speker: unknown field",
    "yaml-boolean.quotes": "data/quotes.yml: quote 'ei': text: expected text, got false "
    "(YAML reads yes/no/on/off as true/false: put the text in quotes)",
    "yaml-sexagesimal.quotes": "data/quotes.yml: quote 'iltakuudelta': collected: expected text, "
    "got the number 1080 (YAML reads 18:00 as a number: put the text in quotes)",
    "duplicate-id.quotes": "data/quotes.yml: quote 'sain-tyokavereita': duplicate id",
    "unknown-theme.quotes": "data/quotes.yml: quote 'sain-tyokavereita': themes: unknown theme 'verkosot' "
    f"{known('elements')}",
    "unknown-source.quotes": "data/quotes.yml: quote 'sain-tyokavereita': source: unknown reference "
    f"'latostenmaa-2019' {known('references')}",
    "bad-speaker.quotes": "data/quotes.yml: quote 'sain-tyokavereita': speaker: "
    "Input should be 'yrittäjä' or 'ohjaaja' (got 'asiakas')",
    "bad-id.quotes": "data/quotes.yml: quote 'Sain työkavereita': id: 'Sain työkavereita' is not an id: "
    "use lowercase a–z, 0–9 and single hyphens",
    "not-a-mapping.quotes": "data/quotes.yml: expected a mapping of fields at the top level, got a list",
    "empty-text.quotes": "data/quotes.yml: quote 'sain-tyokavereita': text: "
    "String should have at least 1 character (got '  ')",
    "number-as-text.facts": "data/facts.yml: pilot.groups: expected a whole number, got the text 'kymmenen'",
    "date-as-text.facts": "data/facts.yml: project.planned_end_date: expected a date like 2020-07-31, "
    "got the text '31.7.2020'",
    "duplicate-key.references": "data/references.yml: reference 'latostenmaa-tuomainen-2019': duplicate id",
    "bad-url.references": "data/references.yml: reference 'latostenmaa-tuomainen-2019': url: "
    "Input should be a valid URL, relative URL without a base (got 'theseus.fi/julkaisu')",
    "unknown-see-also.glossary": "data/glossary.yml: term 'vertaistuki': see_also: unknown term 'vertaisvoma' "
    "(known: vertaistuki)",
    "not-a-word.synonyms": "data/synonyms.yml: entry 'verkkotapaaminen': words[2]: 'video puhelu' is not one word: "
    "letters only, like etätapaaminen",
    "word-twice.synonyms": "data/synonyms.yml: entry 'ohjaajakoulutus': words[1]: 'Zoom' is already listed under "
    "'verkkotapaaminen' (a search word leads to one word)",
    "word-means-itself.synonyms": "data/synonyms.yml: entry 'verkkotapaaminen': words[2]: 'Verkkotapaaminen' is the "
    "word it means",
    "entry-twice.synonyms": "data/synonyms.yml: entry 'verkkotapaaminen': means: the word has two entries "
    "(put its words in one)",
}


def test_every_broken_fixture_has_an_expected_message():
    assert sorted(p.name.removesuffix(".yml") for p in BROKEN.glob("*.yml")) == sorted(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_broken_file_fails_with_its_exact_message(case, data_copy):
    file_name = case.split(".")[1] + ".yml"
    shutil.copy(BROKEN / f"{case}.yml", data_copy / "data" / file_name)
    assert load_error(data_copy) == EXPECTED[case]


def test_missing_file_is_named(data_copy):
    (data_copy / "data" / "glossary.yml").unlink()
    assert load_error(data_copy) == "data/glossary.yml: file not found"


def test_page_that_does_not_exist_is_named(data_copy):
    model = data_copy / "data" / "model.yml"
    model.write_text(model.read_text().replace("page: malli/verkostot.md", "page: malli/verkosto.md"))
    shutil.copytree(FIXTURE / "docs", data_copy / "docs")
    assert load_error(data_copy, docs_dir="docs") == (
        "data/model.yml: element 'verkostot': page: no such page 'malli/verkosto.md' in docs/"
    )


def test_yaml_traps_pass_when_quoted(data_copy):
    quotes = data_copy / "data" / "quotes.yml"
    text = quotes.read_text().replace("collected: Työpeili-pilotti 2018–2019", 'collected: "18:00"', 1)
    quotes.write_text(text.replace("text: Sain työkavereita", 'text: "no"', 1))
    hb = data.load(data_copy, docs_dir=None)
    first = hb.quotes.quotes[0]
    assert (first.text, first.collected) == ("no", "18:00")


@pytest.mark.parametrize("name", sorted(FILE_MODELS))
def test_json_schema_matches_the_model(name):
    committed = (ROOT / "data" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schemas.schema_text(name), "run `python -m handbook.schemas` and commit the result"


@pytest.mark.parametrize("name", sorted(FILE_MODELS))
def test_every_data_file_points_editors_to_its_schema(name):
    first_line = (ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=schemas/{name}.schema.json"
