"""Decide, for claims grouped into matters, who disagrees with whom and who corroborates whom.

A pair is about the same proposition (one matter) when its embeddings are
close and it shares informative terms, or the reporter set the two side by
side in one sentence. Disagreement has its own, looser test: opposite polarity
from different voices at a lower cosine, or a denial answering a claim of the
same article (`denial`). Same polarity from independent voices with a tighter
bar is a corroboration. Figures conflict when two voices give incompatible
values for the same counted thing.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Callable, Iterable, Optional

import numpy as np

from ..ingest import ISO_DAY
from ..model import Analysis, Claim, Corroboration, Disagreement, Figure, Matter, Side, Source, Span
from ..numbers import SCALES
from .claims import NEGATORS, asks, asks_anonymity, dismisses, is_denial, questions_statement, refuses, withholds
from .embed import Embedder
from .grouping import group, stem

ELLIPTIC_WORDS = 8     # "headway had been made": only its sentence says what it is about
SAME = 0.65            # cosine at which two claims say the same thing outright
SAME_WITH_TERM = 0.5  # ... or when they share an informative term
SAME_WITH_TERMS = 0.35  # ... or two
SAME_SENTENCE = 0.5    # juxtaposed by the reporter in one sentence
OPPOSED = 0.5          # opposite polarity this close: one proposition asserted and negated
OPPOSED_WITH_TERM = 0.4  # ... or a little less close with an informative term in common
DENIAL_TARGET = 0.4    # a denial answers a claim of the same article it is this close to
DENIAL_TARGET_WITH_TERM = 0.3  # ... or this close with an informative term in common ('retaliation')
REPLY_CHARS = 400      # a reply answers the other voice's claim ending at most this far before it (about two sentences)
REPLY_FLOOR = 0.1      # ... whatever its words, unless they share nothing at all
MISSPELT_LENGTH = 6     # 'Sharption' and 'Sharpton' are one name; 'Trump' and 'Trumps' may be two
UNRESOLVED_WORDS = 3   # 'the Republican incumbent': a bare role, not a description of someone
JOIN = 0.5             # a claim clashing with one camp joins the other when this close to it
AGREE = 0.55           # same-polarity claims this close stand on one side
CORROBORATE = 0.75     # corroboration needs a tighter bar: near-paraphrase, or two shared terms at AGREE
COMMON_SHARE = 0.2    # a term in more of the pool than this is the topic, not the matter
EXACT_TOLERANCE = 0.005
ABOUT_TOLERANCE = 0.1
FIGURE_OVERLAP = 0.6
# a sentence ends at . ! or ? and a space, but not after "Mr." or an initial ("Donald J. Trump", "U.S.")
SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bSen)(?<!\bRep)(?<!\bGov)"
                          r"(?<!\bGen)(?<![\s.][A-Z])[.!?][\"'\u201d\u2019]?\s|\n\s*\n")
ANAPHORIC_WORDS = 5      # "rejected the allegation": the allegation is in the sentence before
OPENING = re.compile(r"(?<=[.!?])[\"'\u201d\u2019]*\s")  # where a quote's first sentence ends
# "said the allegations had no substance": a definite reference to something said before; the noun names the
# verb that said it ('alleging', 'accused', 'reported'), so the stem ties the denial to that claim
PRIOR_STATEMENT = re.compile(r"\b(?:the|these|those|such|that|this|its|their|his|her)\s+(?:\w+\s+)?"
                             r"(alleg|accus|claim|report|charg|suggest|assert|critic)(?:ations?|es|s|ed|ions?|isms?)?\b"
                             r"|\b(?:the|these|those|such|that|this|its|their|his|her)\s+(?:\w+\s+)?"
                             r"(?:notion|stor(?:y|ies)|characterizations?|rumou?rs?|account|(?:law)?suits?|complaints?|"
                             r"findings|articles?|statements?|remarks|comments|memo|tweets?)\b", re.IGNORECASE)
PRIOR_CLAIM_CHARS = 1500  # how far back the claims "the allegations" answers may lie: the paragraphs that list them
FIGURE_SAME = 0.4        # cosine of two figures' sentences for them to count the same thing
SPEAKER_NAME = re.compile(r"\b[A-Z][A-Za-z\-]+\b(?!['\u2019]s)")  # not 'Carson' in 'one of Carson's advisers'
NAME = re.compile(r"[A-Z][a-z]*[A-Za-z\-]*[a-z]\b\.?")
BEFORE_NAME = {"for", "to", "by", "behind", "over", "against"}  # '39 percent for Trump': a name after the figure owns it
NOT_ANCHOR = {"The", "A", "An", "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "President", "Republican",
              "Republicans", "Democratic", "Democrat", "Democrats", "According", "But", "And", "In", "On", "By",
              "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
WORD = re.compile(r"[a-z]+")
CURRENCY_AFTER = re.compile(r"(?:\s+[A-Z][a-z]+)*\s+(?:dollars?|pesos?|francs?|rupees?|pounds?|crowns?|kroner|krona)\b")
# states and directions a claim can assert the opposite of without a 'not'
ANTONYMS = [("awake", "asleep"), ("armed", "unarmed"), ("alive", "dead"), ("guilty", "innocent"), ("legal", "illegal"),
            ("constitutional", "unconstitutional"), ("qualified", "unqualified"), ("fit", "unfit"), ("win", "lose"),
            ("won", "lost"), ("winning", "losing"), ("increase", "decrease"), ("increased", "decreased"),
            ("rise", "fall"), ("rose", "fell"), ("rising", "falling"), ("higher", "lower"),
            ("gain", "loss"), ("safe", "unsafe"), ("safe", "dangerous"), ("stronger", "weaker"), ("strong", "weak"),
            ("better", "worse"), ("improve", "worsen"), ("improved", "worsened"), ("peaceful", "violent"),
            ("raise", "cut"), ("raising", "cutting")]
NUMBER = re.compile(r"\d[\d,.]*\d|\d")
PRONOUN = re.compile(r"\b(?:he|she|him|his|her|hers|it|its|they|them|their)\b", re.IGNORECASE)
PERSONAL = {"he", "she", "him", "his", "her", "hers"}
FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}
PRONOUNS = PERSONAL | {"it", "its", "they", "them", "their", "who"}  # 'he', never tied to a name: anyone of the article
TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.?\s+$")  # 'Mr. Trump': a person, whom 'him' can mean
ANTECEDENT_SENTENCES = 1  # sentences before the figure's own that a pronoun's name is looked for in
BASE = re.compile(r"^\s*(?:percent|per cent|%)?\s*[,\u2014\u2013-]*\s*of\s+((?:[a-z]+\s+){0,3}[a-z]+)", re.IGNORECASE)
BACKING = BEFORE_NAME | {"back", "backing", "backed", "backs", "support", "supporting", "supported", "supports", "favor",
                         "favoring", "favored", "favors", "prefer", "preferring", "prefers", "choose", "choosing", "pick"}
BACKED_WORDS = 12   # '55 percent of Sanders supporters said they were planning to back Clinton'
TITLE = r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?\s+)?"
# where or among whom a lead holds, between the names and the numbers: 'in California', 'among likely voters'
WHERE = r"(?:\s+(?:in|among|with)\s+(?:[A-Za-z]+\s+){0,3}?[A-Za-z]+)?"
# '16 points ahead of Trump', '5 percentage points behind Clinton': the margin's other name, and which way it runs
MARGIN_AFTER = re.compile(r"[\s-]*(?:percentage[\s-]+)?points?\s+(?:(?:lead|advantage|edge)\s+)?"
                          r"(ahead of|in front of|over|behind|below|under)\s+" + TITLE + r"([A-Z][A-Za-z\-]+)")
# 'Clinton leads Trump by 5 points', 'Trump trails Clinton by'
MARGIN_BEFORE = re.compile(TITLE + r"([A-Z][A-Za-z\-]+)(?:'s)?\s+(?:\w+\s+)?(leads?|leading|led|tops?|topping|topped|beats?|"
                           r"beating|edges?|edging|trails?|trailing|trailed)\s+" + TITLE + r"([A-Z][A-Za-z\-]+)" + WHERE + r"\s+by\s+"
                           r"(?:(?:about|roughly|nearly|almost|just|some|more than|less than)\s+)?$")
PREDICATE_WORDS = 8
PREDICATE_STOP = {"the", "and", "that", "said", "say", "says", "with", "for", "their", "they", "are", "were", "was", "this",
                  "have", "has", "had", "who", "which", "would", "will", "not", "from", "its", "his", "her"}
BEHIND = {"behind", "below", "under", "trail", "trails", "trailing", "trailed"}
# 'Clinton leading Trump 46 percent to 41 percent': the first share is the first name's, the second the other's
SCORE_BEFORE = re.compile(TITLE + r"([A-Z][A-Za-z\-]+)(?:'s)?\s+(?:\w+\s+)?(?:leads?|leading|led|ahead of|over|beats?|beating|"
                          r"tops?|topping|topped|edges?|edging|edged|trails?|trailing|trailed|behind)\s+" + TITLE
                          + r"([A-Z][A-Za-z\-]+)" + WHERE + r",?\s+(?:by\s+)?$")
SCORE_LINK = re.compile(r"\s*(?:to|-|\u2013)\s*$")
# 'Trump with a four-point lead, 46.2 percent to Clinton's 42.1 percent': the second share is the name's
SCORE_TO_NAME = re.compile(r"\s*to\s+" + TITLE + r"([A-Z][A-Za-z\-]+)['\u2019]s\s*$")
# What a reader may expect of one finding: the share of its kind found right where it was judged (README, "How far
# to trust a finding"), by how many of two signs it shows: every side holds something a source was said to say or
# think ('said', 'told', 'argued', 'believes'; not 'proposed', 'backed', 'opposes', often the reporter's own account),
# and two sides share a predicate ('deadlocked'; 'progress' of 'made progress'). Polarity and denial: every dispute
# of seven samples of unlabelled articles (486 articles) and 124 between the articles of a collection, judged blind,
# pooled; the signs were found on the first six samples and hold, weaker, on the rest (denial's two levels above
# none are one, too few to part). Corroboration: every one reported on 246 of those articles, where no sign held.
# Figure: 17 of 19 of the pipeline's decisions on the labelled pair sets and 0 of 5 disputes on unlabelled articles.
PRECISION = {"polarity": (0.06, 0.13, 0.22), "denial": (0.06, 0.26, 0.26), "corroboration": (0.04, 0.04, 0.04),
             "figure": (0.71, 0.71, 0.71)}
SPOKEN_CUE = re.compile(
    r"\b(?:sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|add(?:s|ed|ing)?|according|claim|argu|insist|explain|"
    r"not(?:e|es|ed|ing)\b|announc|report|wr(?:ite|ites|ote|itten|iting)\b|tweet|warn|den(?:y|ies|ied|ying)\b|"
    r"acknowledg|admit|confirm|suggest|alleg|ask|repl(?:y|ies|ied|ying)\b|recall|declar|predict|believ|"
    r"th(?:ink|inks|ought|inking)\b|stat(?:e|es|ed|ing)\b|contend|maintain|assert|respond|reject|disput|"
    r"call(?:s|ed|ing)?\b|describ|accus|critici[sz]|urg(?:e|es|ed|ing)\b|agree|conced|stress|emphasi[sz]|point|"
    r"complain|testif|recount|jok(?:e|es|ed|ing)\b|quip|boast|vow|promis|assur|counter|retort)", re.IGNORECASE)


@dataclass
class ClaimItem:
    """A claim with what detection needs: where it came from, who said it, and its vector."""

    claim: Claim
    source_name: str
    denial: bool
    evidence: list[Span]
    article_id: str
    outlet: Optional[str]
    published: Optional[str]
    context: str
    via: set[str] = field(default_factory=set)
    anaphoric: bool = False  # 'rejected the allegation': what it is about is only in its context
    cue: str = ""
    withheld: bool = False  # 'did not confirm', 'declined to say': on the record, but on no side
    affiliation: Optional[str] = None  # the organization or country the source speaks for ('Hamas' for a Hamas official)
    follows: Optional[str] = None  # the claim another voice made just before this one: what a reply here answers
    unsourced: bool = False  # no source found (narration, a headline, or a quote whose speaker was missed): no side
    unresolved: bool = False  # 'the presidential candidate', never tied to a name: perhaps any person of the article
    source_type: Optional[str] = None
    vague: bool = False  # 'the piece', 'polls', 'The skit': an unnamed text or thing, or a speaker the typer did not know
    stems: frozenset[str] = frozenset()
    vector: Optional[np.ndarray] = None

    @property
    def speaker(self) -> str:
        """One article's source; the same name in another article is another voice unless the date matches."""
        return f"{self.article_id}:{self.claim.source_id or self.source_name.lower()}"

    @cached_property
    def refers(self) -> Optional[str]:
        """The stem of the saying verb this claim's 'the allegations' points back to ('alleg')."""
        m = PRIOR_STATEMENT.search(self.claim.text)
        return m.group(1).lower() if m and m.group(1) else None

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(WORD.findall(self.claim.text.lower()))

    @property
    def voice(self) -> str:
        name = self.source_name.lower().removeprefix("the ").strip()
        return f"{name}@{self.published or self.article_id}"


@lru_cache(maxsize=4)
def sentence_ends(text: str) -> list[int]:
    """Where each sentence of an article ends, found once per article, without a parse."""
    return [m.end() for m in SENTENCE_END.finditer(text)]


def ends_before(text: str, offset: int) -> list[int]:
    ends = sentence_ends(text)
    return ends[:bisect_right(ends, offset)]


def sentence_after(text: str, offset: int) -> int:
    """The end of the sentence that holds `offset`."""
    ends = sentence_ends(text)
    k = bisect_right(ends, offset)
    return ends[k] if k < len(ends) else len(text)


def context_sentence(text: str, span: Span, before: int = 0) -> str:
    """The sentence around a span (and `before` sentences ahead of it), found without a parse so stored analyses can be re-read."""
    ends = ends_before(text, span.start)
    start = ends[-1 - before] if len(ends) > before else 0
    return " ".join(text[start:sentence_after(text, span.end)].split())


def denies(cue: str, content: str) -> bool:
    return is_denial(cue) or dismisses(content) or questions_statement(cue, content)


def is_anaphoric(denial: bool, claim_text: str, opening: str = "") -> bool:
    """A short denial ('rejected the allegation', 'disputed their account'), one that opens short ("It's nonsense,"
    before the rest of a long quote: its first sentence, or its first fragment), or one that names what it answers
    only as 'the allegations', answers something said before it."""
    first = OPENING.split(opening or claim_text, maxsplit=1)[0]
    return denial and (len(first.split()) <= ANAPHORIC_WORDS or PRIOR_STATEMENT.search(claim_text) is not None)


def claim_context(text: str, span: Span, denial: bool, claim_text: str) -> str:
    """The claim's sentence; for an anaphoric denial, the sentence before it too, where what it denies was said."""
    return context_sentence(text, span, before=1 if is_anaphoric(denial, claim_text, span.text) else 0)


def items_for(analysis: Analysis) -> list[ClaimItem]:
    atts = {a.id: a for a in analysis.attributions}
    sources = {s.id: s for s in analysis.sources}
    items = []
    for c in analysis.claims:
        a = atts[c.attribution_id]
        src = sources.get(c.source_id or "")
        name = src.name if src else (" + ".join(s.text for s in a.sources) or analysis.article.outlet or "(unattributed)")
        via = {src.via} if src and src.via else set()
        refusal = len(a.contents) == 1 and refuses(a.cue.text, c.text)
        denial = (denies(a.cue.text, c.text) or retorts(a.cue.text, c)) and not refusal
        items.append(ClaimItem(claim=c, source_name=name, denial=denial, evidence=list(a.contents),
                               affiliation=src.affiliation if src else None,
                               article_id=analysis.article.id, outlet=analysis.article.outlet,
                               published=analysis.article.published,
                               context=claim_context(analysis.article.text, a.contents[0], denial, c.text), via=via,
                               anaphoric=is_anaphoric(denial, c.text, a.contents[0].text), cue=a.cue.text,
                               withheld=(refusal or withholds(a.cue.text, name) or asks(a.cue.text, c.text)
                                         or asks_anonymity(a.cue.text, c.text)),
                               unsourced=not a.sources or _first_person(src),
                               unresolved=_unresolved(src), source_type=src.type if src else None,
                               vague=src is not None and src.type == "document" and not src.named))
    _link_replies(items)
    return items


REPLY_CUE = re.compile(r"\b(?:repl(?:y|ied|ies|ying)|respond(?:s|ed|ing)?|retort(?:s|ed|ing)?|answer(?:s|ed|ing)?|"
                       r"interject(?:s|ed|ing)?|retaliat(?:es|ed|ing)|sh(?:ot|oots|ooting) back)\b", re.IGNORECASE)


def retorts(cue: str, claim: Claim) -> bool:
    """'Trump replied: "No, I meant ..."', 'a snappy retort: "No one is tearing this up"': a reply that negates;
    'is choosing not to respond to' negates the reply itself, and is no answer."""
    said = cue.lower()
    return (REPLY_CUE.search(cue) is not None and claim.polarity == "negated"
            and not NEGATORS & set(WORD.findall(said)) and "n't" not in said)


def _unresolved(src: Optional[Source]) -> bool:
    """'The presidential candidate', 'the governor', 'the newspaper', or a 'he' never tied to a name: someone the
    article names elsewhere but the resolver could not tie to a name. 'The deputy head of China's delegation to the
    forum' says who it is, and 'I' is the quote's own speaker."""
    if src is None or src.named or src.anonymous:
        return False
    name = src.name.lower()
    return (name.startswith(("the ", "this ", "that ")) and len(name.split()) <= UNRESOLVED_WORDS
            or _only_as(src, PRONOUNS))


def _first_person(src: Optional[Source]) -> bool:
    """'I', 'we', 'me' never tied to a name: the author's own voice ('We asked our readers') or a quote whose speaker
    was missed; no voice to set against another."""
    return src is not None and not src.named and _only_as(src, FIRST_PERSON)


def _only_as(src: Source, pronouns: set[str]) -> bool:
    """Every mention of the source is one of these pronouns: no name or description says who it is."""
    return all(m.text.lower() in pronouns for m in src.mentions)


def _link_replies(items: list[ClaimItem]) -> None:
    """'Sanders delivered a snappy retort: "No one is tearing this up."' answers what Clinton said just before,
    in words too unlike hers for any cosine: each claim remembers the other voice's claim that came right before."""
    ordered = sorted(items, key=lambda i: i.evidence[0].start)
    for k, item in enumerate(ordered):
        for prev in reversed(ordered[:k]):
            if item.evidence[0].start - prev.evidence[-1].end > REPLY_CHARS:
                break
            if prev.speaker != item.speaker and not prev.withheld:
                item.follows = prev.claim.id
                break


def embed(items: list[ClaimItem], embedder: Embedder) -> np.ndarray:
    """One encoding per claim: its own words, or its sentence when the claim is too short to say what it is about."""
    if not items:
        return np.zeros((0, 384), dtype=np.float32)
    vectors = embedder.encode([i.context if i.anaphoric or len(i.claim.text.split()) < ELLIPTIC_WORDS else i.claim.text
                               for i in items])
    for item, v in zip(items, vectors):
        item.vector = v
    return vectors


def _is_name(word: str, text: str) -> bool:
    """Names ('Hamas', 'Cairo') say who or where; a shared name alone does not make one proposition."""
    return word[:1].upper() + word[1:] in text and word not in text


def informative_stems(items: list[ClaimItem]) -> list[frozenset[str]]:
    """Stems of each claim's common-noun and verb terms, minus those so common in the pool that they only name the topic."""
    raw = [frozenset(stem(w) for t in i.claim.terms for w in t.split() if len(w) > 2 and not _is_name(w, i.claim.text))
           for i in items]
    df = Counter(s for r in raw for s in r)
    limit = max(3, COMMON_SHARE * len(items))
    out = [frozenset(s for s in r if df[s] <= limit) for r in raw]
    for item, s in zip(items, out):
        item.stems = s
    return out


def _answers(a: ClaimItem, b: ClaimItem) -> bool:
    """An anaphoric denial answers a claim from the sentence before it (or its own)."""
    return a.anaphoric and a.article_id == b.article_id and b.context in a.context


def answers_by_cue(a: ClaimItem, b: ClaimItem) -> bool:
    """'The allegations had no substance' answers the claim just before it that was alleged."""
    said = a.denial and a.article_id == b.article_id and a.refers
    if not said or not b.evidence or not a.evidence:
        return False
    gap = a.evidence[0].start - b.evidence[-1].end
    return 0 <= gap <= PRIOR_CLAIM_CHARS and any(w.startswith(said) for w in b.cue.lower().split())


def cue_linked(a: ClaimItem, b: ClaimItem) -> bool:
    return answers_by_cue(a, b) or answers_by_cue(b, a)


def replies_to(a: ClaimItem, b: ClaimItem) -> bool:
    """A reply or a denial that names what it answers only as 'the critique', said right after another voice's
    claim, answers it. A denial with its own content ('disavowing remarks made by a surrogate') may answer
    anything, and a few sentences on, the claim before it is no better a guess than any other."""
    return (a.denial and a.follows == b.claim.id and a.article_id == b.article_id
            and (a.anaphoric or REPLY_CUE.search(a.cue) is not None))


def linked_pairs(items: list[ClaimItem]) -> list[tuple[int, int]]:
    """Pairs a denial ties together by what it calls the other claim, or by answering it straight after, however
    unlike their words are."""
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        by_article[item.article_id].append(i)
    return [(min(i, j), max(i, j)) for idx in by_article.values() for i in idx if items[i].denial
            for j in idx if j != i and (answers_by_cue(items[i], items[j]) or replies_to(items[i], items[j]))]


def same_proposition(a: ClaimItem, b: ClaimItem, cos: float) -> bool:
    shared = len(a.stems & b.stems)
    juxtaposed = a.article_id == b.article_id and (a.context == b.context or _answers(a, b) or _answers(b, a))
    return (cos >= SAME or (cos >= SAME_WITH_TERM and shared >= 1) or (cos >= SAME_WITH_TERMS and shared >= 2)
            or (cos >= SAME_SENTENCE and juxtaposed) or cue_linked(a, b))


def independent(a: ClaimItem, b: ClaimItem) -> bool:
    """Different voices, each taking a side, and neither relays the other."""
    if a.speaker == b.speaker or a.voice == b.voice or a.withheld or b.withheld or a.unsourced or b.unsourced:
        return False
    if a.article_id == b.article_id and (a.unresolved or b.unresolved) and a.source_type == b.source_type:
        return False  # 'the presidential candidate' against Clinton may be Clinton against herself
    if a.article_id == b.article_id and _one_name(a.source_name, b.source_name):
        return False
    return not ({a.claim.source_id} & b.via or {b.claim.source_id} & a.via)


def _one_name(a: str, b: str) -> bool:
    """'Dennis Prager' and 'syndicated radio host Dennis Prager', 'Clinton' and 'Hillary Clinton': two mentions the
    resolver left apart that name one speaker; 'Bill Clinton' and 'Hillary Clinton' are two, and so are Carson and
    'one of Carson's advisers'."""
    na, nb = ({w for w in SPEAKER_NAME.findall(n) if w not in NOT_ANCHOR} for n in (a, b))
    if not (na and nb):
        return False
    small, large = sorted((na, nb), key=len)
    return all(w in large or any(_misspelt(w, x) for x in large) for w in small)


def _misspelt(x: str, y: str) -> bool:
    """'Sharption' for 'Sharpton': one letter added or dropped in a name long enough to tell; a changed letter may
    be another person ('Rubio', 'Rubin')."""
    short, long_ = sorted((x.lower(), y.lower()), key=len)
    if len(short) < MISSPELT_LENGTH or len(long_) != len(short) + 1 or short[0] != long_[0]:
        return False
    k = next((i for i, (p, q) in enumerate(zip(short, long_)) if p != q), len(short))
    return short[k:] == long_[k + 1:]


def _camp(item: ClaimItem) -> set[str]:
    return {n.lower().removeprefix("the ").strip() for n in (item.affiliation, item.source_name) if n}


def corroborates(a: ClaimItem, b: ClaimItem) -> bool:
    """Two voices that confirm each other: independent, not one organization or country ('Hamas' and a Hamas
    official are one side saying it twice), and not giving different numbers (33,100 killed is not 600 killed)."""
    if not independent(a, b) or (a.affiliation or b.affiliation) and _camp(a) & _camp(b):
        return False
    na, nb = set(NUMBER.findall(a.claim.text)), set(NUMBER.findall(b.claim.text))
    return not (na and nb and na != nb)


def antonymous(a: ClaimItem, b: ClaimItem) -> bool:
    """One says 'awake', the other 'asleep': a predicate and its opposite, each only on its own side."""
    only_a, only_b = a.words - b.words, b.words - a.words
    return any(x in only_a and y in only_b or y in only_a and x in only_b for x, y in ANTONYMS)


def opposed(a: ClaimItem, b: ClaimItem, cos: float) -> bool:
    """Opposite polarity on one proposition; looser than `same_proposition`, which must not chain matters."""
    if (a.vague or b.vague) and not (a.denial or b.denial):
        return False
    shared = len(a.stems & b.stems)
    opposite = (a.claim.polarity != b.claim.polarity) != antonymous(a, b)
    return opposite and (cos >= OPPOSED or (cos >= OPPOSED_WITH_TERM and shared >= 1) or same_proposition(a, b, cos))


def answers(a: ClaimItem, b: ClaimItem, cos: float) -> bool:
    """A denial in the same article, close to what it denies; two denials oppose only with opposite polarity
    ('rebutted the accusation that the reports were misleading' against 'called the reports misleading')."""
    if a.article_id != b.article_id or not (a.denial or b.denial):
        return False
    near = (cos >= DENIAL_TARGET or cos >= DENIAL_TARGET_WITH_TERM and bool(a.stems & b.stems)
            or cos >= REPLY_FLOOR and (replies_to(a, b) or replies_to(b, a)))
    if not near and not cue_linked(a, b):
        return False
    return a.denial != b.denial or a.claim.polarity != b.claim.polarity or rejects_claim_of(a, b) or rejects_claim_of(b, a)


def rejects_claim_of(a: ClaimItem, b: ClaimItem) -> bool:
    """'rejected Clinton's claim' or 'rejected the claim', said just after Clinton's: it answers her, even when her
    claim is itself a denial ('the families were wrong')."""
    if not (a.anaphoric and is_denial(a.cue) and _answers(a, b)):
        return False
    names = [w for w in re.findall(r"[A-Z][A-Za-z\-]+", b.source_name) if w not in NOT_ANCHOR]
    return (PRIOR_STATEMENT.search(a.claim.text) is not None
            or any(re.search(rf"\b{re.escape(w)}['\u2019]s\b", a.claim.text) for w in names))


def disagreement_kind(a: ClaimItem, b: ClaimItem, cos: float) -> Optional[str]:
    """The pipeline's one pairwise decision: `denial`, `polarity`, or None when the two do not contradict."""
    if not independent(a, b):
        return None
    if answers(a, b, cos):
        return "denial"
    if opposed(a, b, cos):
        return "denial" if a.denial or b.denial else "polarity"
    return None


def spoken(item: ClaimItem) -> bool:
    """Its source was said to say or think it, not only to do it."""
    return SPOKEN_CUE.search(item.cue) is not None


def shares_predicate(*sides: list[ClaimItem]) -> bool:
    said = [{p for i in side for p in i.claim.predicates} for side in sides]
    return any(said[x] & said[y] for x in range(len(said)) for y in range(x + 1, len(said)))


def confidence(kind: str, *sides: list[ClaimItem]) -> float:
    """Its kind's judged precision, higher for each sign of a real dispute: every side holds a claim its source was
    said to say or think, and two sides share a predicate."""
    return PRECISION[kind][all(any(spoken(i) for i in side) for side in sides) + shares_predicate(*sides)]


def matter_label(items: Iterable[ClaimItem]) -> str:
    """The terms most claims of the matter share: short and readable."""
    counts = Counter(t for i in items for t in dict.fromkeys(i.claim.terms))
    top = [t for t, n in counts.most_common(4) if n > 1][:3] or [t for t, _ in counts.most_common(2)]
    return ", ".join(top) or "(unlabelled)"


def _side(members: list[ClaimItem]) -> Side:
    first = members[0]
    return Side(stance=first.claim.text, sources=list(dict.fromkeys(m.source_name for m in members)), source_ids=sorted({m.claim.source_id for m in members if m.claim.source_id}),
                attribution_ids=[m.claim.attribution_id for m in members],
                evidence=[s for m in members for s in m.evidence], article_id=first.article_id,
                outlet=first.outlet, published=first.published)


def _shown_sides(camp: dict[int, int], items: list[ClaimItem]) -> list[list[ClaimItem]]:
    """The claims of each side as shown: one per camp and article."""
    by: dict[tuple[int, str], list[ClaimItem]] = defaultdict(list)
    for i, c in camp.items():
        by[(c, items[i].article_id)].append(items[i])
    return list(by.values())


def _sides(shown: list[list[ClaimItem]]) -> list[Side]:
    """The shown sides in reading order (the lede states it first)."""
    ordered = [sorted(v, key=lambda m: m.evidence[0].start) for v in shown]
    return [_side(v) for v in sorted(ordered, key=lambda v: (v[0].article_id, v[0].evidence[0].start))]


@dataclass
class Findings:
    matters: list[Matter]
    disagreements: list[Disagreement]
    corroborations: list[Corroboration]
    matter_of: dict[int, str]


def detect(items: list[ClaimItem], vectors: np.ndarray) -> Findings:
    """Group into matters, then read off disagreements and corroborations inside each matter."""
    stems = informative_stems(items)
    labels, scored = group(vectors, stems, [i.article_id for i in items],
                           lambda x, y, cos: same_proposition(items[x], items[y], cos), floor=SAME_WITH_TERMS)
    for x, y in linked_pairs(items):
        scored.setdefault((x, y), float(vectors[x] @ vectors[y]))
    members: dict[int, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        members[lab].append(i)
    matters: list[Matter] = []
    matter_of: dict[int, str] = {}
    for lab, idx in members.items():
        if len(idx) > 1:
            mid = f"m{len(matters) + 1}"
            matters.append(Matter(id=mid, label=matter_label(items[i] for i in idx), claim_ids=[items[i].claim.id for i in idx]))
            matter_of.update((i, mid) for i in idx)
    disagreements = _disagreements(items, scored)
    corroborations = _corroborations(items, {p: c for p, c in scored.items() if labels[p[0]] == labels[p[1]]})
    return Findings(matters, disagreements, corroborations, matter_of)


def _disagreements(items: list[ClaimItem], scored: dict[tuple[int, int], float]) -> list[Disagreement]:
    """Disputes seeded by the closest clashing pairs, each side joined only by claims near its seed.

    Connected clashes would chain one story's disputes into one: in an article where everything is about
    Gaza, "no progress was made" must not stand against a casualty count because each clashes with some third
    claim. A claim joins a side when it shares the seed's polarity, is nearer to that side than to the other
    (nearest member against nearest member), and either clashes with the other side at `JOIN` or agrees with a
    member of its own at `AGREE`: 'deadlock continued' joins 'no progress was made' through the headline's
    'talks remain deadlocked'.
    """
    clash: dict[tuple[int, int], float] = {}
    kinds: dict[tuple[int, int], str] = {}
    near: dict[int, dict[int, float]] = defaultdict(dict)
    for (x, y), cos in scored.items():
        near[x][y] = near[y][x] = cos
        if kind := disagreement_kind(items[x], items[y], cos):
            clash[(x, y)], kinds[(x, y)] = cos, kind
    clashes: dict[int, set[int]] = defaultdict(set)
    for x, y in clash:
        clashes[x].add(y)
        clashes[y].add(x)
    taken: set[int] = set()
    out = []

    def denied_by(claim: int, denier: int) -> bool:
        return kinds.get((min(claim, denier), max(claim, denier))) == "denial" and items[denier].denial

    for (x, y), cos in sorted(clash.items(), key=lambda kv: (-kv[1], kv[0])):
        if x in taken or y in taken:
            continue
        camp = {x: 0, y: 1}
        direct = [x, y]  # the seeds and claims that agree with one outright: a claim may join through these
        for j in sorted({k for i in (x, y) for k in near[i]} - taken - {x, y}):
            for side, seed, other in ((0, x, y), (1, y, x)):
                if any(not independent(items[j], items[i]) for i, c in camp.items() if c != side):
                    continue  # no voice may stand on both sides
                denied = any(denied_by(j, i) for i, c in camp.items() if c != side)
                if denied and not items[j].denial and not any(denied_by(i, j) for i in camp if camp[i] == side):
                    camp[j] = side  # what a denier answered stands against the denier, whatever its own wording
                    break
                close, far = near[j].get(seed, -1.0), near[j].get(other, -1.0)
                if items[j].claim.polarity != items[seed].claim.polarity or seed in clashes[j] or close <= far:
                    continue
                against = any(i in clashes[j] for i, c in camp.items() if c != side)
                ally = max(near[j].get(i, -1.0) for i in direct if camp[i] == side)
                if (against and close >= JOIN) or ally >= AGREE:
                    camp[j] = side
                    if close >= AGREE:
                        direct.append(j)
                    break
        taken |= set(camp)
        members = sorted(camp)
        group_items = [items[i] for i in members]
        shown = _shown_sides(camp, items)
        sides = _sides(shown)
        if len(sides) < 2:
            continue
        out.append(Disagreement(id=f"d{len(out) + 1}", matter=matter_label(group_items), kind=kinds[(x, y)], sides=sides,
                                confidence=confidence(kinds[(x, y)], *shown)))
    return out


def _corroborations(items: list[ClaimItem], related: dict[tuple[int, int], float]) -> list[Corroboration]:
    """Independent voices saying the same thing: a near-paraphrase, or two shared terms at `AGREE`."""
    out = []
    for (x, y), cos in sorted(related.items(), key=lambda kv: -kv[1]):
        a, b = items[x], items[y]
        if a.claim.polarity == b.claim.polarity and corroborates(a, b) and (cos >= CORROBORATE or (cos >= AGREE and len(a.stems & b.stems) >= 2)):
            out.append(Corroboration(id=f"k{len(out) + 1}", matter=matter_label([a, b]), sides=[_side([a]), _side([b])],
                                     confidence=confidence("corroboration", [a], [b])))
    return out


# --- figures -------------------------------------------------------------------------------------

@dataclass
class FigureItem:
    """A figure with what says which quantity it gives: its counted noun, or the name it is nearest to."""

    figure: Figure
    voice: str
    speaker: str
    source_name: str
    article_id: str
    outlet: Optional[str]
    published: Optional[str]
    sentence: str = ""
    anchor: Optional[str] = None
    base: frozenset[str] = frozenset()
    predicate: frozenset[str] = frozenset()  # what a group's share does, when no name owns it: 'disapprove of ...'
    against: Optional[str] = None  # a margin's other name: 'Cruz 16 points ahead of Trump' is Cruz's lead over Trump
    sign: int = 1                  # -1 when the anchor is the one behind
    parts: tuple[str, ...] = ()    # the shares a margin is read from ('46 percent to 41 percent'), by figure id

    def allows(self) -> tuple[float, float]:
        low, high = interval(self.figure)
        return (low, high) if self.sign > 0 else (-high, -low)


Similarity = Callable[[str, str], float]


def figure_anchor(text: str, span: Span, sentence_start: int, sentence_end: int, sources: list[Span]) -> Optional[str]:
    """The name that owns a figure: nearest before it ('Clinton with 46 percent', "Trump's wealth at $6.5 billion"),
    or after it behind 'for'/'to' ('39 percent for Trump'); ties go left.

    Percentages and sums have no counted noun; whose share or worth they give is the name beside them.
    Names inside a source mention are skipped: 'Forbes puts it at ...' is not about Forbes; so is a name that
    says which currency ('Canadian dollars', 'United States dollars').
    """
    best: Optional[tuple[int, int, str]] = None
    opening = len(text) - len(text[sentence_start:].lstrip())  # the sentence's first word
    for m in NAME.finditer(text, sentence_start, sentence_end):
        word = m.group().rstrip(".")
        if (word in NOT_ANCHOR or m.start() == opening or span.start <= m.start() < span.end
                or CURRENCY_AFTER.match(text, m.end()) or any(s.start <= m.start() < s.end for s in sources)):
            continue
        after = m.start() >= span.end
        between = text[span.end:m.start()].split() if after else text[m.end():span.start].split()
        if after and (not between or between[-1].lower() not in BEFORE_NAME):
            continue
        key = (len(between), int(after), word)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def antecedent(text: str, sentence_start: int, figure_start: int, mentions: list[Span]) -> Optional[str]:
    """Whom 'Bloomberg pegged him at $2.9 billion' is about: the last name of the sentences before, when a
    pronoun stands where the name would; 'him' or 'her' prefers a titled name ('Mr. Trump')."""
    pronoun = PRONOUN.search(text, sentence_start, figure_start)
    if not pronoun:
        return None
    ends = ends_before(text, sentence_start)
    start = ends[-1 - ANTECEDENT_SENTENCES] if len(ends) > ANTECEDENT_SENTENCES else 0
    names = [m for m in NAME.finditer(text, start, sentence_start) if m.group().rstrip(".") not in NOT_ANCHOR
             and not any(s.start <= m.start() < s.end for s in mentions) and m.start() not in ends]
    if pronoun.group().lower() in PERSONAL:
        names = [m for m in names if TITLED.search(text, max(0, m.start() - 6), m.start())] or names
    return names[-1].group().rstrip(".") if names else None


def figure_base(text: str, span: Span) -> tuple[frozenset[str], int]:
    """Whom a share is of ('52 percent of Democratic primary voters'), and where that group ends: shares of
    different groups do not conflict.

    The group ends at its first plural noun ('likely Republican caucusgoers'), before any verb that follows.
    """
    m = BASE.match(text[span.end:span.end + 80])
    if not m:
        return frozenset(), span.end
    words: list[str] = []
    end = span.end + m.start(1)
    group = m.group(1).split()
    for k, w in enumerate(group):
        end = text.index(w, end) + len(w)
        if w.lower() not in {"the", "a", "all", "those", "these"}:
            words.append(w.lower())
        following = group[k + 1] if k + 1 < len(group) else ""
        if w.endswith("s") and not (w[:1].isupper() and following.endswith("s") and following.islower()):
            break  # 'Republicans' ends the group; 'Sanders' in 'Sanders supporters' does not
    return frozenset(stem(w) for w in words), end


def backed_name(text: str, start: int, sentence_end: int) -> Optional[str]:
    """What a group's share is for: the first name behind 'back', 'for' or 'support' after the group."""
    for m in NAME.finditer(text, start, sentence_end):
        between = text[start:m.start()].split()
        if len(between) > BACKED_WORDS:
            return None
        if between and between[-1].lower() in BACKING and m.group().rstrip(".") not in NOT_ANCHOR:
            return m.group().rstrip(".")
    return None


def share_predicate(text: str, start: int, sentence_end: int) -> frozenset[str]:
    """What a group's share says of it ('52 percent of voters disapprove of the handling of the economy')."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", text[start:sentence_end])[:PREDICATE_WORDS]]
    return frozenset(stem(w) for w in words if len(w) > 2 and w not in PREDICATE_STOP)


def margin(text: str, span: Span, sentence_start: int, anchor: Optional[str]) -> tuple[Optional[str], Optional[str], int]:
    """A lead in points as (name, other name, sign): 'Ted Cruz 16 points ahead of Trump' is (Cruz, Trump, +1),
    'Trump trails Clinton by 5 points' is (Trump, Clinton, -1); a lead with no other name keeps the anchor."""
    after = MARGIN_AFTER.match(text, span.end)
    if after and anchor and after.group(2) != anchor:
        return anchor, after.group(2), -1 if after.group(1) in BEHIND else 1
    before = MARGIN_BEFORE.search(text, sentence_start, span.start)
    if before and before.end() == span.start:
        return before.group(1), before.group(3), -1 if before.group(2) in BEHIND else 1
    return anchor, None, 1


def figure_items(analysis: Analysis) -> list[FigureItem]:
    """Figures that say which quantity they give; unattributed ones speak for the outlet."""
    names = {s.id: s.name for s in analysis.sources}
    mentions = [m for s in analysis.sources for m in s.mentions] + [m for a in analysis.attributions for m in a.sources]
    art = analysis.article
    scores = poll_scores(art.text, analysis.figures)
    owner = {sc.first.id: sc.leader for sc in scores} | {sc.second.id: sc.other for sc in scores}

    def sentence(f: Figure) -> tuple[int, int]:
        return max(ends_before(art.text, f.span.start), default=0), sentence_after(art.text, f.span.end)

    def said(f: Figure, start: int, end: int, **quantity) -> FigureItem:
        name = names.get(f.source_id or "", art.outlet or "(reporter)")
        return FigureItem(f, f"{name.lower().removeprefix('the ')}@{art.published or art.id}",
                          f"{art.id}:{f.source_id or 'reporter'}", name, art.id, art.outlet, art.published,
                          sentence=" ".join(art.text[start:end].split()), **quantity)

    out = []
    for f in analysis.figures:
        if f.value is None and f.low is None:
            continue
        start, end = sentence(f)
        base, base_end = figure_base(art.text, f.span)
        anchor = None if f.counts else (owner.get(f.id) or (backed_name(art.text, base_end, end) if base else None)
                                        or figure_anchor(art.text, f.span, start, end, mentions)
                                        or antecedent(art.text, start, f.span.start, mentions))
        against, sign, predicate = None, 1, frozenset()
        if base and not anchor and not f.counts:
            group = re.sub(r"^.*?\bof\s+", "", art.text[f.span.end:base_end], flags=re.S)
            anchor, predicate = f"share of {' '.join(group.split())}", share_predicate(art.text, base_end, end)
        if f.unit == "points":
            anchor, against, sign = margin(art.text, f.span, start, anchor)
        if f.counts or anchor:
            out.append(said(f, start, end, anchor=anchor, base=base, against=against, sign=sign, predicate=predicate))
    for sc in scores:
        lead = sc.margin(art.text)
        out.append(said(lead, *sentence(lead), anchor=sc.leader, against=sc.other, parts=(sc.first.id, sc.second.id)))
    return out


@dataclass
class Score:
    """Two shares read together, 'Clinton leading Trump 46 percent to 41 percent': each name's share, and so a margin."""

    first: Figure
    second: Figure
    leader: str
    other: str

    def margin(self, text: str) -> Figure:
        """The first name's lead in points, as wide as the shares' rounding allows: 46.2 to 42.1 is about 4 points."""
        diff = (self.first.value or 0.0) - (self.second.value or 0.0)
        step = min(stated_step(self.first) or 1.0, stated_step(self.second) or 1.0)
        span = Span.of(text, self.first.span.start, self.second.span.end)
        return self.first.model_copy(update={"span": span, "value": None, "low": diff - step, "high": diff + step,
                                             "qualifier": "exactly", "unit": "points"})


def poll_scores(text: str, figures: list[Figure]) -> list[Score]:
    """Pairs of shares the text sets against each other, with whose each is."""
    shares = sorted((g for g in figures if g.unit == "percent" and g.value is not None), key=lambda g: g.span.start)
    out = []
    for first, second in zip(shares, shares[1:]):
        link = text[first.span.end:second.span.start]
        joined, named = SCORE_LINK.match(link), SCORE_TO_NAME.match(link)
        if not (joined or named):
            continue
        start = max(ends_before(text, first.span.start), default=0)
        if joined:
            m = SCORE_BEFORE.search(text, start, first.span.start)
            if m and m.end() == first.span.start:
                out.append(Score(first, second, m.group(1), m.group(2)))
        else:
            other = named.group(1)
            before = [m.group().rstrip(".") for m in NAME.finditer(text, start, first.span.start)]
            leader = next((n for n in reversed(before) if n not in NOT_ANCHOR and n != other), None)
            if leader:
                out.append(Score(first, second, leader, other))
    return out


def interval(f: Figure) -> tuple[float, float]:
    """What a figure allows: 'more than 33,100' excludes 32,000; 'about 40' allows 38."""
    if f.value is None:
        return (f.low or 0.0, f.high if f.high is not None else float("inf"))
    v = f.value
    return {
        "more_than": (v, float("inf")), "at_least": (v, float("inf")),
        "up_to": (0.0, v), "less_than": (0.0, v),
        "about": (v * (1 - ABOUT_TOLERANCE), v * (1 + ABOUT_TOLERANCE)),
    }.get(f.qualifier, (v * (1 - EXACT_TOLERANCE), v * (1 + EXACT_TOLERANCE)))


def stated_step(f: Figure) -> Optional[float]:
    """The precision a figure is given to: 1 for '50 percent', 0.1 for '49.5', a billion for 'a billion dollars'."""
    text = f.span.text.lower()
    scale = next((SCALES[w] for w in WORD.findall(text) if w in SCALES), 1.0)
    digits = NUMBER.search(text)
    if digits is None:
        return scale if scale > 1 else None
    decimals = digits.group().split(".")[1] if "." in digits.group() else ""
    return scale * 10.0 ** -len(decimals)


def rounds_together(a: Figure, b: Figure) -> bool:
    """'a solid 50 percent' and '49.5 percent', 'nearly $916 million' and 'a billion': the finer figure, rounded to
    the precision the coarser one is given to, is the coarser one."""
    if a.value is None or b.value is None or {a.qualifier, b.qualifier} - {"exactly", "about"}:
        return False
    sa, sb = stated_step(a), stated_step(b)
    if sa is None or sb is None:
        return False
    coarse, fine, step = (a, b, sa) if sa >= sb else (b, a, sb)
    return abs(fine.value - coarse.value) <= step / 2 * (1 + EXACT_TOLERANCE)


def counts_stems(f: Figure) -> frozenset[str]:
    return frozenset(stem(w) for w in (f.counts or "").lower().split() if len(w) > 2)


def _disjoint(a: Figure, b: Figure) -> bool:
    (lo1, hi1), (lo2, hi2) = interval(a), interval(b)
    return hi1 < lo2 or hi2 < lo1


def figures_conflict(a: Figure, b: Figure) -> bool:
    """Same unit, the same counted thing, and values no rounding or qualifier reconciles."""
    if a.unit != b.unit:
        return False
    sa, sb = counts_stems(a), counts_stems(b)
    if not sa or len(sa & sb) / len(sa | sb) < FIGURE_OVERLAP:
        return False
    return _disjoint(a, b) and not rounds_together(a, b)


def figure_items_conflict(a: FigureItem, b: FigureItem, similar: Similarity) -> bool:
    """Counted figures compare by what they count; shares and sums by the name they belong to, of the same group,
    in sentences that say the same kind of thing (a vote share is not a share of voters bothered by something)."""
    if a.figure.counts or b.figure.counts:
        return figures_conflict(a.figure, b.figure) and (a.article_id == b.article_id or _same_event(a, b, similar))
    if a.figure.unit is None or a.figure.unit != b.figure.unit or (a.base and b.base and not a.base & b.base):
        return False  # a bare number beside a name ('Kloppenburg ... 345,430') says too little of what it counts
    if (a.predicate or b.predicate) and len(a.predicate & b.predicate) < FIGURE_OVERLAP * len(a.predicate | b.predicate):
        return False
    if a.anchor == b.anchor and (a.against is None or b.against is None or a.against == b.against):
        (lo1, hi1), (lo2, hi2) = a.allows(), b.allows()
    elif a.figure.unit == "points" and (_facing(a, b) or _facing(b, a)):
        (lo1, hi1), (lo2, hi2) = a.allows(), tuple(-v for v in reversed(b.allows()))  # Cruz over Trump is minus Trump over Cruz
    else:
        return False
    return ((hi1 < lo2 or hi2 < lo1) and not rounds_together(a.figure, b.figure)
            and similar(a.sentence, b.sentence) >= FIGURE_SAME)


def _same_event(a: FigureItem, b: FigureItem, similar: Similarity) -> bool:
    """Across articles a bare noun does not say which count: '429 people' at one rally is not '10,000 people' at
    another, 'about 50,000 votes' in Ohio not 'about 1,500 votes' in Missouri; 'hostages remain' does."""
    return len(counts_stems(a.figure) & counts_stems(b.figure)) >= 2 and similar(a.sentence, b.sentence) >= FIGURE_SAME


def _facing(a: FigureItem, b: FigureItem) -> bool:
    """b's margin is over a's name, and over no one else a's margin names."""
    return a.anchor == b.against and (a.against is None or a.against == b.anchor)


def figures_disagree(a: FigureItem, b: FigureItem, similar: Similarity) -> bool:
    """The pipeline's one pairwise figure decision: two voices, the same day, conflicting values for one quantity."""
    if a.speaker == b.speaker or a.voice == b.voice or not _comparable(a, b) or _background(a, b):
        return False
    return figure_items_conflict(a, b, similar)


def sentence_similarity(embedder: Embedder) -> Similarity:
    """Cosine of two sentences, each encoded once."""
    cache: dict[str, np.ndarray] = {}

    def vec(t: str) -> np.ndarray:
        if t not in cache:
            cache[t] = embedder.encode([t])[0]
        return cache[t]

    return lambda x, y: float(vec(x) @ vec(y))


def _figure_keys(f: FigureItem) -> list[tuple]:
    """A margin is filed under both its names, so 'Cruz ahead of Trump' meets 'Trump leads'."""
    words = (f.figure.counts or "").lower().split()
    if words:
        return [(f.figure.unit, stem(words[-1]))]
    return [(f.figure.unit, f"@{name}") for name in dict.fromkeys((f.anchor, f.against)) if name]


def figure_disagreements(figs: list[FigureItem], similar: Similarity, start: int = 1) -> list[Disagreement]:
    """Pairs inside buckets keyed by unit and counted word or name: never all pairs of the collection."""
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for i, f in enumerate(figs):
        for key in _figure_keys(f):
            buckets[key].append(i)
    share_at = {(f.article_id, f.figure.id): i for i, f in enumerate(figs) if not f.parts}
    out = []
    seen: set[tuple] = set()  # pair of figures, and what a reader would see of it: a number repeated is one dispute
    for _, bucket in sorted(buckets.items(), key=lambda kv: kv[0][0] != "points"):  # margins first: they hold the shares
        for k, i in enumerate(bucket):
            for j in bucket[k + 1:]:
                a, b = figs[i], figs[j]
                shown = tuple(sorted((_stance(f), f.source_name, f.article_id) for f in (a, b)))
                if (i, j) not in seen and shown not in seen and figures_disagree(a, b, similar):
                    seen.update({(i, j), shown})
                    seen.update(tuple(sorted((share_at[a.article_id, x], share_at[b.article_id, y])))
                                for x in a.parts for y in b.parts
                                if (a.article_id, x) in share_at and (b.article_id, y) in share_at)
                    out.append(Disagreement(id=f"d{start + len(out)}", matter=a.figure.counts or " vs ".join(n for n in (a.anchor, a.against) if n) or "figure",
                                            kind="figure", sides=[_figure_side(a), _figure_side(b)],
                                            confidence=PRECISION["figure"][0]))
    return out


def _background(a: FigureItem, b: FigureItem) -> bool:
    """Inside one article, the reporter's own numbers are background, not a side in a dispute."""
    return a.article_id == b.article_id and not (a.figure.source_id and b.figure.source_id)


def _comparable(a: FigureItem, b: FigureItem) -> bool:
    """Two articles' figures conflict only when both are known to be of one day, since counts change from day to
    day, and both say what they measure: a counted thing, or one name's lead over another. A lone share is known
    only by the name beside it, which matches every poll of a campaign ('Trump 40 percent' in South Carolina,
    'Trump 37%' nationally)."""
    if a.article_id == b.article_id:
        return True
    if not (a.published and b.published and ISO_DAY.match(a.published) and a.published[:10] == b.published[:10]):
        return False  # 'Apr 8' says no year
    return bool(a.figure.counts and b.figure.counts) or bool(a.against and b.against)


def _stance(f: FigureItem) -> str:
    if f.parts:
        return f"{f.anchor} vs {f.against}: {f.figure.span.text}"
    if f.figure.unit == "points" and f.anchor:
        other = f" {f.against}" if f.against else ""
        return f"{f.anchor} {'leads' if f.sign > 0 else 'trails'}{other} by {f.figure.span.text} points"
    return f"{f.figure.span.text} {f.figure.counts or ''}".strip()


def _figure_side(f: FigureItem) -> Side:
    return Side(stance=_stance(f), sources=[f.source_name], source_ids=[f.figure.source_id] if f.figure.source_id else [],
                attribution_ids=[f.figure.attribution_id] if f.figure.attribution_id else [], figure_ids=list(f.parts or [f.figure.id]),
                evidence=[f.figure.span], article_id=f.article_id, outlet=f.outlet, published=f.published)
