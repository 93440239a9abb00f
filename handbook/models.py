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


class Evidence(Strict):
    """One statement of what a source says: the handbook's words, and the source they report."""

    text: Text = Field(description="What the source says, in the handbook's own words (no advice of the handbook).")
    cite: list[Slug] = Field(
        min_length=1, description="Keys of references.yml: the source or sources that say it."
    )


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
    core: ModelElement = Field(
        description="Yrittäjävertaisuus: the model's carrying theme (kantava teema), at its centre."
    )
    parts: list[ModelElement] = Field(
        min_length=1, description="The three parts the source article describes around the core."
    )
    other_parts: list[ModelElement] = Field(
        min_length=1, description="The remaining parts of the model (the article's 'loput osat')."
    )
    phenomena: list[ModelElement] = Field(min_length=1, description="The phenomena behind the model.")


# --- references.yml -----------------------------------------------------------------------------

ReferenceType = Literal[
    "artikkeli", "raportti", "opinnäytetyö", "pro gradu -tutkielma", "väitöskirja", "kirjallisuuskatsaus", "opas",
    "blogi", "verkkosivu", "laki", "hallituksen esitys", "viranomaisen ohje", "viranomaisen tiedote",
    "palvelun verkkosivu",
]
# Laws, bills, authorities' guidance and notices, services: facts that change, shown with the date they were
# checked.
OFFICIAL_TYPES = ("laki", "hallituksen esitys", "viranomaisen ohje", "viranomaisen tiedote", "palvelun verkkosivu")


class Reference(Strict):
    key: Slug
    authors: list[Text] = Field(
        default_factory=list, description="'Sukunimi, Etunimen alkukirjain.' or an organisation; empty if none."
    )
    year: int | None = Field(default=None, ge=1900, le=2100)
    title: Text | None = Field(
        default=None, description="The title as the source gives it; leave it out when it is not known (never guess)."
    )
    type: ReferenceType | None = Field(default=None, description="Leave it out when the source does not tell it.")
    publisher: Text | None = None
    series: Text | None = None
    url: HttpUrl | None = None
    accessed: datetime.date | None = Field(
        default=None, description="Date the source was read (viitattu); for a law, guidance or a service: when checked."
    )
    label: Text | None = Field(default=None, description="In-text label when it is not 'first author year'.")
    note: Text | None = Field(default=None, description="What the reader should know about the source.")


    @model_validator(mode="after")
    def _official_sources_are_dated(self) -> Reference:
        if self.type in OFFICIAL_TYPES and (self.accessed is None or self.url is None):
            raise ValueError(f"a source of type {self.type!r} needs url and accessed (the date it was checked)")
        return self


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
    barometer: Text = Field(description="The survey that gives the figure.")
    barometer_year: int = Field(
        description="The year of the survey, which the article names; not the year the figure describes."
    )


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
    funders: list[Text] = Field(min_length=1)
    planned_end_date: datetime.date = Field(
        description="The end date the article (2019) gives for the project, as a plan at the time of writing."
    )


class Training(Strict):
    sessions: int = Field(gt=0)
    hours: int = Field(gt=0)
    sessions_before_group: int = Field(
        ge=0, description="Sessions before each trainee gathers a group of their own (the article: the first two)."
    )
    online_sessions: list[int] = Field(
        default_factory=list, description="Numbers of the sessions the article says are online meetings."
    )


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
    anonymous: bool = Field(
        default=False, description="true: members may return it without a name, so the sheet has no name line."
    )
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
    group_month: int = Field(
        ge=0, le=24,
        description="The month of the trainee's own group in which the session is held; 0: before the group starts.",
    )
    goals: list[Text] = Field(min_length=1, description="What the trainee can do after the session.")
    contents: list[Text] = Field(min_length=1)
    methods: list[Text] = Field(min_length=1, description="How the session works: discussion, exercise, …")
    assignment: Text = Field(description="What the trainee does before the next session (after the last: next steps).")
    worksheets: list[Slug] = Field(default_factory=list, description="Ids of worksheets.yml used in the session.")
    reading: list[Reading] = Field(default_factory=list, description="Handbook pages to read with the session.")


class CurriculumFile(Strict):
    basis: list[Evidence] = Field(
        min_length=1,
        description="Only what the source article says about the training, each statement with its source. "
        "The sessions' details are the handbook's proposal.",
    )
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
Groups = Literal["oma ryhmä", "useampi ryhmä"]


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
    per_person_minutes: float | None = Field(
        default=None, gt=0, le=60,
        description="In a round, the minutes each member speaks; the round must fit the step's minutes for the "
        "largest group the template allows. Required for the check-in and the closing round.",
    )
    in_small_groups: bool = Field(
        default=False, description="true: the round goes on in each group's own circle at the same time."
    )
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
    groups: Groups = Field(
        default="oma ryhmä",
        description="oma ryhmä: one group, whose size is season.yml group_size; useampi ryhmä: several groups "
        "meet together, with group_size of their own.",
    )
    group_size: GroupSize | None = Field(
        default=None, description="Only for templates of several groups (groups: useampi ryhmä)."
    )
    format: MeetingFormat
    makes_possible: Text = Field(description="What the meeting makes possible, in one or two sentences.")
    basis: list[Evidence] = Field(
        min_length=1,
        description="Only what the source article (or a work it cites) says that the template is developed from, "
        "each statement with its source. Everything else in the template is the handbook's proposal.",
    )
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
    read_more: list[Reading] = Field(
        default_factory=list, description="Handbook pages on what the meeting touches, e.g. the core round."
    )


class MeetingsFile(Strict):
    meetings: list[Meeting] = Field(min_length=1)


# --- season.yml ---------------------------------------------------------------------------------


class MonthRange(Strict):
    first: int = Field(ge=1, le=24)
    last: int = Field(ge=1, le=24)

    @model_validator(mode="after")
    def _in_order(self) -> MonthRange:
        if self.last < self.first:
            raise ValueError("last is before first")
        return self


class SeasonPhase(Strict):
    phase: Phase
    months: MonthRange
    description: Text = Field(description="What the group does in this phase, for a facilitator planning it.")


class PlannedMeeting(Strict):
    month: int = Field(ge=1, le=24, description="The month of the season, counted from the group's first meeting.")
    meeting: Slug = Field(description="Id of a meetings.yml template.")
    why: Text = Field(description="Why this template at this point of the season.")


class Midpoint(Strict):
    month: int = Field(ge=1, le=24)
    meeting: Slug = Field(description="The template with which the group checks its vire at the midpoint.")
    worksheet: Slug = Field(description="The midpoint evaluation worksheet.")


class SeasonFile(Strict):
    group_size: GroupSize = Field(description="The handbook's recommended size of one group.")
    rhythm: Text = Field(description="How often the group meets, as a phrase: e.g. 'noin kerran kuukaudessa'.")
    months: int = Field(ge=1, le=24, description="Length of the sample season in months.")
    phases: list[SeasonPhase] = Field(min_length=1, description="In order; together they cover every month.")
    plan: list[PlannedMeeting] = Field(min_length=2, description="The sample season's meetings in order.")
    midpoint: Midpoint
    closing_meeting: Slug = Field(description="The template of the season's last meeting, where the group decides "
                                  "whether and how it goes on.")
    attendance: list[Text] = Field(min_length=1, description="Rules on attendance and absence.")
    newcomers: list[Text] = Field(min_length=1, description="Rules on taking in new members.")


# --- synonyms.yml -------------------------------------------------------------------------------

# One word as a reader types it and as the search index keeps it: letters only (etätapaaminen, zoom).
WORD_PATTERN = r"^[^\W\d_]+$"
Word = Annotated[str, StringConstraints(pattern=WORD_PATTERN)]


class Synonym(Strict):
    words: list[Word] = Field(
        min_length=1, description="Words a reader may search with that the handbook does not use, e.g. zoom, teams."
    )
    means: Word = Field(description="The handbook's own word for them, as it stands on the site: verkkotapaaminen.")


class SynonymsFile(Strict):
    synonyms: list[Synonym] = Field(min_length=1)


# --- mkdocs.yml extra: contact and permission to copy -------------------------------------------

Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")]


class ContactPerson(Strict):
    name: Text
    email: Email


class Contact(Strict):
    organisation: Text
    about: Text = Field(description="What to ask them about, as a phrase after 'Kysy': e.g. 'Työpeili-mallista ja …'.")
    people: list[ContactPerson] = Field(min_length=1)
    source: Text = Field(description="Where the details come from and when they were checked.")
    training: Text = Field(description="What is known of the facilitator training and how to ask about it.")


class Reuse(Strict):
    may: list[Text] = Field(min_length=1, description="What trainers and facilitators may copy and print.")
    credit: Text = Field(description="How to name the source; the site's address is added to it.")
    terms: list[Text] = Field(min_length=1, description="The terms of that permission.")
    reserved: Text = Field(description="What remains the authors' (the article's quotes and figures).")
    sheet_line: Text = Field(max_length=200, description="One line printed on every sheet.")


class Publisher(Strict):
    name: Text = Field(description="Named in the footer, on the print cover and at the foot of every printed sheet.")
    url: HttpUrl


class SiteSettings(Strict):
    publisher: Publisher
    contact_details: Contact
    permission_to_copy: Reuse


FILE_MODELS: dict[str, type[Strict]] = {
    "quotes": QuotesFile,
    "model": ModelFile,
    "references": ReferencesFile,
    "glossary": GlossaryFile,
    "facts": FactsFile,
    "worksheets": WorksheetsFile,
    "curriculum": CurriculumFile,
    "meetings": MeetingsFile,
    "season": SeasonFile,
    "synonyms": SynonymsFile,
}
