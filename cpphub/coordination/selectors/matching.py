"""The synergy finder's matching: the bottom-up and top-down items of a country and how well a pair fits.

Used by the finder (``services/synergies.py``) and by the gaps of ``selectors/synergies.py``;
``docs/coordination.md`` explains the weights and the mapping.

- Bottom up, per pilot location: the ranked priorities of its latest
  workshop that ranked any, and its planned or under-way actions. Their risks
  are those of the findings behind them (4Cs dimension, ICT harms), their
  target groups, outcomes and needs (expertise, in kind, budget) come from the
  actions (a priority: from the actions that answer it).
- Top down, of the same country only: open or addressed national priorities,
  strengths, commitments not yet done, and the ratings of the country's latest
  MNR assessment (the latest final one, else the latest).
- A pair scores 0..100 from weighted reasons, each ``{"code", "params"}``;
  a pair needs a substantive reason (shared risks, a matching MNR capability,
  complementary resources) before the others count.

The sentences a reason is shown as are made in one place:
``templatetags/coordination_reasons.py`` (:func:`reason_sentence`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q

from cpphub.mapping.models import Finding, IctTag, RiskDimension
from cpphub.national.models import Commitment, MnrAssessment, NationalPriority, NationalStrength
from cpphub.partnership.models import Country, PilotLocation
from cpphub.planning.models import Action, Outcome, Priority, TargetGroup, Workshop

# Scoring ---------------------------------------------------------------------------------------

THRESHOLD = 30  # a pair is suggested from this score up
TOP_N = 5  # at most this many suggestions per local item

WEIGHTS = {
    "shared_risks": 25,  # 10 for a shared 4Cs dimension, 15 for a shared ICT harm
    "matching_capability": 25,
    "same_target_group": 15,
    "same_outcome": 10,
    "complementary_resources": 15,
    "high_local_rank": 10,  # rank 1: 10, rank 2: 7, rank 3: 4
}
SHARED_DIMENSION, SHARED_HARM = 10, 15
RANK_POINTS = {1: 10, 2: 7, 3: 4}
SUBSTANTIVE = {"shared_risks", "matching_capability", "complementary_resources"}
REASON_ORDER = (
    "shared_risks",
    "matching_capability",
    "same_target_group",
    "same_outcome",
    "complementary_resources",
    "high_local_rank",
)

NATIONAL_KINDS = ("national_priority", "national_strength", "commitment", "mnr_rating")
LOCAL_KINDS = ("local_priority", "local_action")

# Which MNR capabilities a local item relates to, and through what (documented in docs/coordination.md).
CAPABILITIES_BY_HARM: dict[str, tuple[int, ...]] = {
    IctTag.GROOMING: (4, 12),
    IctTag.SEXTORTION: (4, 12),
    IctTag.LIVE_STREAMED: (4, 12, 16),
    IctTag.CSAM: (7, 12, 16, 17),
    IctTag.SELF_GENERATED: (12, 13, 16),
}
CAPABILITIES_BY_DIMENSION: dict[str, tuple[int, ...]] = {
    RiskDimension.CONTENT: (13, 16),
    RiskDimension.CONTACT: (4, 12),
    RiskDimension.CONDUCT: (13,),
    RiskDimension.CONTRACT: (4,),
}
CAPABILITIES_BY_GROUP: dict[str, tuple[int, ...]] = {
    TargetGroup.CHILDREN: (13, 14),
    TargetGroup.PARENTS: (13,),
    TargetGroup.TEACHERS: (13,),
    TargetGroup.POLICE: (4,),
    TargetGroup.JUSTICE: (5,),
    TargetGroup.SOCIAL_WORKERS: (8, 9),
    TargetGroup.HEALTH_WORKERS: (8, 9),
    TargetGroup.LAN_HOUSE_OWNERS: (19,),
    TargetGroup.COMMUNITY: (13,),
    TargetGroup.INDUSTRY: (16, 19),
}
CAPABILITIES_BY_OUTCOME: dict[str, tuple[int, ...]] = {
    Outcome.EQUIP: (9,),
    Outcome.CONNECT: (8, 11),
    Outcome.COORDINATE: (1,),
}
# Words of the titles, descriptions, expertise and in-kind needs, in English, Portuguese and Thai.
# Latin words match at the start of a word ("teach" finds "teachers"); Thai ones anywhere.
CAPABILITY_KEYWORDS: dict[int, str] = {
    1: "leadership|national strategy|national plan|governance|lideranca|ประสานงานข้ามหน่วยงาน",
    2: "research|monitoring|survey|pesquisa|monitoramento|วิจัย|สำรวจ",
    3: "legislation|law reform|legislacao|กฎหมาย",
    4: "police|law enforcement|investigat|policia|delegacia|ตำรวจ|สืบสวน|ค้ามนุษย์",
    5: "prosecut|judge|court|judiciary|promotor|ministerio publico|juiz|ศาล|อัยการ",
    6: "offender management|sex offender register",
    7: "image database|banco de imagens",
    8: "victim support|case management|counsel|shelter|acolhimento|atendimento|บ้านพัก",
    9: "social work|conselho tutelar|assistente social|สังคมสงเคราะห์|พมจ",
    10: "compensation|remedies|complaint|indenizacao",
    11: "helpline|child line|linha de ajuda|disque 100|สายด่วน",
    12: "hotline|report abuse|denuncia|safernet",
    13: "teacher|school|curricul|education|awareness|training|professor|escola|educacao|formacao|oficina"
    "|ครู|โรงเรียน|อบรม|หลักสูตร|รณรงค์",
    14: "child participation|children's council|youth council|participacao|protagonismo|สภาเด็ก|มีส่วนร่วม",
    15: "offender support|perpetration prevention",
    16: "takedown|take down|removal|remocao",
    17: "csea reporting|industry reporting",
    18: "innovat|inovacao|นวัตกรรม",
    19: "internet cafe|lan house|mobile operator|provider|isp|provedor|operadora|คาเฟ่|ผู้ให้บริการ",
    20: "media|journalis|press|midia|imprensa|jornalis|สื่อมวลชน",
    21: "terminolog|luxembourg guidelines|terminologia",
}

# Text ------------------------------------------------------------------------------------------

_THAI = re.compile(r"[\u0e00-\u0e7f]")
_WORD = re.compile(r"\w+", re.UNICODE)
_SUFFIXES = ("ings", "ing", "ers", "er", "es", "s")
STOPWORDS = frozenset(
    re.findall(
        r"\w+",
        "the and for with from into that this their they them our are was were has have not all any who against "
        "its per via about each more less than one two three new on in of to a an at by or as be is it "
        "os as um uma uns umas de da do das dos em no na nos nas por para com sem que se ao aos e ou mais "
        "seu sua seus suas pelo pela pelos pelas sobre entre",
    )
)


def normalise(text: str) -> str:
    """Casefolded, Latin accents dropped (so "educação" meets "educacao"); Thai kept as written."""
    out = []
    for char in (text or "").casefold():
        if ord(char) < 0x250:
            out.append("".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)))
        else:
            out.append(char)
    return "".join(out)


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def tokens(*texts: str) -> frozenset[str]:
    """The token set of ``texts``: stemmed words of three letters or more; Thai (written without spaces) as
    character trigrams."""
    found: set[str] = set()
    for text in texts:
        for word in _WORD.findall(normalise(text)):
            if _THAI.search(word):
                found.update(f"~{word[i : i + 3]}" for i in range(max(len(word) - 2, 1)))
            elif len(word) >= 3 and word not in STOPWORDS and not word.isdigit():
                found.add(_stem(word))
    return frozenset(found)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two token sets, 0..1."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    word = normalise(keyword)
    return re.compile(re.escape(word) if _THAI.search(word) else r"(?<!\w)" + re.escape(word))


_KEYWORD_PATTERNS: list[tuple[int, str, re.Pattern[str]]] = [
    (number, keyword, _keyword_pattern(keyword))
    for number, words in CAPABILITY_KEYWORDS.items()
    for keyword in words.split("|")
]


def capabilities_of(
    *, harms: Iterable[str], dimensions: Iterable[str], groups: Iterable[str], outcomes: Iterable[str], text: str
) -> dict[int, list[str]]:
    """The MNR capabilities an item relates to, each with what led there ("harm:grooming", "word:helpline")."""
    found: dict[int, list[str]] = defaultdict(list)
    for prefix, codes, table in (
        ("harm", harms, CAPABILITIES_BY_HARM),
        ("risk", dimensions, CAPABILITIES_BY_DIMENSION),
        ("group", groups, CAPABILITIES_BY_GROUP),
        ("outcome", outcomes, CAPABILITIES_BY_OUTCOME),
    ):
        for code in sorted(set(codes)):
            for number in table.get(code, ()):
                found[number].append(f"{prefix}:{code}")
    plain = normalise(text)
    for number, keyword, pattern in _KEYWORD_PATTERNS:
        if pattern.search(plain) and f"word:{keyword}" not in found[number]:
            found[number].append(f"word:{keyword}")
    return dict(found)


# The two sides ---------------------------------------------------------------------------------


@dataclass
class LocalItem:
    kind: str  # "local_priority" or "local_action"
    obj: Any
    location: PilotLocation
    title: str
    text: frozenset[str]
    dimensions: frozenset[str]
    harms: frozenset[str]
    groups: frozenset[str]
    outcomes: frozenset[str]
    needs: frozenset[str]  # tokens of the expertise and in-kind resources needed
    needs_budget: bool
    rank: int | None
    capabilities: dict[int, list[str]] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.obj.pk}"


@dataclass
class NationalItem:
    kind: str  # one of NATIONAL_KINDS
    obj: Any
    country_id: int
    title: str
    dimensions: frozenset[str] = frozenset()
    harms: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()
    outcome: str = ""
    capability: int | None = None
    offers: frozenset[str] = frozenset()  # tokens of the expertise a strength offers
    offer_label: str = ""
    offers_budget: bool = False
    established: bool = False  # an MNR capability in its third or fourth phase
    gap: bool = False  # an MNR capability unrated or in its first phase

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.obj.pk}"


def risk_findings() -> Prefetch:
    return Prefetch(
        "findings",
        queryset=Finding.objects.filter(kind=Finding.Kind.RISK, withdrawn_at__isnull=True).only(
            "id", "risk_dimension", "risk_row", "ict_tags"
        ),
        to_attr="risk_findings",
    )


def risks_of(findings: Iterable[Finding]) -> tuple[set[str], set[str]]:
    dimensions: set[str] = set()
    harms: set[str] = set()
    for finding in findings:
        if finding.risk_dimension:
            dimensions.add(finding.risk_dimension)
        harms.update(str(tag) for tag in finding.ict_tags or [])
    return dimensions, harms


def _action_item(action: Action, location: PilotLocation) -> LocalItem:
    findings = list(getattr(action, "risk_findings", []))
    priority = action.priority
    if priority is not None:
        findings += list(getattr(priority, "risk_findings", []))
    dimensions, harms = risks_of(findings)
    groups = {str(g) for g in action.target_groups or []}
    outcomes = {action.outcome} if action.outcome else set()
    item = LocalItem(
        kind="local_action",
        obj=action,
        location=location,
        title=action.title,
        text=tokens(action.title, action.description),
        dimensions=frozenset(dimensions),
        harms=frozenset(harms),
        groups=frozenset(groups),
        outcomes=frozenset(outcomes),
        needs=tokens(action.expertise_needed, action.in_kind),
        needs_budget=bool(action.budget and action.budget > 0),
        rank=priority.rank if priority is not None else None,
    )
    item.capabilities = capabilities_of(
        harms=harms,
        dimensions=dimensions,
        groups=groups,
        outcomes=outcomes,
        text=" ".join((action.title, action.description, action.expertise_needed, action.in_kind)),
    )
    return item


def _priority_item(priority: Priority, location: PilotLocation, actions: Sequence[Action]) -> LocalItem:
    dimensions, harms = risks_of(getattr(priority, "risk_findings", []))
    groups = {str(g) for a in actions for g in a.target_groups or []}
    outcomes = {a.outcome for a in actions if a.outcome}
    item = LocalItem(
        kind="local_priority",
        obj=priority,
        location=location,
        title=priority.title,
        text=tokens(priority.title, priority.description),
        dimensions=frozenset(dimensions),
        harms=frozenset(harms),
        groups=frozenset(groups),
        outcomes=frozenset(outcomes),
        needs=tokens(*(a.expertise_needed for a in actions), *(a.in_kind for a in actions)),
        needs_budget=any(a.budget and a.budget > 0 for a in actions),
        rank=priority.rank,
    )
    texts = [priority.title, priority.description, *(a.expertise_needed for a in actions)]
    item.capabilities = capabilities_of(
        harms=harms, dimensions=dimensions, groups=groups, outcomes=outcomes, text=" ".join(texts)
    )
    return item


def active_locations(country: Country | None) -> list[PilotLocation]:
    queryset = PilotLocation.objects.filter(is_active=True).select_related("country").order_by("name")
    if country is not None:
        queryset = queryset.filter(country=country)
    return list(queryset)


def local_items(country: Country | None = None, *, locations: Sequence[PilotLocation] | None = None) -> list[LocalItem]:
    """The bottom-up items of every active location (of ``country``), see the module's rules."""
    places = list(locations) if locations is not None else active_locations(country)
    by_id = {loc.pk: loc for loc in places}
    if not by_id:
        return []
    latest: dict[int, int] = {}
    for workshop in (
        Workshop.objects.filter(location_id__in=by_id, priorities__rank__isnull=False)
        .distinct()
        .order_by("location_id", "-date", "-id")
        .only("id", "location_id")
    ):
        latest.setdefault(workshop.location_id, workshop.pk)
    actions = list(
        Action.objects.filter(plan__location_id__in=by_id, status__in=(Action.Status.PLANNED, Action.Status.UNDER_WAY))
        .select_related("plan", "priority")
        .prefetch_related(risk_findings())
        .order_by("plan__location_id", "start", "id")
    )
    priority_ids = {a.priority_id for a in actions if a.priority_id}
    priorities = list(
        Priority.objects.filter(Q(workshop_id__in=latest.values(), rank__isnull=False) | Q(pk__in=priority_ids))
        .select_related("workshop")
        .prefetch_related(
            risk_findings(), Prefetch("actions", queryset=Action.objects.exclude(status=Action.Status.DROPPED))
        )
        .order_by("workshop__location_id", "rank", "id")
    )
    by_priority = {p.pk: p for p in priorities}
    items: list[LocalItem] = []
    for priority in priorities:
        if priority.workshop_id in latest.values() and priority.rank is not None:
            location = by_id[priority.workshop.location_id]
            items.append(_priority_item(priority, location, list(priority.actions.all())))
    for action in actions:
        if action.priority_id:
            action.priority = by_priority.get(action.priority_id, action.priority)
        items.append(_action_item(action, by_id[action.plan.location_id]))
    return items


def latest_assessment(country: Country | int) -> MnrAssessment | None:
    """The country's latest final MNR assessment, else its latest draft."""
    country_id = country if isinstance(country, int) else country.pk
    assessments = MnrAssessment.objects.filter(country_id=country_id).order_by("-assessed_on", "-id")
    return assessments.filter(status=MnrAssessment.Status.FINAL).first() or assessments.first()


def _focus(kind: str, obj: Any, **extra: Any) -> NationalItem:
    return NationalItem(
        kind=kind,
        obj=obj,
        country_id=obj.country_id,
        title=str(obj),
        dimensions=frozenset(map(str, obj.risks or [])),
        harms=frozenset(map(str, obj.ict_tags or [])),
        groups=frozenset(map(str, obj.target_groups or [])),
        outcome=obj.outcome or "",
        capability=obj.mnr_capability,
        **extra,
    )


def national_items(country_ids: Iterable[int], *, with_mnr: bool = True) -> list[NationalItem]:
    """The top-down items of the countries: open priorities, strengths, open commitments, latest MNR ratings."""
    ids = set(country_ids)
    items: list[NationalItem] = []
    open_priorities = NationalPriority.objects.filter(
        country_id__in=ids, status__in=(NationalPriority.Status.OPEN, NationalPriority.Status.ADDRESSED)
    ).select_related("organisation")
    items += [_focus("national_priority", p) for p in open_priorities]
    for strength in NationalStrength.objects.filter(country_id__in=ids).select_related("organisation"):
        items.append(
            _focus(
                "national_strength",
                strength,
                offers=tokens(strength.expertise, strength.title, strength.description),
                offer_label=strength.expertise or strength.title,
                offers_budget=strength.kind == NationalStrength.Kind.BUDGET,
            )
        )
    open_commitments = Commitment.objects.filter(country_id__in=ids, done_at__isnull=True)
    items += [_focus("commitment", c) for c in open_commitments.select_related("organisation")]
    if with_mnr:
        for country_id in sorted(ids):
            assessment = latest_assessment(country_id)
            if assessment is None:
                continue
            for rating in assessment.ratings.select_related("assessment").prefetch_related("partners"):
                items.append(
                    NationalItem(
                        kind="mnr_rating",
                        obj=rating,
                        country_id=country_id,
                        title=str(rating.get_capability_display()),
                        capability=rating.capability,
                        established=bool(rating.phase and rating.phase >= 3),
                        gap=rating.is_gap,
                        offer_label=", ".join(sorted(str(o) for o in rating.partners.all())),
                    )
                )
    return items


def reason(code: str, **params: Any) -> dict[str, Any]:
    return {"code": code, "params": params}


def score_pair(local: LocalItem, national: NationalItem) -> tuple[int, list[dict[str, Any]]]:
    """The score (0..100) of a pair and its reasons; (0, []) without a substantive reason."""
    found: dict[str, tuple[int, dict[str, Any]]] = {}
    dimensions = sorted(local.dimensions & national.dimensions)
    harms = sorted(local.harms & national.harms)
    if dimensions or harms:
        points = SHARED_DIMENSION * bool(dimensions) + SHARED_HARM * bool(harms)
        found["shared_risks"] = (points, reason("shared_risks", risks=dimensions, harms=harms))
    number = national.capability
    if number and number in local.capabilities:
        params: dict[str, Any] = {"capability": number, "via": local.capabilities[number][:3]}
        if national.kind == "mnr_rating":
            params["gap"] = national.gap
        found["matching_capability"] = (WEIGHTS["matching_capability"], reason("matching_capability", **params))
    groups = sorted(local.groups & national.groups)
    if groups:
        found["same_target_group"] = (WEIGHTS["same_target_group"], reason("same_target_group", groups=groups))
    if national.outcome and national.outcome in local.outcomes:
        found["same_outcome"] = (WEIGHTS["same_outcome"], reason("same_outcome", outcome=national.outcome))
    complementary = _complementary(local, national)
    if complementary:
        found["complementary_resources"] = (WEIGHTS["complementary_resources"], complementary)
    if not SUBSTANTIVE & set(found):
        return 0, []
    if local.rank in RANK_POINTS:
        found["high_local_rank"] = (RANK_POINTS[local.rank or 0], reason("high_local_rank", rank=local.rank))
    score = min(sum(points for points, _r in found.values()), 100)
    return score, [found[code][1] for code in REASON_ORDER if code in found]


def _complementary(local: LocalItem, national: NationalItem) -> dict[str, Any] | None:
    if national.kind == "national_strength":
        if national.offers_budget and local.needs_budget:
            return reason("complementary_resources", offer="budget", what=national.offer_label)
        shared = local.needs & national.offers
        thai = [t for t in shared if t.startswith("~")]
        if len(shared) - len(thai) >= 1 or len(thai) >= 2:
            return reason("complementary_resources", offer="expertise", what=national.offer_label)
    if national.kind == "mnr_rating" and national.established and national.capability in local.capabilities:
        return reason("complementary_resources", offer="capability", what=national.offer_label)
    return None


@dataclass(frozen=True)
class Match:
    local: LocalItem
    national: NationalItem
    score: int
    reasons: list[dict[str, Any]]

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.local.key, self.national.key)


def fingerprint(local_key: str, national_key: str) -> str:
    return f"{local_key}|{national_key}"


def matches(locals_: Sequence[LocalItem], nationals: Sequence[NationalItem]) -> list[Match]:
    """Every pair of the same country at or above the threshold, the best ``TOP_N`` of each local item."""
    by_country: dict[int, list[NationalItem]] = defaultdict(list)
    for national in nationals:
        by_country[national.country_id].append(national)
    kind_order = {kind: i for i, kind in enumerate(NATIONAL_KINDS)}
    kept: list[Match] = []
    for local in locals_:
        found = []
        for national in by_country.get(local.location.country_id, []):
            score, reasons = score_pair(local, national)
            if score >= THRESHOLD:
                found.append(Match(local, national, score, reasons))
        found.sort(key=lambda m: (-m.score, kind_order[m.national.kind], m.national.obj.pk))
        kept += found[:TOP_N]
    return kept


def score_decimal(score: int) -> Decimal:
    return Decimal(score).quantize(Decimal("0.01"))
