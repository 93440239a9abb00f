"""One typed model per data file: the single description of the handbook's data.

Models are strict: YAML 1.1 turns `no`, `on` and `18:00` into booleans and numbers, and a strict
string field rejects them instead of silently printing "False" or "1080".
Cross-references between files are checked in `handbook.data`, not here.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
DocPath = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_/-]+\.md$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- quotes.yml ---------------------------------------------------------------------------------

Speaker = Literal["yrittäjä", "ohjaaja"]


class Quote(Strict):
    id: Slug
    text: Text = Field(description="The words exactly as the source gives them, without quotation marks.")
    speaker: Speaker = Field(description="Who said it: yrittäjä (a group member) or ohjaaja.")
    collected: Text = Field(description="Where the words were gathered, e.g. 'Työpeili-pilotti 2018–2019'.")
    source: Slug = Field(description="Key of the reference in references.yml that publishes the quote.")
    themes: list[Slug] = Field(min_length=1, description="Model element or phenomenon ids from model.yml.")


class QuotesFile(Strict):
    quotes: list[Quote] = Field(min_length=1)


# --- model.yml ----------------------------------------------------------------------------------


class ModelElement(Strict):
    id: Slug
    title: Text
    summary: Text = Field(description="One sentence on what the element means for a group.")
    page: DocPath = Field(description="The element's page, relative to docs/.")


class ModelFile(Strict):
    core: ModelElement = Field(description="Yrittäjävertaisuus, at the centre of the model.")
    parts: list[ModelElement] = Field(min_length=1, description="The parts around the core.")
    supporting: list[ModelElement] = Field(min_length=1, description="The elements that carry the parts.")
    phenomena: list[ModelElement] = Field(min_length=1, description="The phenomena behind the model.")


# --- references.yml -----------------------------------------------------------------------------

ReferenceType = Literal[
    "artikkeli", "raportti", "opinnäytetyö", "pro gradu -tutkielma", "väitöskirja", "kirjallisuuskatsaus", "opas",
    "blogi", "verkkosivu",
]


class Reference(Strict):
    key: Slug
    authors: list[Text] = Field(
        default_factory=list, description="'Sukunimi, Etunimen alkukirjain.' or an organisation; empty if none."
    )
    year: int | None = Field(default=None, ge=1900, le=2100)
    title: Text
    type: ReferenceType
    publisher: Text | None = None
    series: Text | None = None
    url: HttpUrl | None = None
    accessed: datetime.date | None = Field(default=None, description="Date the source was read (viitattu).")
    label: Text | None = Field(default=None, description="In-text label when it is not 'first author year'.")
    note: Text | None = Field(default=None, description="What the reader should know about the source.")


class ReferencesFile(Strict):
    references: list[Reference] = Field(min_length=1)


# --- glossary.yml -------------------------------------------------------------------------------


class Term(Strict):
    id: Slug
    term: Text
    definition: Text
    see_also: list[Slug] = Field(default_factory=list, description="Ids of related terms.")
    page: DocPath | None = Field(default=None, description="The page that tells more, relative to docs/.")


class GlossaryFile(Strict):
    terms: list[Term] = Field(min_length=1)


# --- facts.yml ----------------------------------------------------------------------------------


class SoloEntrepreneurs(Strict):
    count: int = Field(gt=0)
    year: int
    source: Text


class Pilot(Strict):
    start_year: int
    end_year: int
    duration_years: float = Field(gt=0)
    groups: int = Field(gt=0)
    participants: int = Field(gt=0)
    companies: int = Field(gt=0)
    interviewed: int = Field(gt=0)
    facilitator_survey: Text
    quote_requests: Text
    interviews: Text
    analysis: Text

    @model_validator(mode="after")
    def _years_in_order(self) -> Pilot:
        if self.end_year < self.start_year:
            raise ValueError("end_year is before start_year")
        return self


class Project(Strict):
    name: Text
    funder: Text
    end_date: datetime.date


class Training(Strict):
    sessions: int = Field(gt=0)
    hours: int = Field(gt=0)


class FactsFile(Strict):
    solo_entrepreneurs: SoloEntrepreneurs
    pilot: Pilot
    project: Project
    training: Training


FILE_MODELS: dict[str, type[Strict]] = {
    "quotes": QuotesFile,
    "model": ModelFile,
    "references": ReferencesFile,
    "glossary": GlossaryFile,
    "facts": FactsFile,
}
