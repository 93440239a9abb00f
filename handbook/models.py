"""One typed model per data file: the single description of the handbook's data.

Models are strict: YAML 1.1 turns `no`, `on` and `18:00` into booleans and numbers, and a strict
string field rejects them instead of silently printing "False" or "1080".
Cross-references between files are checked in `handbook.data`, not here.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl, StringConstraints, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
DocPath = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_/-]+\.md$")]
# A quote is a sentence or a few; thousands of characters are a paste gone wrong.
QUOTE_MAX_LENGTH = 1000
# Minutes of a meeting or of one of its steps: at most a day.
DAY_MINUTES = 24 * 60


def _no_markup(text: str) -> str:
    # Glossary texts become tooltips, which Material's script turns back into HTML.
    if any(c in text for c in "<>&"):
        raise ValueError("no markup: the text is shown as a tooltip; write it without <, > and &")
    return text


PlainText = Annotated[Text, AfterValidator(_no_markup)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- quotes.yml ---------------------------------------------------------------------------------

Speaker = Literal["yrittäjä", "ohjaaja"]


class Quote(Strict):
    id: Slug
    text: Text = Field(
        max_length=QUOTE_MAX_LENGTH, description="The words exactly as the source gives them, without quotation marks."
    )
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
    term: PlainText
    definition: PlainText = Field(description="One or two sentences of plain text, also shown as a tooltip.")
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


# --- worksheets.yml -----------------------------------------------------------------------------


class WorksheetField(Strict):
    question: Text
    hint: Text | None = Field(default=None, description="A short example or help under the question.")
    lines: int | None = Field(default=None, ge=1, le=30, description="Ruled lines to write on.")
    box_cm: float | None = Field(
        default=None, gt=0, le=24, description="Height in centimetres of an empty box, for drawing or a map."
    )

    @model_validator(mode="after")
    def _one_kind_of_space(self) -> WorksheetField:
        if (self.lines is None) == (self.box_cm is None):
            raise ValueError("give the room to write as either lines or box_cm (one of them)")
        return self


class WorksheetTable(Strict):
    caption: Text = Field(description="What the table is for, shown above it.")
    columns: list[Text] = Field(min_length=2, description="Column headings; the first column holds the row names.")
    rows: list[Text] = Field(min_length=1, description="Row names, e.g. the twelve months.")
    row_lines: int = Field(default=1, ge=1, le=4, description="Lines to write on in each row.")


class Worksheet(Strict):
    id: Slug
    title: Text
    purpose: Text = Field(description="One sentence: what the worksheet helps a group member do.")
    instructions: list[Text] = Field(min_length=1, description="Short steps, each one sentence or two.")
    fields: list[WorksheetField] = Field(default_factory=list, description="Questions with room to write.")
    table: WorksheetTable | None = None

    @model_validator(mode="after")
    def _something_to_fill_in(self) -> Worksheet:
        if not self.fields and self.table is None:
            raise ValueError("give fields or a table: a worksheet needs something to fill in")
        return self


class WorksheetsFile(Strict):
    worksheets: list[Worksheet] = Field(min_length=1)


# --- curriculum.yml -----------------------------------------------------------------------------

Mode = Literal["lähi", "verkko"]
Timing = Literal["ennen ryhmää", "ryhmän aikana", "päätös"]


class Reading(Strict):
    page: DocPath = Field(description="The page, relative to docs/.")
    title: Text = Field(description="The link text: the page's title.")


class Session(Strict):
    id: Slug
    title: Text
    hours: float = Field(
        gt=0, le=12, description="Length in hours, e.g. 3 or 1.5; the sessions add up to facts.yml training.hours."
    )
    mode: Mode = Field(description="lähi (in person) or verkko (online).")
    timing: Timing = Field(description="When it happens relative to the trainee's own group.")
    goals: list[Text] = Field(min_length=1, description="What the trainee can do after the session.")
    contents: list[Text] = Field(min_length=1)
    methods: list[Text] = Field(min_length=1, description="How the session works: discussion, exercise, …")
    assignment: Text = Field(description="What the trainee does before the next session (after the last: next steps).")
    worksheets: list[Slug] = Field(default_factory=list, description="Ids of worksheets.yml used in the session.")
    reading: list[Reading] = Field(default_factory=list, description="Handbook pages to read with the session.")


class CurriculumFile(Strict):
    sessions: list[Session] = Field(
        min_length=1, description="In order. Their number and hours match facts.yml training.sessions and .hours."
    )


# --- meetings.yml -------------------------------------------------------------------------------

MeetingType = Literal[
    "aloitus", "kokemusten vaihto", "hyvinvointi", "asiantuntijaosuus", "yhdessä tekeminen", "arviointi"
]
Phase = Literal["alkuvaihe", "keskivaihe", "loppuvaihe"]
MeetingFormat = Literal["lähi", "verkko", "lähi tai verkko"]
StepKind = Literal["avaus", "työskentely", "lopetus"]


class GroupSize(Strict):
    min: int = Field(ge=2)
    max: int = Field(ge=2)

    @model_validator(mode="after")
    def _in_order(self) -> GroupSize:
        if self.max < self.min:
            raise ValueError("max is smaller than min")
        return self


class Preparation(Strict):
    facilitator: list[Text] = Field(min_length=1)
    members: list[Text] = Field(
        default_factory=list, description="Empty when members come as they are (they may always come unprepared)."
    )


class Role(Strict):
    role: Text
    task: Text


class AgendaStep(Strict):
    title: Text
    minutes: int = Field(gt=0, le=DAY_MINUTES)
    kind: StepKind = Field(
        default="työskentely",
        description="avaus: the check-in with the reminder of confidentiality; lopetus: takeaways and feedback.",
    )
    what: Text = Field(description="What happens in the step.")
    who_speaks: Text
    question: Text | None = Field(default=None, description="The facilitator's wording of the key question.")
    online: Text | None = Field(default=None, description="How the step differs in an online meeting.")


class Meeting(Strict):
    id: Slug
    title: Text
    type: MeetingType
    phases: list[Phase] = Field(min_length=1, description="The group phases the template suits.")
    length_minutes: int = Field(
        gt=0, le=DAY_MINUTES, description="Stated length; the agenda's minutes add up to it exactly."
    )
    group_size: GroupSize
    format: MeetingFormat
    makes_possible: Text = Field(description="What the meeting makes possible, in one or two sentences.")
    basis: Text = Field(description="What the source article says that the template is developed from.")
    when_to_use: list[Text] = Field(min_length=1)
    when_not: list[Text] = Field(min_length=1)
    preparation: Preparation
    materials: list[Text] = Field(min_length=1)
    roles: list[Role] = Field(min_length=1)
    agenda: list[AgendaStep] = Field(min_length=3)
    tips: list[Text] = Field(min_length=1)
    traps: list[Text] = Field(min_length=1)
    pairs_with: list[Slug] = Field(default_factory=list, description="Ids of other meeting templates.")
    model_parts: list[Slug] = Field(min_length=1, description="Ids of model.yml elements the meeting supports.")
    quotes: list[Slug] = Field(default_factory=list, description="Ids of quotes.yml.")
    worksheet: Slug | None = Field(default=None, description="Id of the worksheets.yml worksheet to print for it.")


class MeetingsFile(Strict):
    meetings: list[Meeting] = Field(min_length=1)


FILE_MODELS: dict[str, type[Strict]] = {
    "quotes": QuotesFile,
    "model": ModelFile,
    "references": ReferencesFile,
    "glossary": GlossaryFile,
    "facts": FactsFile,
    "worksheets": WorksheetsFile,
    "curriculum": CurriculumFile,
    "meetings": MeetingsFile,
}
