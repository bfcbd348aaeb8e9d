"""The shape of a knowledge entry. Field names follow Open Referral HSDS where one exists."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

District = Literal["berlin", "charlottenburg-wilmersdorf", "mitte"]
Scope = Literal["berlin-wide", "any-district", "residents"]
PhonePurpose = Literal["general", "appointments", "hotline", "emergency", "counselling"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Address(_Frozen):
    address_1: str = Field(min_length=1)
    postal_code: str | None = Field(default=None, pattern=r"^\d{5}$")
    city: str = "Berlin"

    def one_line(self) -> str:
        place = " ".join(part for part in (self.postal_code, self.city) if part)
        return f"{self.address_1}, {place}"


class Geo(_Frozen):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Phone(_Frozen):
    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)
    number: str = Field(min_length=2)
    purpose: PhonePurpose = "general"
    hours: str | None = None


class Schedule(_Frozen):
    opening_hours: str = Field(min_length=1)
    appointment_only: bool = False


class Appointment(_Frozen):
    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)
    policy: Literal["required", "optional", "none"]
    url: str | None = None
    phone: str | None = None


class Source(_Frozen):
    url: str
    note: str | None = None
    as_of: dt.date | None = None  # the date the page states, or the date it was stored


class Verified(_Frozen):
    """A person checked the entry's facts against its sources: shown on the card."""

    by: str = Field(min_length=1)  # a role, e.g. "Integrationsbüro Mitte", never a person's name
    on: dt.date


class Texts(_Frozen):
    """What one language says about an entry: shown to users and used for matching."""

    translation: Literal["reviewed", "machine"]
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    questions: tuple[str, ...] = Field(min_length=4)
    keywords: tuple[str, ...] = Field(min_length=1)
    required_documents: tuple[str, ...] = ()
    how_to_book: str | None = None
    eligibility: str | None = None
    cost: str | None = None

    def match_texts(self) -> tuple[str, ...]:
        return (self.title, *self.questions, *self.keywords)


class Ages(_Frozen):
    """Who a service is for by age, as its sources say ("unter 25", "6 bis 18 Jahre"): a message that tells only
    ages outside it ("ich bin 52", "pesaram 3 salashe") does not get it (bot/matching/ages.py)."""

    min: int = Field(default=0, ge=0, le=120)
    max: int = Field(default=120, ge=0, le=120)

    @model_validator(mode="after")
    def _ordered(self) -> Ages:
        if self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        return self

    def admits(self, age: int) -> bool:
        return self.min <= age <= self.max


class Entry(_Frozen):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    status: Literal["active", "inactive"]
    districts: tuple[District, ...] = Field(min_length=1)
    scope: Scope
    service_area: tuple[District, ...] = ()
    service: str | None = Field(default=None, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    topics: tuple[str, ...] = Field(min_length=1)
    organization: str = Field(min_length=1)
    address: Address | None = None
    geo: Geo | None = None
    phones: tuple[Phone, ...] = ()
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    website: str | None = None
    schedules: tuple[Schedule, ...] = ()
    appointment: Appointment | None = None
    languages: tuple[str, ...] = ()
    ages: Ages | None = None
    sources: tuple[Source, ...] = Field(min_length=1)
    assured_date: dt.date
    verified: Verified | None = None
    translations: dict[str, Texts]

    @property
    def active(self) -> bool:
        return self.status == "active"

    def texts(self, lang: str) -> Texts:
        """Texts in `lang`, falling back to English then German (validated entries have all)."""
        return self.translations.get(lang) or self.translations.get("en") or self.translations["de"]


class EmergencyIntent(_Frozen):
    """`words` make a message this emergency; `weak` words ("threatens me") only when no `unless` phrase says
    what the threat is about ("to cancel the contract", "with notice"): a landlord's or employer's threat is
    no emergency. An `earlier` phrase tells of the event as past ("after a stroke", "після інсульту"), a `figurative`
    one uses the words as a figure of speech for a thing ("sınav beni öldürecek": the exam will kill me): the words
    inside either do not count, while any other word of the kind still does (and the sentence model still looks)."""

    prefer: tuple[str, ...] = Field(min_length=1)
    words: tuple[str, ...] = Field(min_length=1)
    weak: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    earlier: tuple[str, ...] = ()
    figurative: tuple[str, ...] = ()


class OwnFile(_Frozen):
    """A request to look into the person's own file: a word of `ask` ("check", "where is", "на каком этапе")
    together with one of `mine` ("my application", "dosyam", "ملفي"). Only a caseworker can look."""

    ask: tuple[str, ...] = ()
    mine: tuple[str, ...] = ()


class MyCase(_Frozen):
    """Asking what exactly to do in one's own case: a word of `exactly` ("genau", "конкретно", "بالضبط")
    together with one of `case` ("in meinem Fall", "в моей ситуации", "بحالتي"). Only a caseworker can say;
    "what do I need to do in my situation" without `exactly` is an ordinary question."""

    exactly: tuple[str, ...] = ()
    case: tuple[str, ...] = ()


class CaseSituation(_Frozen):
    """A situation told: one phrase of every group in `all` is in the message and none of `unless` ("we are
    divorcing" and "my residence depends on him"). Each word alone is an ordinary question. Alone (in
    `complex.situations`) it is a case for a person."""

    all: tuple[tuple[str, ...], ...] = Field(min_length=2)
    unless: tuple[str, ...] = ()


class Situation(CaseSituation):
    """A situation where the office a message names is not the one that helps now: when it is told, the `answer`
    entries come first ("recognised, and the Sozialamt stops paying": the Jobcenter). For transitions every
    caseworker knows, not for single words."""

    answer: tuple[str, ...] = Field(min_length=1)


class ComplexIntent(_Frozen):
    """A case for a person: `strong` words alone, two `weak` ones (or one in a long message), problems
    in several life `domains` at once (benefits stopped, landlord's notice, residence at risk: see
    tuning.COMPLEX_DOMAINS), fewer domains told by someone `overwhelmed` ("I don't know where to start":
    tuning.COMPLEX_OVERWHELMED_DOMAINS), a case the person calls `complicated` ("mein Fall ist kompliziert",
    "vaziatam pichide ast"), a request to check the person's `own_file`, what to do in `my_case`, or one of the
    `situations` told (a separation while the residence depends on the spouse).
    A word of `letters` is a weak word, except alone in a message naming one of the `letter_senders` (the
    Jobcenter, the Familienkasse, a bank, the school): then the letter is how that office's need arrives.
    A `legal_request` ("kostenlose Rechtsberatung", "avukata param yok") asks for the legal advice services: then
    the weak words (a court letter, a lawyer) are the need told, not a tangle, and do not count. A `no_stake`
    phrase holds a weak word that puts nothing at stake: how the person came or what they already won ("kam über
    Familiennachzug", "positiven Bescheid bekommen"), a bank's refusal of an account (the Basiskonto is the answer),
    a debt collector's threat of court (no case yet); a weak word inside it does not count."""

    strong: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    letters: tuple[str, ...] = ()  # "Brief", "письмо", "نامه": a weak word, unless its sender is a letter_sender
    letter_senders: tuple[str, ...] = ()  # "Jobcenter", "Familienkasse", "банк": their letters are their own need
    legal_request: tuple[str, ...] = ()
    no_stake: tuple[str, ...] = ()
    domains: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    overwhelmed: tuple[str, ...] = ()  # "weiß nicht, wo ich anfangen soll", "не знаю с чего начать"
    complicated: tuple[str, ...] = ()  # "mein Fall ist kompliziert", "складна ситуація": the person says it is a case
    own_file: OwnFile = Field(default_factory=OwnFile)
    my_case: MyCase = Field(default_factory=MyCase)
    situations: dict[str, CaseSituation] = Field(default_factory=dict)


class PersonIntent(_Frozen):
    """Asking for a human: `phrases` count anywhere, `alone` words only in a message of a few words, and a word of
    `talk` within a few words of one of `who` ("mit einer Beraterin sprechen", "консультация с человеком",
    "yetkili biriyle görüşmek").

    "Mitarbeiter" or "operator" alone asks for a person; "der Mitarbeiter im Bürgeramt war
    unfreundlich" is a question about an office. `who` names staff or a human as such, never "someone" or a
    psychologist: "I need someone to talk to" is a need for counselling, not for a caseworker.
    """

    phrases: tuple[str, ...] = ()
    alone: tuple[str, ...] = ()
    talk: tuple[str, ...] = ()
    who: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()  # cancels `talk` near `who`: "eine Beraterin, nicht einen Mann" wants a service


class NearbyIntent(_Frozen):
    """A place to eat or sit near an office asked about ("der Dönerladen neben dem Jobcenter", "a café opposite the
    Ausländerbehörde", "kafe nazdik LEA"): a word of `places` and one of `near` anywhere in the message, and none of
    `unless` (work at such a place, a language café). Two short lists instead of a phrase per place and wording."""

    places: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()


class Intents(_Frozen):
    """knowledge/intents.yaml: words that decide before any service is scored."""

    smalltalk: tuple[str, ...] = ()
    offtopic: tuple[str, ...] = ()
    # an off-topic word does not count when the message also names who pays or an office ("does the Jobcenter pay
    # the driving school?", "Bildung und Teilhabe Schwimmkurs"): a question about benefits, not about leisure
    offtopic_unless: tuple[str, ...] = ()
    # errands that are off-topic at any length ("Anmeldung im Fitnessstudio, muss ich 2 Jahre Vertrag machen?"):
    # the office word inside names no office; `offtopic_unless` still keeps "does the Jobcenter pay" a question
    offtopic_errands: tuple[str, ...] = ()
    # an office's name in play ("my hamster is called Jobcenter", "a poem about the Ausländerbehörde", "is the
    # Bürgeramt building listed?"): off-topic whatever office it names, so `offtopic_unless` does not count here
    offtopic_play: tuple[str, ...] = ()
    offtopic_nearby: NearbyIntent = NearbyIntent()  # a café or a snack bar near an office: play, too
    emergency: dict[str, EmergencyIntent] = Field(default_factory=dict)
    complex: ComplexIntent = ComplexIntent()
    person: PersonIntent = PersonIntent()
    urgent_legal: tuple[str, ...] = ()
    # shown at once for deadlines, courts, deportation and detention, beside the hand-off to a person
    urgent_legal_help: tuple[str, ...] = ()
    # words asking for an association, community or group: the organisation directory answers
    organisation: tuple[str, ...] = ()
    # words looking for a speaker or an expert: the speaker request is offered
    speaker: tuple[str, ...] = ()
    # the office that brokers speakers and experts, shown when speaker requests cannot be passed on
    speaker_office: tuple[str, ...] = ()
    events: tuple[str, ...] = ()  # "what's on", "Veranstaltungen": the events list instead of a service
    situations: dict[str, Situation] = Field(default_factory=dict)


BerlinDistrict = Literal[
    "mitte", "friedrichshain-kreuzberg", "pankow", "charlottenburg-wilmersdorf", "spandau",
    "steglitz-zehlendorf", "tempelhof-schoeneberg", "neukoelln", "treptow-koepenick",
    "marzahn-hellersdorf", "lichtenberg", "reinickendorf",
]


class PostcodeSource(_Frozen):
    url: str
    note: str | None = None


class Postcodes(_Frozen):
    """knowledge/postcodes.yaml: Berlin postcode -> the districts it lies in (main district first)."""

    source: tuple[PostcodeSource, ...] = Field(min_length=1)
    assured_date: dt.date
    postcodes: dict[str, tuple[BerlinDistrict, ...]]
