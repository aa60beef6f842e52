"""Reads of the synergy finder: what a bottom-up item and a top-down item share, duplicated effort, gaps.

Every partnership member reads synergies, duplicated effort and gaps. A
synergy with an MNR capability is MNR detail of its country: only the
country's focal points and coordinators see it (``mnr_detail_country_ids``).

Matching (``docs/coordination.md`` explains the weights and the mapping):

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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from cpphub.coordination.models import CoordinatedAction, Synergy
from cpphub.coordination.selectors.access import access_coordination
from cpphub.mapping.models import Finding, IctTag, RiskDimension
from cpphub.national.models import Commitment, MnrAssessment, NationalPriority, NationalStrength
from cpphub.national.selectors.access import mnr_detail_country_ids
from cpphub.partnership.models import Country, PilotLocation
from cpphub.planning.models import Action, Outcome, Priority, TargetGroup, Workshop

# Scoring ---------------------------------------------------------------------------------------

THRESHOLD = 30  # a pair is suggested from this score up
TOP_N = 5  # at most this many suggestions per local item
GAP_RANK = 3  # a local priority ranked this high or higher is a gap when nothing covers it
DUPLICATE_SIMILARITY = 0.35  # token-set (Jaccard) similarity of titles and descriptions

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


def _risk_findings() -> Prefetch:
    return Prefetch(
        "findings",
        queryset=Finding.objects.filter(kind=Finding.Kind.RISK, withdrawn_at__isnull=True).only(
            "id", "risk_dimension", "risk_row", "ict_tags"
        ),
        to_attr="risk_findings",
    )


def _risks(findings: Iterable[Finding]) -> tuple[set[str], set[str]]:
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
    dimensions, harms = _risks(findings)
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
    dimensions, harms = _risks(getattr(priority, "risk_findings", []))
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


def _locations(country: Country | None) -> list[PilotLocation]:
    queryset = PilotLocation.objects.filter(is_active=True).select_related("country").order_by("name")
    if country is not None:
        queryset = queryset.filter(country=country)
    return list(queryset)


def local_items(country: Country | None = None, *, locations: Sequence[PilotLocation] | None = None) -> list[LocalItem]:
    """The bottom-up items of every active location (of ``country``), see the module's rules."""
    places = list(locations) if locations is not None else _locations(country)
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
        .prefetch_related(_risk_findings())
        .order_by("plan__location_id", "start", "id")
    )
    priority_ids = {a.priority_id for a in actions if a.priority_id}
    priorities = list(
        Priority.objects.filter(Q(workshop_id__in=latest.values(), rank__isnull=False) | Q(pk__in=priority_ids))
        .select_related("workshop")
        .prefetch_related(
            _risk_findings(), Prefetch("actions", queryset=Action.objects.exclude(status=Action.Status.DROPPED))
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


def _reason(code: str, **params: Any) -> dict[str, Any]:
    return {"code": code, "params": params}


def score_pair(local: LocalItem, national: NationalItem) -> tuple[int, list[dict[str, Any]]]:
    """The score (0..100) of a pair and its reasons; (0, []) without a substantive reason."""
    found: dict[str, tuple[int, dict[str, Any]]] = {}
    dimensions = sorted(local.dimensions & national.dimensions)
    harms = sorted(local.harms & national.harms)
    if dimensions or harms:
        points = SHARED_DIMENSION * bool(dimensions) + SHARED_HARM * bool(harms)
        found["shared_risks"] = (points, _reason("shared_risks", risks=dimensions, harms=harms))
    number = national.capability
    if number and number in local.capabilities:
        params: dict[str, Any] = {"capability": number, "via": local.capabilities[number][:3]}
        if national.kind == "mnr_rating":
            params["gap"] = national.gap
        found["matching_capability"] = (WEIGHTS["matching_capability"], _reason("matching_capability", **params))
    groups = sorted(local.groups & national.groups)
    if groups:
        found["same_target_group"] = (WEIGHTS["same_target_group"], _reason("same_target_group", groups=groups))
    if national.outcome and national.outcome in local.outcomes:
        found["same_outcome"] = (WEIGHTS["same_outcome"], _reason("same_outcome", outcome=national.outcome))
    complementary = _complementary(local, national)
    if complementary:
        found["complementary_resources"] = (WEIGHTS["complementary_resources"], complementary)
    if not SUBSTANTIVE & set(found):
        return 0, []
    if local.rank in RANK_POINTS:
        found["high_local_rank"] = (RANK_POINTS[local.rank or 0], _reason("high_local_rank", rank=local.rank))
    score = min(sum(points for points, _r in found.values()), 100)
    return score, [found[code][1] for code in REASON_ORDER if code in found]


def _complementary(local: LocalItem, national: NationalItem) -> dict[str, Any] | None:
    if national.kind == "national_strength":
        if national.offers_budget and local.needs_budget:
            return _reason("complementary_resources", offer="budget", what=national.offer_label)
        shared = local.needs & national.offers
        thai = [t for t in shared if t.startswith("~")]
        if len(shared) - len(thai) >= 1 or len(thai) >= 2:
            return _reason("complementary_resources", offer="expertise", what=national.offer_label)
    if national.kind == "mnr_rating" and national.established and national.capability in local.capabilities:
        return _reason("complementary_resources", offer="capability", what=national.offer_label)
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


# Lists -----------------------------------------------------------------------------------------


def _visible(viewer: Any) -> Q:
    """MNR-capability synergies only for those who read the country's MNR details."""
    countries = mnr_detail_country_ids(viewer)
    if countries is None:
        return Q()
    return Q(mnr_rating__isnull=True) | Q(country_id__in=countries)


def synergy_queryset() -> QuerySet[Synergy]:
    return Synergy.objects.select_related(
        "location__country",
        "country",
        "local_priority__workshop",
        "local_action__plan",
        "local_action__lead_partner",
        "national_priority__organisation",
        "national_priority__country",
        "national_strength__organisation",
        "national_strength__country",
        "commitment__organisation",
        "commitment__country",
        "mnr_rating__assessment",
        "decided_by",
        "coordinated_action",
    )


def synergy_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Synergy]:
    """Synergies ``viewer`` may see, best first; filters: country (code), location (slug), status, min_score,
    kind (of the top-down item), local (kind of the bottom-up item)."""
    from cpphub.coordination.filters.synergies import SynergyFilter

    access_coordination(viewer)
    queryset = synergy_queryset().filter(_visible(viewer)).order_by("-score", "id")
    return SynergyFilter(filters, queryset=queryset).qs if filters else queryset


def status_counts(queryset: QuerySet[Synergy]) -> dict[str, int]:
    """How many of ``queryset`` are suggested, accepted, dismissed."""
    counts = dict.fromkeys(Synergy.Status.values, 0)
    for row in queryset.order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


def can_see_synergy(viewer: Any, synergy: Synergy) -> bool:
    """Whether ``viewer`` may see ``synergy`` (its MNR side is MNR detail of its country)."""
    if not synergy.mnr_rating_id:
        return True
    countries = mnr_detail_country_ids(viewer)
    return countries is None or synergy.country_id in countries


def access_synergy(viewer: Any, pk: Any) -> Synergy:
    """The synergy, or 404 when it does not exist or ``viewer`` may not see it."""
    access_coordination(viewer)
    return get_object_or_404(synergy_queryset().filter(_visible(viewer)), pk=pk)


def national_kind(synergy: Synergy) -> str:
    return next(kind for kind in NATIONAL_KINDS if getattr(synergy, f"{kind}_id"))


def local_kind(synergy: Synergy) -> str:
    return "local_priority" if synergy.local_priority_id else "local_action"


# Duplicated effort ------------------------------------------------------------------------------


@dataclass
class Effort:
    """Something a partner does somewhere: a local action, a coordinated action or a national commitment."""

    kind: str  # "local_action", "coordinated_action", "commitment"
    obj: Any
    partner: Any  # Organisation or None
    location_ids: frozenset[int]
    country_ids: frozenset[int]
    place: str
    outcomes: frozenset[str]
    groups: frozenset[str]
    dimensions: frozenset[str]
    harms: frozenset[str]
    text: frozenset[str]
    joins: frozenset[int] = frozenset()  # local actions a coordinated action joins


@dataclass(frozen=True)
class Duplicate:
    first: Effort
    second: Effort
    similarity: float
    reasons: list[dict[str, Any]]

    @property
    def pair(self) -> tuple[Effort, Effort]:
        return (self.first, self.second)


def _efforts(country: Country | None, location: PilotLocation | None) -> list[Effort]:
    efforts: list[Effort] = []
    open_actions = Action.objects.filter(status__in=(Action.Status.PLANNED, Action.Status.UNDER_WAY))
    if location is not None:
        open_actions = open_actions.filter(plan__location=location)
    elif country is not None:
        open_actions = open_actions.filter(plan__location__country=country)
    for action in open_actions.select_related("plan__location", "lead_partner", "priority").prefetch_related(
        _risk_findings()
    ):
        dimensions, harms = _risks(action.risk_findings)  # type: ignore[attr-defined]
        loc = action.plan.location
        efforts.append(
            Effort(
                "local_action",
                action,
                action.lead_partner,
                frozenset({loc.pk}),
                frozenset({loc.country_id}),
                loc.name,
                frozenset({action.outcome}),
                frozenset(map(str, action.target_groups or [])),
                frozenset(dimensions),
                frozenset(harms),
                tokens(action.title, action.description),
            )
        )
    coordinated = CoordinatedAction.objects.filter(
        status__in=(CoordinatedAction.Status.PLANNED, CoordinatedAction.Status.UNDER_WAY)
    )
    if location is not None:
        coordinated = coordinated.filter(Q(locations=location) | Q(countries=location.country_id))
    elif country is not None:
        coordinated = coordinated.filter(Q(locations__country=country) | Q(countries=country))
    for ca in coordinated.distinct().select_related("lead").prefetch_related("locations", "countries", "local_actions"):
        locations = list(ca.locations.all())
        countries = {c.pk for c in ca.countries.all()} | {loc.country_id for loc in locations}
        names = [loc.name for loc in locations] or [c.name for c in ca.countries.all()]
        efforts.append(
            Effort(
                "coordinated_action",
                ca,
                ca.lead,
                frozenset(loc.pk for loc in locations),
                frozenset(countries),
                ", ".join(names),
                frozenset({ca.outcome}),
                frozenset(map(str, ca.target_groups or [])),
                frozenset(map(str, ca.risks or [])),
                frozenset(),
                tokens(ca.title, ca.description),
                frozenset(a.pk for a in ca.local_actions.all()),
            )
        )
    commitments = Commitment.objects.filter(done_at__isnull=True).select_related("organisation", "country")
    if location is not None:
        commitments = commitments.filter(country_id=location.country_id)
    elif country is not None:
        commitments = commitments.filter(country=country)
    for commitment in commitments:
        efforts.append(
            Effort(
                "commitment",
                commitment,
                commitment.organisation,
                frozenset(),
                frozenset({commitment.country_id}),
                commitment.country.name,
                frozenset({commitment.outcome} if commitment.outcome else set()),
                frozenset(map(str, commitment.target_groups or [])),
                frozenset(map(str, commitment.risks or [])),
                frozenset(map(str, commitment.ict_tags or [])),
                tokens(commitment.title),
            )
        )
    return efforts


def _same_place(a: Effort, b: Effort) -> bool:
    if a.location_ids and b.location_ids:
        return bool(a.location_ids & b.location_ids)
    return bool(a.country_ids & b.country_ids)


def _related(a: Effort, b: Effort) -> bool:
    """One is part of the other: a coordinated action joining a local action is not a duplicate of it."""
    for x, y in ((a, b), (b, a)):
        if x.kind == "coordinated_action" and y.kind == "local_action" and y.obj.pk in x.joins:
            return True
    return False


def duplicated_effort(
    *, viewer: Any = None, country: Country | None = None, location: PilotLocation | None = None
) -> list[Duplicate]:
    """Two partners doing the same thing for the same group in the same place, with why.

    Same place (the same location, or the same country when one side is national), different partners,
    the same outcome, overlapping target groups and risks, and titles and descriptions at least
    ``DUPLICATE_SIMILARITY`` alike.
    """
    if viewer is not None:
        access_coordination(viewer)
    efforts = _efforts(country, location)
    found: list[Duplicate] = []
    for i, a in enumerate(efforts):
        for b in efforts[i + 1 :]:
            if a.partner is None or b.partner is None or a.partner.pk == b.partner.pk:
                continue
            if not _same_place(a, b) or _related(a, b):
                continue
            outcomes = a.outcomes & b.outcomes
            groups = sorted(a.groups & b.groups)
            dimensions = sorted(a.dimensions & b.dimensions)
            harms = sorted(a.harms & b.harms)
            alike = similarity(a.text, b.text)
            if not (outcomes and groups and (dimensions or harms) and alike >= DUPLICATE_SIMILARITY):
                continue
            place = a.place if len(a.location_ids) and a.location_ids <= b.location_ids else b.place or a.place
            reasons = [
                _reason("different_partners", partners=sorted([str(a.partner), str(b.partner)])),
                _reason("same_place", place=place),
                _reason("same_outcome", outcome=sorted(outcomes)[0]),
                _reason("same_target_group", groups=groups),
                _reason("shared_risks", risks=dimensions, harms=harms),
                _reason("similar_text", percent=round(alike * 100)),
            ]
            found.append(Duplicate(a, b, alike, reasons))
    found.sort(key=lambda d: -d.similarity)
    return found


# Gaps ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    item: LocalItem
    reasons: list[dict[str, Any]]


def gaps(
    *,
    viewer: Any = None,
    country: Country | None = None,
    location: PilotLocation | None = None,
    max_rank: int = GAP_RANK,
) -> list[Gap]:
    """High-ranked local priorities (rank <= ``max_rank``) that nothing top-down covers, with why.

    Covered means: a national priority, strength or commitment of the country matches it (the finder's
    score at or above the threshold), or one of its synergies was accepted, or a coordinated action joins
    it (made from its synergy, or joining one of the actions that answer it).
    """
    if viewer is not None:
        access_coordination(viewer)
    places = [location] if location is not None else _locations(country)
    priorities = [item for item in local_items(locations=places) if item.kind == "local_priority"]
    priorities = [item for item in priorities if item.rank is not None and item.rank <= max_rank]
    if not priorities:
        return []
    nationals = national_items({item.location.country_id for item in priorities}, with_mnr=False)
    ids = [item.obj.pk for item in priorities]
    accepted = set(
        Synergy.objects.filter(status=Synergy.Status.ACCEPTED)
        .filter(Q(local_priority_id__in=ids) | Q(local_action__priority_id__in=ids))
        .values_list("local_priority_id", "local_action__priority_id")
    )
    accepted_ids = {pk for pair in accepted for pk in pair if pk}
    joined = set(
        CoordinatedAction.objects.filter(
            Q(synergy__local_priority_id__in=ids)
            | Q(synergy__local_action__priority_id__in=ids)
            | Q(local_actions__priority_id__in=ids)
        ).values_list("synergy__local_priority_id", "synergy__local_action__priority_id", "local_actions__priority_id")
    )
    joined_ids = {pk for row in joined for pk in row if pk}
    found: list[Gap] = []
    for item in priorities:
        pk = item.obj.pk
        country_items = [n for n in nationals if n.country_id == item.location.country_id]
        if any(score_pair(item, n)[0] >= THRESHOLD for n in country_items):
            continue
        if pk in accepted_ids or pk in joined_ids:
            continue
        reasons = [
            _reason("high_local_rank", rank=item.rank),
            _reason("no_national_match", country=str(item.location.country)),
            _reason("no_accepted_synergy"),
            _reason("no_coordinated_action"),
        ]
        if item.dimensions or item.harms:
            reasons.insert(1, _reason("local_risks", risks=sorted(item.dimensions), harms=sorted(item.harms)))
        found.append(Gap(item, reasons))
    found.sort(key=lambda g: (g.item.location.name, g.item.rank or 99))
    return found


def score_decimal(score: int) -> Decimal:
    return Decimal(score).quantize(Decimal("0.01"))
