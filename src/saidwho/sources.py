"""Who the sources are: group source mentions into typed, resolved sources.

Attributions arrive with in-text source spans ("he", "the official",
"Two Egyptian security sources and Al-Qahera News"). This stage splits
lists, resolves pronouns, relative pronouns, surnames and definite
nominals to earlier mentions, and describes each resulting source: type,
named or anonymous (and why), role, affiliation, the channel the words
were given to, and the outlet that relayed them.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Optional

from spacy.tokens import Doc, Span as SpacySpan, Token

from .attribution import CLOSE_QUOTES, OPEN_QUOTES
from .attribution.features import quote_states
from .model import Analysis, Attribution, Source, SourceType, SourcingSummary, Span
from .pipeline import stage

# --- lexicons -----------------------------------------------------------------

MEDIA_WORDS = {
    "newspaper", "paper", "channel", "tv", "television", "radio", "network", "outlet", "magazine",
    "website", "site", "blog", "station", "broadcaster", "daily", "tabloid", "journal", "times", "post",
    "news", "press", "tribune", "gazette", "herald", "newswire", "wire", "podcast", "show", "programme",
    "program", "media", "newsletter", "telegraph", "guardian", "observer", "chronicle", "examiner",
}
MEDIA_NAMES = {
    "reuters", "ap", "afp", "cnn", "bbc", "fox", "nbc", "abc", "cbs", "msnbc", "npr", "pbs", "bloomberg",
    "politico", "breitbart", "axios", "vox", "slate", "salon", "huffpost", "buzzfeed", "tass", "ria",
    "xinhua", "interfax", "al-jazeera", "jazeera", "haaretz", "wafa", "anadolu", "yonhap", "kyodo",
    "dpa", "ansa", "efe", "cnbc", "c-span", "univision", "telemundo", "newsweek", "time", "atlantic",
    "hill", "politifact", "factcheck.org", "drudge", "infowars", "twitter", "facebook", "instagram",
}
GOVERNMENT_WORDS = {
    "government", "ministry", "ministries", "department", "army", "military", "police", "administration",
    "agency", "authority", "authorities", "cabinet", "parliament", "congress", "senate",
    "forces", "force", "embassy", "consulate", "commission", "bureau", "navy", "pentagon", "kremlin",
    "state", "presidency", "regime", "council", "office", "municipality", "prosecutor", "prosecutors",
    "judiciary", "legislature", "assembly", "guard", "command", "fbi", "cia", "nsa", "idf", "irs", "white",
    "fda", "cdc", "epa", "sec", "fed", "treasury", "secretariat", "directorate", "inspectorate",
    "house", "tribunal", "gendarmerie", "coastguard", "county", "city",
}
DOCUMENT_WORDS = {
    "report", "tally", "tallies", "data", "statement", "poll", "survey", "study", "figure", "figures",
    "record", "records", "document", "documents", "filing", "memo", "memorandum", "letter", "analysis",
    "estimate", "estimates", "census", "count", "release", "findings", "research", "assessment",
    "review", "audit", "investigation", "email", "emails", "transcript", "indictment", "complaint",
    "lawsuit", "ruling", "order", "statistics", "tweet", "post", "paper", "note", "notes", "cable",
    "footage", "video", "model", "projection", "projections", "forecast", "index", "ranking", "book",
    "article", "editorial", "column", "ad", "advertisement", "website", "page", "bill", "law", "text",
    "comment", "comments", "remark", "remarks",
}
PUBLIC_WORDS = {
    "resident", "witness", "people", "local", "voter", "citizen", "villager", "bystander", "survivor",
    "passer-by", "protester", "protestor", "demonstrator", "parent", "family", "families", "shopper",
    "onlooker", "eyewitness", "neighbour", "neighbor", "public", "crowd", "refugee", "patient",
    "relative", "mourner", "worker", "student", "passenger", "customer", "taxpayer", "viewer", "reader",
    "fan", "attendee", "audience", "inhabitant", "farmer", "civilian", "man", "woman", "person",
}
ORGANIZATION_WORDS = {
    "company", "group", "party", "campaign", "organization", "organisation", "committee", "foundation",
    "union", "firm", "movement", "institute", "university", "association", "coalition", "corporation",
    "bank", "charity", "organisation", "center", "centre", "club", "team", "alliance", "federation",
    "league", "society", "board", "fund", "church", "school", "college", "hospital", "lab", "laboratory",
    "think-tank", "tank", "caucus", "chamber", "pac", "agency", "ngo", "network", "faction", "militia",
    "wing", "brand", "business", "businesses", "industry", "manufacturer", "carrier", "airline",
    "operator", "producer", "retailer", "exchange", "court", "insurer", "lender", "office", "camp",
    "staff", "body", "institution", "panel", "jury", "firm", "outfit", "organizers",
}
PERSON_WORDS = {
    "official", "source", "spokesman", "spokeswoman", "spokesperson", "minister", "president", "leader",
    "senator", "candidate", "nominee", "lawyer", "attorney", "expert", "analyst", "diplomat", "aide",
    "adviser", "advisor", "director", "chief", "head", "commander", "general", "officer", "lawmaker",
    "representative", "congressman", "congresswoman", "governor", "mayor", "secretary", "chairman",
    "chairwoman", "chair", "ceo", "executive", "economist", "strategist", "pollster", "consultant",
    "critic", "supporter", "surrogate", "manager", "member", "medic", "doctor", "nurse", "negotiator",
    "mediator", "envoy", "ambassador", "judge", "prosecutor", "investigator", "researcher", "professor",
    "scientist", "activist", "organizer", "organiser", "donor", "insider", "operative", "staffer",
    "democrat", "republican", "conservative", "liberal", "progressive", "author", "writer", "reporter",
    "journalist", "columnist", "editor", "correspondent", "historian", "scholar", "observer", "friend",
    "colleague", "ally", "rival", "opponent", "challenger", "incumbent", "speaker", "whip", "delegate",
    "king", "queen", "prince", "emir", "premier", "chancellor", "pope", "cleric", "imam", "rabbi",
    "priest", "bishop", "militant", "fighter", "soldier", "rebel", "paramedic", "rescuer", "planner",
    "trader", "investor", "banker", "owner", "founder", "partner", "employee", "worker", "teacher",
    "coach", "player", "mother", "father", "son", "daughter", "wife", "husband", "brother", "sister",
    "vice", "deputy", "lieutenant", "sergeant", "captain", "colonel", "major", "inspector", "sheriff",
    "mp", "sen.", "rep.", "gov.", "boy", "girl", "child", "kid", "guy", "lady", "gentleman", "host",
    "moderator",
}
INSTITUTION_WORDS = MEDIA_WORDS | GOVERNMENT_WORDS | ORGANIZATION_WORDS
TITLE_WORDS = {
    "defence", "defense", "foreign", "interior", "finance", "health", "justice", "prime", "economy",
    "education", "trade", "energy", "labour", "labor", "transport", "agriculture", "environment",
    "security", "intelligence", "home", "state", "treasury", "culture", "communications", "housing",
    "vice", "deputy", "senior", "chief", "general", "attorney", "national", "press", "white",
}
HUMAN_WORDS = PERSON_WORDS | PUBLIC_WORDS
# 'Sen. Bernie Sanders' ... 'the senator said'
TITLE_ABBREVIATIONS = {"sen.": "senator", "rep.": "representative", "gov.": "governor", "lt.": "lieutenant",
                       "gen.": "general", "adm.": "admiral", "pres.": "president", "sec.": "secretary",
                       "amb.": "ambassador", "atty.": "attorney", "prof.": "professor", "supt.": "superintendent"}
WITHHELD_RE = re.compile(r"\b(?:familiar with|briefed on|close to|knowledge of|involved in)\b", re.I)
ANONYMOUS_HEADS = {"source", "official", "insider", "aide", "person", "people", "individual", "staffer", "diplomat"}
PERSON_SUFFIXES = ("man", "woman", "person", "ist", "ian", "eer", "ant", "ent")
PLURAL_PRONOUNS = {"they", "them", "we", "us"}
SINGULAR_PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "me"}
THING_PRONOUNS = {"it"}
RELATIVE_PRONOUNS = {"who", "whom", "that", "which"}
INDEFINITE_DETS = {"a", "an", "another", "one", "some", "several", "many", "few", "two", "three", "four", "five"}
DEMONYMS = {
    "israeli": "Israel", "egyptian": "Egypt", "palestinian": "Palestine", "american": "United States",
    "u.s.": "United States", "us": "United States", "british": "United Kingdom", "russian": "Russia",
    "chinese": "China", "french": "France", "german": "Germany", "iranian": "Iran", "iraqi": "Iraq",
    "syrian": "Syria", "lebanese": "Lebanon", "jordanian": "Jordan", "saudi": "Saudi Arabia",
    "qatari": "Qatar", "turkish": "Turkey", "ukrainian": "Ukraine", "mexican": "Mexico",
    "canadian": "Canada", "japanese": "Japan", "korean": "Korea", "indian": "India", "pakistani": "Pakistan",
    "afghan": "Afghanistan", "european": "European Union", "emirati": "United Arab Emirates",
    "yemeni": "Yemen", "libyan": "Libya", "italian": "Italy", "spanish": "Spain", "cuban": "Cuba",
}
ANONYMITY_PATTERNS = [
    r"(?:asked|requested|declined|wished|preferred)\s+not\s+to\s+be\s+(?:named|identified|quoted by name)",
    r"declined\s+to\s+be\s+(?:named|identified)",
    r"(?:speaking|spoke|talking|talked|who\s+spoke)?\s*(?:on|under)\s+(?:the\s+)?condition\s+of\s+anonymity",
    r"on\s+(?:the\s+)?condition\s+(?:that\s+)?(?:he|she|they|his|her|their\s+names?)\s+(?:not\s+)?(?:be\s+)?(?:not\s+)?(?:be\s+)?(?:named|identified|used)",
    r"(?:requested|requesting|request(?:ed)?\s+of|granted|insisted\s+on|sought)\s+anonymity",
    r"(?:not|n't|un)\s*(?:authori[sz]ed|permitted|allowed|cleared)\s+to\s+(?:speak|talk|comment|discuss|brief)"
    r"(?:\s+(?:publicly|on\s+the\s+record|to\s+the\s+(?:media|press)|to\s+reporters|by\s+name|(?:on|about)\s+(?:the|this)\s+(?:matter|issue|subject)))*",
    r"asked\s+that\s+(?:his|her|their)\s+names?\s+not\s+be\s+(?:used|published|given|disclosed)",
    r"(?:because|given)\s+(?:of\s+)?the\s+sensitivity\s+of\s+the\s+\w+",
    r"for\s+fear\s+of\s+(?:reprisals?|retribution|retaliation|losing\s+(?:his|her|their)\s+jobs?)",
    r"(?:without|declining\s+to\s+be)\s+(?:being\s+)?(?:named|identified)",
]
ANONYMITY_RE = re.compile("|".join(f"(?:{p})" for p in ANONYMITY_PATTERNS), re.IGNORECASE)
CHANNEL_PREP_NOUNS = {
    "interview", "statement", "post", "tweet", "letter", "speech", "op-ed", "email", "conference",
    "briefing", "video", "message", "appearance", "broadcast", "press", "remarks", "rally", "debate",
}
CHANNEL_PLATFORMS = {"twitter", "facebook", "instagram", "television", "radio", "x", "telegram", "tv"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
RELAY_VERBS = {"quote", "cite"}
PRONOUN_WINDOW_SENTS = 6
NAMED_BEFORE_SENTS = 4  # how far back 'the campaign' looks for 'the Clinton campaign'
AUDIENCE_WORDS = {"reporter", "journalist", "press", "audience", "crowd", "interviewer", "host", "media", "supporter"}
QUANTIFIERS = {"many", "some", "several", "few", "most", "other", "all", "both", "numerous", "various"}
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "madam", "mx", "mx."}
NOT_CORE_LEFT = {"conj", "cc", "punct", "appos", "relcl", "preconj", "ccomp", "advcl", "parataxis", "csubj", "xcomp"}
CORE_RIGHT_DEPS = {"prep", "pobj", "amod", "acl", "compound", "nmod", "nummod", "pcomp"}
GENERIC_PRONOUNS = {"you", "one", "everyone", "anyone", "nobody", "somebody", "someone"}
FIRST_PERSON = {"i", "me", "we", "us"}
MASCULINE_PRONOUNS = {"he", "him", "his", "himself"}
FEMININE_PRONOUNS = {"she", "her", "hers", "herself"}
MASCULINE_WORDS = {"mr", "mr.", "sir", "man", "businessman", "spokesman", "congressman", "father", "husband", "son",
                   "brother", "king", "prince", "actor", "uncle", "nephew", "grandfather", "gentleman", "boyfriend"}
FEMININE_WORDS = {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "woman", "businesswoman", "spokeswoman", "congresswoman",
                  "chairwoman", "mother", "wife", "daughter", "sister", "queen", "princess", "actress", "aunt", "niece",
                  "grandmother", "lady", "girlfriend"}
COLLECTIVE_WORDS = {"family", "crowd", "audience", "team", "staff", "group", "couple", "campaign", "panel", "board"}
UNRESOLVED_DROPPED = {"it", "you", "this", "that", "which", "there"}


# --- mentions and clusters ------------------------------------------------------

@dataclass
class Mention:
    """One in-text mention of a source; ``head`` decides how it resolves."""

    start: int
    end: int
    head: Token
    attribution_ids: list[str] = field(default_factory=list)
    relay_of: Optional["Mention"] = None


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    via: Optional["Cluster"] = None
    distinct: dict[str, Mention] = field(default_factory=dict)
    writer: bool = False  # the article's own 'I', outside any quotation

    def add(self, m: Mention) -> None:
        """Keep one non-pronoun mention per wording, so matching stays linear in long articles."""
        self.mentions.append(m)
        if not _is_pronoun(m.head):
            span = m.head.doc.char_span(m.start, m.end, alignment_mode="expand")
            self.distinct.setdefault(span.text.lower() if span is not None else str(m.start), m)

    @property
    def real(self) -> list[Mention]:
        """Mentions that say something about who the source is (not pronouns)."""
        return list(self.distinct.values())


def _is_pronoun(tok: Token) -> bool:
    return tok.pos_ == "PRON" or tok.lower_ in SINGULAR_PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS


def _entity_of(tok: Token) -> Optional[SpacySpan]:
    """The named entity around ``tok``, found from its IOB tags so long articles stay linear."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return SpacySpan(doc, start, end, label=tok.ent_type_)


def _is_name(tok: Token) -> bool:
    """A proper name, or an outlet or institution word carrying one ('Al-Qahera News TV channel')."""
    if tok.pos_ == "PROPN" or (tok.ent_type_ in NAME_LABELS and tok.ent_type_ != "NORP") or _known_person(tok):
        return True
    return tok.lemma_.lower() in INSTITUTION_WORDS and any(
        c.dep_ == "compound" and c.ent_type_ == "ORG" for c in tok.lefts)


def _core(tok: Token) -> SpacySpan:
    """The noun phrase of ``tok`` without lists, relative clauses and appositions."""
    doc = tok.doc
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in NOT_CORE_LEFT:
            continue  # '"That's a concern," Sarandon told': the quote the parse hung on the name is not the name
        start = min(start, child.left_edge.i)
        break
    end = tok.i + 1
    for child in tok.rights:
        if child.is_quote:
            continue
        if child.dep_ not in CORE_RIGHT_DEPS or (child.dep_ == "acl" and doc[child.i - 1].is_punct):
            break
        end = _core(child).end
    while end > tok.i + 1 and (doc[end - 1].lower_ in ("'s", "\u2019s", "'", "\u2019") or doc[end - 1].is_punct):
        end -= 1
    start = _after_quotation(doc, start, tok.i)
    while start < tok.i and (doc[start].is_punct or doc[start].dep_ in ("cc", "preconj")):
        start += 1
    return doc[start:end]


def _after_quotation(doc: Doc, start: int, end: int) -> int:
    """'"... everything is hunky-dory," Gene Sperling': a name does not reach back into a quotation. Only a
    closing mark after punctuation that the name never opened ends one; 'the "Avatar" star' keeps its title."""
    for i in range(end - 1, start, -1):
        if doc[i].text in CLOSE_QUOTES and doc[i - 1].text in (",", ".", "!", "?"):
            return start if any(doc[j].text in OPEN_QUOTES for j in range(start, i)) else i + 1
    return start


def _heads(span: SpacySpan) -> list[Token]:
    """The head of each listed item: "Two sources and Al-Qahera News" has two."""
    root = span.root
    if root.lower_ in RELATIVE_PRONOUNS or root.dep_ in ("nsubjpass",):
        return [root]
    heads = [root] + [c for c in root.conjuncts if span.start <= c.i < span.end and c.pos_ in ("NOUN", "PROPN", "PRON")]
    return sorted((_partitive_whole(h) for h in heads), key=lambda t: t.i)


def _apposed_name(tok: Token) -> Token:
    """'the district GOP Chairman Chuck Williams', 'the party leader, Marine Le Pen': the person's name, not
    the title, is who the later 'Williams' and 'Le Pen' join."""
    if _is_pronoun(tok) or _is_person(tok) or tok.lemma_.lower() not in HUMAN_WORDS or _plural(tok):
        return tok  # not 'Poll: Clinton leads', nor one of 'the senators running, Cruz, Rubio and Paul'
    return next((c for c in tok.rights if c.dep_ == "appos" and _is_person(c) and not _collective(c)), tok)


def _partitive_whole(tok: Token) -> Token:
    """'some of Clinton's allies', 'one of the officials': the allies speak, so 'some' is not a pronoun for
    Clinton, and 'one' is one of a group the article may name again."""
    if tok.lower_ not in QUANTIFIERS and not tok.like_num:
        return tok
    whole = [o for p in tok.rights if p.dep_ == "prep" and p.lower_ == "of"
             for o in p.rights if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN", "PRON")]
    return whole[0] if whole else tok


def _mention(tok: Token, attribution_id: Optional[str] = None) -> Mention:
    core = _core(tok) if not _is_pronoun(tok) else tok.doc[tok.i:tok.i + 1]
    end = core.end_char
    if core.text.endswith(("'s", "\u2019s")) and len(core.text) > 2:
        end -= 2  # a possessive the tokenizer left attached: "Trump\u2019s"
    return Mention(core.start_char, end, tok, [attribution_id] if attribution_id else [])


def _relay(doc: Doc, attribution: Attribution) -> Optional[tuple[Token, Optional[Token]]]:
    """'X quoted Y as saying' / 'X reported, citing Y': Y speaks, X relays (returns Y, X)."""
    cue = doc.char_span(attribution.cue.start, attribution.cue.end, alignment_mode="expand")
    if cue is None or not len(cue):
        return None
    verb = cue.root
    if verb.lemma_.lower() == "say" and verb.head.lower_ == "as" and verb.head.head.lemma_.lower() in RELAY_VERBS:
        relay = verb.head.head
        quoted = [c for c in relay.children if c.dep_ in ("dobj", "obj")]
        relayer = [c for c in relay.children if c.dep_ == "nsubj"]
        if quoted:
            return quoted[0], (relayer[0] if relayer else None)
    if verb.lemma_.lower() in RELAY_VERBS:  # the parse hung the words on "citing" itself
        cited = [c for c in verb.children if c.dep_ in ("dobj", "obj") and _could_speak(c, attribution)]
        if cited:
            return cited[0], None
    for child in verb.children:
        if child.lemma_.lower() == "cite" and child.dep_ in ("advcl", "xcomp", "conj"):
            cited = [c for c in child.children if c.dep_ in ("dobj", "obj")]
            if cited and _could_speak(cited[0], attribution):
                return cited[0], None
    return None


def _could_speak(cited: Token, attribution: Attribution) -> bool:
    """'citing a senior Egyptian source' or 'citing two officials, that the deal was close' names who spoke;
    'citing the attack', 'cites his followers as the source', 'never cited a source for his claim' name what
    was cited, and those words are the attribution's own."""
    verb = cited.head
    if (_is_pronoun(cited) or _word_type(cited) == "document" or any(c.dep_ == "neg" for c in verb.children)
            or any(c.lower_ == "as" and any(o.dep_ == "pobj" for o in c.children) for c in verb.children)):
        return False
    subtree_end = cited.right_edge.idx + len(cited.right_edge)
    holding = [c for c in attribution.contents if c.start <= cited.idx < c.end]
    if not holding or any(c.end > subtree_end + 1 for c in holding):
        return True  # the cited speaker's words follow
    return (cited.lemma_.lower() in PERSON_WORDS or _is_name(cited)) and not any(
        c.dep_ in ("prep", "poss") for c in cited.children)


def collect_mentions(analysis: Analysis, doc: Doc) -> list[Mention]:
    """Source mentions of every attribution, lists split, relays unpacked."""
    out: list[Mention] = []
    for a in analysis.attributions:
        relay = _relay(doc, a)
        subjects: list[Token] = []
        for s in a.sources:
            span = doc.char_span(s.start, s.end, alignment_mode="expand")
            if span is not None and len(span):
                subjects.extend(_apposed_name(h) for h in _heads(span))
        subjects = [t for t in subjects if t.dep_ != "nsubjpass" and t.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X") and t.lower_ not in GENERIC_PRONOUNS]
        if relay is not None:
            speaker, relayer = relay
            relay_mention = None
            if relayer is not None:
                relay_mention = _mention(relayer)
            elif subjects:
                relay_mention = _mention(subjects[0])
                subjects = subjects[1:]
            main = _mention(speaker, a.id)
            main.relay_of = relay_mention
            out.append(main)
            if relay_mention is not None:
                out.append(relay_mention)
        for tok in subjects:
            out.append(_mention(tok, a.id))
    return sorted(out, key=lambda m: (m.start, m.end))


# --- resolution -----------------------------------------------------------------

def _name_tokens(tok: Token) -> tuple[str, ...]:
    """The proper-name words of a mention ('Israel Katz', 'Al Qahera News')."""
    ent = _entity_of(tok)
    if ent is None and tok.pos_ != "PROPN":
        ent = next((_entity_of(c) for c in tok.lefts if c.dep_ == "compound" and c.ent_type_ == "ORG"), None)
    if ent is not None and ent.label_ != "NORP" and ent.label_ in NAME_LABELS:
        words = [t for t in ent if t.pos_ == "PROPN" or t.ent_type_ == ent.label_]
    else:
        words = [tok]
        i = tok.i - 1
        while i >= 0 and tok.doc[i].pos_ == "PROPN" and tok.doc[i].head == tok and tok.doc[i].dep_ == "compound":
            words.insert(0, tok.doc[i])
            i -= 1
    return tuple(w.lower_ for w in words if w.is_alpha and w.lower_ not in ("the", "'s"))


def _modifiers(tok: Token) -> frozenset[str]:
    return frozenset(c.lemma_.lower() for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod", "poss") and c.is_alpha)


def _proper_modifiers(tok: Token) -> frozenset[str]:
    """'Reuters/Ipsos' in 'the Reuters/Ipsos poll': the names that tell two polls or two ministries apart."""
    return frozenset(w.lower_ for c in tok.lefts if c.dep_ in ("compound", "nmod", "poss", "amod")
                     for w in c.subtree if w.pos_ == "PROPN")


def _named_apart(tok: Token, c: "Cluster") -> bool:
    """'The USC Dornsife poll' is not the 'Reuters/Ipsos poll' that 'the poll' stood for."""
    mine = _proper_modifiers(tok)
    return bool(mine) and any((theirs := _proper_modifiers(o.head)) and not mine & theirs for o in c.real)


def _plural(tok: Token) -> bool:
    if _known_person(tok):
        return False  # the tagger reads 'Sanders' as a plural noun; a person's name is one person
    return tok.tag_ in ("NNS", "NNPS") or tok.lower_ in PLURAL_PRONOUNS or "Number=Plur" in str(tok.morph)


def _definite(tok: Token) -> bool:
    dets = [c.lower_ for c in tok.lefts if c.dep_ in ("det", "nummod", "poss")]
    return not any(d in INDEFINITE_DETS or d.isdigit() for d in dets)


def _carries_name(tok: Token) -> bool:
    """A common noun that only carries a name ('the Sanders campaign', 'Clinton's aides')."""
    return tok.pos_ != "PROPN" and not tok.ent_type_ and not _known_person(tok)


def _person_words(doc: Doc) -> frozenset[str]:
    """Surnames the parser tags as a person's anywhere in the article: 'Sanders' stays a person where one
    sentence's parse calls him an organization. Given names are left out: 'Israel' Katz is not Israel."""
    if "person_words" not in doc.user_data:
        doc.user_data["person_words"] = frozenset(e[-1].lower_ for e in doc.ents if e.label_ == "PERSON" and e[-1].is_title)
    return doc.user_data["person_words"]


def _known_person(tok: Token) -> bool:
    """'Sanders' where this sentence's parse calls it a plural noun or an organization, but another calls it
    a person; a word inside a longer organization name ('the Sanders Institute') is not."""
    return (tok.is_title and tok.lower_ in _person_words(tok.doc)
            and (tok.ent_type_ in ("", "PERSON") or tok.ent_type_ == "ORG" and len(_entity_of(tok) or ()) == 1))


def _is_person(tok: Token) -> bool:
    return tok.ent_type_ == "PERSON" or _known_person(tok)


def _same_name(a: tuple[str, ...], b: tuple[str, ...], person: bool) -> bool:
    if not a or not b:
        return False
    if person:  # 'Le Pen' is 'Marine Le Pen'; 'Jane Sanders' is not 'Bernie Sanders'
        short, long = sorted((a, b), key=len)
        return a[-1] == b[-1] and (len(short) == 1 or a[0] == b[0] or long[-len(short):] == short)
    return set(a) <= set(b) or set(b) <= set(a)


def _matches(m: Mention, c: Cluster) -> bool:
    """Whether a non-pronoun mention refers to an existing source."""
    tok = m.head
    for other in c.real:
        o = other.head
        if _is_name(tok) and _is_name(o):
            person = _is_person(tok) or _is_person(o)
            if _carries_name(tok) != _carries_name(o) and any(
                    t.ent_type_ == "PERSON" or t.lower_ in _person_words(tok.doc) for h in (tok, o) for t in (h, *h.lefts)):
                continue  # 'the Sanders campaign' is not Sanders
            if _same_name(_name_tokens(tok), _name_tokens(o), person) and not (
                    _bare_group(tok) and (_modifiers(o) or any(c.dep_ in ("prep", "relcl", "acl") for c in o.rights))):
                return True  # but 'Republicans' at large are not the 'House Republicans' of another passage
        elif not _is_name(tok) and _definite(tok):
            same_head = tok.lemma_.lower() == o.lemma_.lower() and _plural(tok) == _plural(o)
            role_head = _is_name(o) and not _plural(tok) and tok.lemma_.lower() in {
                TITLE_ABBREVIATIONS.get(w.lower_, w.lemma_.lower()) for w in o.lefts if w.dep_ == "compound"}
            if same_head:
                a, b = _modifiers(tok), _modifiers(o)
                if (a <= b or b <= a) and not _named_apart(tok, c):
                    return True
            elif role_head and not _proper_modifiers(tok) and not any(
                    c.dep_ == "appos" and _is_name(c) for c in tok.children):
                return True  # 'the senator', not 'the Florida senator' or 'the state's senator, Jeanne Shaheen'
    return False


def _bare_group(tok: Token) -> bool:
    """'Republicans', 'Democrats': a party or people at large, with no word that says which of them."""
    return _plural(tok) and not _is_person(tok) and not any(c.dep_ in ("det", "amod", "compound", "nmod", "poss", "nummod")
                                                           for c in tok.lefts)


def _gender(m: Mention) -> Optional[str]:
    """'Mrs. Clinton', 'the spokeswoman', 'Angelique Brunner, a spokeswoman for ...': the words that say it."""
    head = m.head
    words = [head, *head.lefts]
    for appos in (c for c in head.children if c.dep_ == "appos"):
        words += [appos, *(c for c in appos.children if c.dep_ == "conj")]
    for w in words:
        if w.lower_ in MASCULINE_WORDS or w.lemma_.lower() in MASCULINE_WORDS:
            return "m"
        if w.lower_ in FEMININE_WORDS or w.lemma_.lower() in FEMININE_WORDS:
            return "f"
    given = [w for w in words if w.i < head.i and w.ent_type_ == "PERSON" and w.dep_ == "compound"]
    if given:
        return given_name_gender(given[0].text)
    return _surname_genders(head.doc).get(head.lower_) if head.pos_ == "PROPN" or head.ent_type_ == "PERSON" else None


def _surname_genders(doc: Doc) -> dict[str, Optional[str]]:
    """'Trump' alone says nothing, but 'Donald Trump' earlier in the article does; a surname two people share
    with different given names says nothing."""
    if "saidwho_surname_genders" not in doc.user_data:
        found: dict[str, set[Optional[str]]] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].is_alpha:
                found.setdefault(ent[-1].lower_, set()).add(given_name_gender(ent[0].text))
        doc.user_data["saidwho_surname_genders"] = {k: next(iter(v)) if len(v) == 1 else None for k, v in found.items()}
    return doc.user_data["saidwho_surname_genders"]


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    data = json.loads(files("saidwho").joinpath("lexicons/given_names.json").read_text(encoding="utf-8"))
    return {**{n: "m" for n in data["male"]}, **{n: "f" for n in data["female"]}}


def given_name_gender(name: str) -> Optional[str]:
    """'Hillary' Clinton, 'Bernie' Sanders: a common given name says what the text may not."""
    return _given_names().get(name)


def _gender_fits(pron: Token, genders: set[Optional[str]]) -> bool:
    """'she' never resolves to a Mr. or a spokesman, 'he' never to a Mrs. or a congresswoman."""
    word = pron.lower_
    return not (word in MASCULINE_PRONOUNS and "f" in genders or word in FEMININE_PRONOUNS and "m" in genders)


def _first_person_word(tok: Token) -> bool:
    """'I', 'my', 'we', and the 'us' of "let's"."""
    return (tok.lower_ in FIRST_PERSON | {"my", "our"}
            or tok.lower_ in ("'s", "\u2019s") and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "let")


def _pronoun_fits(pron: Token, c: Cluster) -> bool:
    """Number, animacy and gender agreement: 'they' can be a ministry, 'he' only a person, and not a Mrs."""
    if not _first_person_word(pron) and all(m.head.lower_ in FIRST_PERSON for m in c.mentions):
        return False  # 'when I asked him ..., he said': the writer's 'I' is never 'he'
    kind = classify(c)
    if pron.lower_ in PLURAL_PRONOUNS:
        return kind in ("people", "public", "government", "organization", "media")
    if pron.lower_ in THING_PRONOUNS:
        return kind in ("organization", "government", "media", "document")
    return (kind in ("person", "public") and not any(_plural(m.head) for m in c.real)
            and _gender_fits(pron, {_gender(m) for m in c.real}))


def _person_candidates(doc: Doc, taken: set[int]) -> list[Mention]:
    """People no attribution cites, antecedents for a later 'he said': PERSON names, human subjects."""
    out = []
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.root.i not in taken and ent.root.dep_ in ("nsubj", "nsubjpass", "appos", "dobj", "pobj", "conj", "ROOT"):
            out.append(_mention(ent.root))
    for tok in doc:
        if tok.i not in taken and tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubjpass") and tok.lemma_.lower() in HUMAN_WORDS:
            out.append(_mention(tok))
    return out


def _is_subject(tok: Token) -> bool:
    return tok.dep_ in ("nsubj", "nsubjpass") or (tok.dep_ == "appos" and tok.head.dep_ in ("nsubj", "nsubjpass"))


def _collective(tok: Token) -> bool:
    """'the family', 'the crowd', 'Kagan and Breyer': more than one person, though the grammar says one. (A source
    is split at 'and' before it gets here, so this is only asked of a name no attribution cites.)"""
    return tok.lemma_.lower() in COLLECTIVE_WORDS or any(c.dep_ == "conj" for c in tok.children)


def _candidate_fits(pron: Token, candidate: Mention) -> bool:
    if pron.lower_ in SINGULAR_PERSON_PRONOUNS:
        return not _plural(candidate.head) and not _collective(candidate.head) and _gender_fits(pron, {_gender(candidate)})
    return pron.lower_ in PLURAL_PRONOUNS and _plural(candidate.head)


def resolve(mentions: list[Mention], doc: Doc, contents: list[tuple[int, int, Mention]]) -> list[Cluster]:
    """Cluster mentions left to right; pronoun antecedents may be any earlier PERSON name.

    ``contents`` maps each attribution's words to its first source mention, so
    that an 'I' inside a quote joins the quoted speaker rather than the last name seen.
    """
    clusters: list[Cluster] = []
    owner: dict[int, Cluster] = {}
    taken = {m.head.i for m in mentions}
    candidates = sorted(_person_candidates(doc, taken), key=lambda m: m.start)
    cand_i = 0
    recent: list[tuple[int, Cluster | Mention]] = []  # (token index, cluster or bare candidate), in text order
    deferred = [m for m in mentions if m.head.lower_ in FIRST_PERSON and _speaker_of(m, contents)]
    # only a pronoun needs to know whether it, or a name before it, stands inside a quotation
    quoted = quote_states(doc) if any(_is_pronoun(m.head) for m in mentions) else None
    for m in mentions:
        if m in deferred:
            continue
        while cand_i < len(candidates) and candidates[cand_i].start < m.start:
            recent.append((candidates[cand_i].head.i, candidates[cand_i]))
            cand_i += 1
        target = _find_target(m, clusters, recent, owner, doc, quoted, contents)
        if target is None and _is_pronoun(m.head) and m.head.lower_ in UNRESOLVED_DROPPED:
            continue  # mostly expletive: "it was reported"
        if target is None:
            target = Cluster()
            clusters.append(target)
        if m.relay_of is not None:
            relay = owner.get(m.relay_of.head.i)
            if relay is None:
                relay = next((c for c in clusters if c is not target and _matches(m.relay_of, c)), None)
            if relay is None:
                relay = Cluster()
                relay.add(m.relay_of)
                clusters.append(relay)
                owner[m.relay_of.head.i] = relay
            target.via = relay
        if not any(x.start == m.start and x.end == m.end for x in target.mentions):
            target.add(m)
        else:
            same = next(x for x in target.mentions if x.start == m.start and x.end == m.end)
            same.attribution_ids.extend(i for i in m.attribution_ids if i not in same.attribution_ids)
        owner[m.head.i] = target
        recent.append((m.head.i, target))
    for m in deferred:
        speaker = owner.get(_speaker_of(m, contents).head.i)
        if speaker is not None:
            speaker.add(m)
    return [c for c in clusters if c.mentions]


def _speaker_of(m: Mention, contents: list[tuple[int, int, Mention]]) -> Optional[Mention]:
    """The source of the innermost other attribution whose words contain this 'I' or 'we'."""
    best = None
    for start, end, speaker in contents:
        if start <= m.start and m.end <= end and speaker is not m and not set(speaker.attribution_ids) & set(m.attribution_ids):
            if best is None or end - start < best[1] - best[0]:
                best = (start, end, speaker)
    return best[2] if best else None


def _find_target(m: Mention, clusters: list[Cluster], recent: list, owner: dict[int, Cluster], doc: Doc,
                 quoted: Optional[list[str]], contents: list[tuple[int, int, Mention]]) -> Optional[Cluster]:
    tok = m.head
    if tok.i in owner:
        return owner[tok.i]
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        antecedent = tok.head.head
        if antecedent.i in owner:
            return owner[antecedent.i]
        return _adopt(_mention(antecedent), clusters, owner)
    if tok.lower_ in FIRST_PERSON and quoted is not None and quoted[tok.i] == "out":
        # 'I' outside any quotation is the writer, not the last name mentioned
        return next((c for c in clusters if c.writer), None) or _new_writer(clusters)
    if _is_pronoun(tok):
        limit = _sentences_back(tok, PRONOUN_WINDOW_SENTS)
        aside: Optional[Mention] = None
        for i, item in reversed(recent):
            if i < limit:
                break
            if i >= tok.i:
                continue
            if isinstance(item, Mention):
                if quoted is not None and quoted[i] == "in" and quoted[tok.i] == "out":
                    continue  # '"... to back Clinton if he lost," she said': a name inside the quote is not 'she'
                if _candidate_fits(tok, item) and _namesake_fits(tok, item, clusters):
                    speaker = _speaker_around(doc[i], tok, contents, owner)
                    if speaker is not None and _pronoun_fits(tok, speaker):
                        return speaker
                    if _is_subject(item.head):
                        return _adopt(item, clusters, owner)
                    aside = aside or item
                continue
            if _pronoun_fits(tok, item):
                speaker = _speaker_around(doc[i], tok, contents, owner)
                return speaker if speaker is not None and speaker is not item and _pronoun_fits(tok, speaker) else item
        # 'Sandy Phillips, who lost her daughter Jessica Ghawi, said ... "...," she said': a source speaks on
        # before a person only named as an object
        return _adopt(aside, clusters, owner) if aside is not None else None
    if not _definite(tok) and not _is_name(tok) and not _plural(tok):
        return None
    for c in reversed(clusters):
        if _matches(m, c):
            return c
    named = _named_before(tok)
    return _adopt(_mention(named), clusters, owner) if named is not None else None


def _namesake_fits(pron: Token, candidate: Mention, clusters: list[Cluster]) -> bool:
    """'He' is not a bare 'Clinton' that would join 'Hillary Clinton'."""
    namesake = next((c for c in reversed(clusters) if _matches(candidate, c)), None)
    return namesake is None or _gender_fits(pron, {_gender(x) for x in namesake.real})


def _new_writer(clusters: list[Cluster]) -> Cluster:
    writer = Cluster(writer=True)
    clusters.append(writer)
    return writer


def _named_before(tok: Token) -> Optional[Token]:
    """What a bare definite description names when no source so far fits it: 'according to the institute' after
    'the Public Policy Institute of California'; 'The former secretary of state mocked Trump' after a sentence
    that names one person only (the head of a name the description does not share)."""
    if (_is_name(tok) or _is_pronoun(tok) or not _definite(tok) or _plural(tok) or _proper_modifiers(tok)
            or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.lefts)
            or any(t.pos_ == "PROPN" and t.is_title for c in tok.rights if c.dep_ in ("prep", "appos", "acl") for t in c.subtree)):
        return None  # 'the trade group for the Blue Cross plans' says who it is itself
    doc, lemma = tok.doc, tok.lemma_.lower()
    for ent in reversed([e for e in doc.ents if e.end <= tok.i and e.label_ == "ORG" and len(e) > 1]):
        if ent.root.lemma_.lower() == lemma:
            return ent.root
    start = _sentences_back(tok, NAMED_BEFORE_SENTS)
    named = next((t for t in reversed(doc[start:tok.sent.start]) if t.lemma_.lower() == lemma and t.pos_ == "NOUN"
                  and _proper_modifiers(t) and not _plural(t)), None)
    if named is not None:
        return named  # 'the campaign' after 'the Clinton campaign', 'the administration' after 'the Obama administration'
    if lemma not in PERSON_WORDS or tok.sent.start == 0:
        return None
    before = doc[tok.sent.start - 1].sent
    people = {e[-1].lower_: e for e in before.ents if e.label_ == "PERSON"}
    one = next(iter(people.values())).root if len(people) == 1 else None
    return one if one is not None and _is_subject(one) else None


def _sentences_back(tok: Token, n: int) -> int:
    """Where the sentence ``n`` sentences before ``tok``'s own begins (the text's start if there are fewer)."""
    start = tok.sent.start
    for _ in range(n):
        if start == 0:
            break
        start = tok.doc[start - 1].sent.start
    return start


def _speaker_around(name: Token, pron: Token, contents: list[tuple[int, int, Mention]],
                    owner: dict[int, Cluster]) -> Optional[Cluster]:
    """'David Simas recalled ... when Barack Obama first took office. "...," he said': a name inside what
    someone was said to say, with the pronoun outside it, stands aside for the one who said it."""
    if _is_subject(name) and name.head.dep_ == "ROOT":
        return None  # '..., Ban demurred': the subject of the sentence speaks for himself, however long a span runs
    around = [(end - start, speaker) for start, end, speaker in contents
              if start <= name.idx < end and not start <= pron.idx < end and speaker.head.i in owner]
    if not around:
        return None
    speaker = owner[min(around, key=lambda x: x[0])[1].head.i]
    return None if any(_collective(m.head) for m in speaker.real) else speaker  # 'the crowd' chanted ...


def _adopt(candidate: Mention, clusters: list[Cluster], owner: dict[int, Cluster]) -> Cluster:
    """Turn an antecedent that was not itself a source into a source (or join its namesake)."""
    for c in reversed(clusters):
        if _matches(candidate, c):
            c.add(candidate)
            owner[candidate.head.i] = c
            return c
    c = Cluster()
    c.add(candidate)
    clusters.append(c)
    owner[candidate.head.i] = c
    return c


# --- description ----------------------------------------------------------------

def _word_type(tok: Token) -> Optional[SourceType]:
    """Type from the head word (and name) of one mention."""
    lemma = tok.lemma_.lower()
    lower = tok.lower_
    names = set(_name_tokens(tok)) if _is_name(tok) else set()
    ent = tok.ent_type_
    words = {lemma, lower} | names
    if _given_named(tok):
        return "person"  # 'Mayor Don Guardian', 'Michael Bloomberg': not a newspaper
    if words & MEDIA_NAMES or (names and words & MEDIA_WORDS) or (lemma in MEDIA_WORDS - DOCUMENT_WORDS and not names):
        return "media"
    if _is_person(tok):
        return "person"
    if ent == "GPE" or (names and words & GOVERNMENT_WORDS) or (not names and lemma in GOVERNMENT_WORDS - ORGANIZATION_WORDS):
        return "government"
    if ent in ("ORG", "FAC") or names:
        return "organization" if tok.ent_type_ != "NORP" else ("people" if _plural(tok) else "person")
    if lemma in DOCUMENT_WORDS or lower in DOCUMENT_WORDS:
        return "document"
    if lemma in PUBLIC_WORDS or lower in PUBLIC_WORDS:
        return "public"
    if lemma in ORGANIZATION_WORDS:
        return "organization"
    if lemma in GOVERNMENT_WORDS:
        return "government"
    if lemma in PERSON_WORDS or lemma.endswith(PERSON_SUFFIXES) or tok.ent_type_ == "NORP":
        return "people" if _plural(tok) else "person"
    if lower in PLURAL_PRONOUNS:
        return "people"
    if lower in SINGULAR_PERSON_PRONOUNS or lower in RELATIVE_PRONOUNS:
        return "person"
    if lower in THING_PRONOUNS:
        return "organization"
    if _plural(tok):
        return "people" if lemma.endswith(("er", "or", "ist", "an", "ent", "ant")) else "document"
    return "document"  # an unknown thing that "shows" or "says": evidence, not a speaker


def _given_named(tok: Token) -> bool:
    """A person's name that opens with a common given name."""
    ent = _entity_of(tok)
    return (ent is not None and ent.label_ == "PERSON" and len(ent) > 1
            and any(given_name_gender(t.text) for t in ent[:-1] if t.i < tok.i))


def classify(c: Cluster) -> SourceType:
    """The most informative mention decides; names outrank nominals, nominals outrank pronouns."""
    best = _best(c)
    if not _is_name(best.head) and WITHHELD_RE.search(_core(best.head).text):
        return "people" if _plural(best.head) else "person"  # "people familiar with the matter"
    kind = _word_type(best.head)
    if kind == "person" and any(_described_as_public(m.head) for m in c.real):
        return "public"
    return kind


def _described_as_public(tok: Token) -> bool:
    """A named person the text presents as a member of the public: 'Tom Young, a voter in Ohio'."""
    described = [c for c in tok.children if c.dep_ == "appos"] + ([tok.head] if tok.dep_ == "appos" else [])
    return any(d.lemma_.lower() in PUBLIC_WORDS - {"man", "woman", "person", "people"} for d in described)


def _best(c: Cluster) -> Mention:
    """Names first, then the mention with the most words beyond its determiner; ties go to the first."""
    def score(m: Mention) -> tuple:
        words = [t for t in m.head.doc.char_span(m.start, m.end, alignment_mode="expand") or [] if t.dep_ != "det" and not t.is_punct]
        return (not _is_pronoun(m.head), _is_name(m.head), len(words), -m.start)
    return max(c.mentions, key=score)


def _affiliation(tok: Token) -> Optional[str]:
    """Country, party or outlet a mention ties its source to ('Israeli', 'Hamas official')."""
    core = _core(tok)
    head_name = set(_name_tokens(tok)) if _is_name(tok) else set()
    for t in core:
        if t.i == tok.i or (t.lower_ in head_name and tok.ent_type_ != "NORP"):
            continue
        if t.lower_ in TITLE_WORDS:
            continue
        if t.ent_type_ in ("NORP", "GPE", "ORG") and t.dep_ in ("amod", "compound", "poss", "pobj", "nmod"):
            if t.lower_ in DEMONYMS:
                return DEMONYMS[t.lower_]
            ent = _entity_of(t)
            if ent is not None and not (ent.start <= tok.i < ent.end):
                return ent.text.removesuffix("'s").strip()
    if tok.dep_ == "appos" and tok.head.lemma_.lower() in PERSON_WORDS and not _is_person(tok.head):
        return _affiliation(tok.head)  # 'the district GOP Chairman Chuck Williams'
    return None


def _role(tok: Token, kind: SourceType) -> Optional[str]:
    """A person's title or description, without their name and affiliation."""
    if kind == "person" and _is_name(tok):
        core = _core(tok)
        ent = _entity_of(tok)
        stop = ent.start if ent is not None else tok.i
        words = [t for t in core if t.i < stop and t.dep_ in ("compound", "amod") and not t.is_punct and t.lower_ not in HONORIFICS
                 and (t.lower_ in TITLE_WORDS or t.ent_type_ not in ("NORP", "GPE", "ORG"))]
        if not words:
            for appos in (c for c in tok.children if c.dep_ == "appos"):
                return _role(appos, "person")
            if tok.dep_ == "appos" and (tok.head.lemma_.lower() in PERSON_WORDS or not _is_name(tok.head)):
                return _description(tok.head)  # 'the party leader, Marine Le Pen', 'the district GOP Chairman Chuck Williams'
        return " ".join(w.text for w in words) or None
    if kind not in ("person", "people") or _is_pronoun(tok):
        return None
    if tok.ent_type_ in ("NORP", "PERSON"):
        return None
    return _description(tok)


def _description(tok: Token) -> Optional[str]:
    """'senior Egyptian source' less its affiliation and determiners: 'senior source'."""
    core = _core(tok)
    words = [t for t in core if (t.dep_ not in ("det", "nummod", "poss", "case", "predet") or t.i > tok.i)
             and t.ent_type_ not in ("NORP", "GPE", "ORG", "CARDINAL", "PERSON") and not t.is_punct and t.lower_ not in QUANTIFIERS]
    while words and words[-1].pos_ in ("ADP", "CCONJ", "DET"):
        words.pop()
    return " ".join(w.text for w in words) or None


def _channel(doc: Doc, attribution: Attribution) -> Optional[str]:
    """Where the words went: 'told Reuters', 'said in an interview with CNN', 'wrote on Twitter'."""
    cue = doc.char_span(attribution.cue.start, attribution.cue.end, alignment_mode="expand")
    if cue is None or not len(cue):
        return None
    verb = cue.root
    for child in verb.children:
        if verb.lemma_.lower() == "tell" and child.dep_ in ("dobj", "dative", "obj") and _is_channel(child):
            return _core(child).text
        if child.dep_ == "prep" and child.lower_ in ("in", "on", "to"):
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                if obj.lemma_.lower() in CHANNEL_PREP_NOUNS:
                    with_ = [g for p in obj.children if p.dep_ == "prep" and p.lower_ == "with" for g in p.children if g.dep_ == "pobj"]
                    return _core(with_[0]).text if with_ else _core(obj).text
                if child.lower_ == "on" and (obj.lower_ in CHANNEL_PLATFORMS or obj.lower_ in MEDIA_NAMES):
                    return _core(obj).text
    return None


def _is_channel(tok: Token) -> bool:
    """'told Reuters', 'told reporters'; not 'told his aide' (a listener, not a channel)."""
    return tok.lemma_.lower() in AUDIENCE_WORDS or _word_type(tok) == "media"


def _attach_reasons(clusters: list[Cluster], anonymous: dict[int, bool], doc: Doc, text: str) -> dict[int, tuple[int, int]]:
    """Give each stated reason to the nearest anonymous source mentioned in its sentence."""
    out: dict[int, tuple[int, int]] = {}
    for start, end in ((m.start(), m.end()) for m in ANONYMITY_RE.finditer(text)):
        start += len(text[start:end]) - len(text[start:end].lstrip())
        tok = doc.char_span(start, end, alignment_mode="expand")
        if tok is None:
            continue
        sent = tok[0].sent
        best, best_dist = None, None
        for ci, c in enumerate(clusters):
            if not anonymous[ci]:
                continue
            for m in c.mentions:
                if sent.start_char <= m.start < sent.end_char:
                    dist = abs(m.start - start) + (0 if m.start <= start else 1000)
                    if best_dist is None or dist < best_dist:
                        best, best_dist = ci, dist
        if best is not None and best not in out:
            out[best] = (start, end)
    return out


def _named(c: Cluster, kind: SourceType) -> bool:
    """Identified by name: a proper name anywhere in the chain, a unique institution ('the army'),
    or a document whose publisher is named ('a UN report')."""
    for m in c.mentions:
        tok = m.head
        if _is_name(tok) and tok.ent_type_ != "NORP":
            return True
        if _is_pronoun(tok):
            continue
        if any(a.dep_ == "appos" and a.ent_type_ == "PERSON" for a in tok.children):
            return True  # "A Rafah resident, Ahmed Said,"
        if kind in ("government", "organization", "media") and any(
                d.lower_ == "the" or d.dep_ == "poss" for d in tok.lefts if d.dep_ in ("det", "poss")):
            return True
        if kind == "document" and any(t.ent_type_ in ("ORG", "GPE", "PERSON") for t in _core(tok)):
            return True
    return False


def _withheld(c: Cluster) -> bool:
    """Sourcing that keeps an identity back: 'a senior source', 'officials', 'people familiar with'."""
    for m in c.real:
        if m.head.lemma_.lower() in ANONYMOUS_HEADS:
            return True
        if WITHHELD_RE.search(_core(m.head).text):
            return True
    return False


def describe(clusters: list[Cluster], analysis: Analysis, doc: Doc) -> list[Source]:
    text = analysis.article.text
    ids = {id(c): f"s{i + 1}" for i, c in enumerate(clusters)}
    by_attr = {a.id: a for a in analysis.attributions}
    kinds = [classify(c) for c in clusters]
    named = [_named(c, k) for c, k in zip(clusters, kinds)]
    unnamed_people = [not n and k in ("person", "people") for n, k in zip(named, kinds)]
    reasons = _attach_reasons(clusters, dict(enumerate(unnamed_people)), doc, text)
    anonymous = [u and (i in reasons or _withheld(c)) for i, (u, c) in enumerate(zip(unnamed_people, clusters))]
    sources = []
    for i, c in enumerate(clusters):
        best = _best(c)
        c.mentions.sort(key=lambda m: m.start)
        attribution_ids = sorted({a for m in c.mentions for a in m.attribution_ids}, key=lambda x: int(x[1:]))
        real = c.real or c.mentions
        role = next((r for m in sorted(real, key=lambda m: -(m.end - m.start)) if (r := _role(m.head, kinds[i]))), None)
        affiliation = next((a for m in real if (a := _affiliation(m.head))), None)
        channel = next((ch for a in attribution_ids if (ch := _channel(doc, by_attr[a]))), None)
        reason = reasons.get(i)
        if c.writer:  # one source for the article's own 'I', named by its byline where there is one
            kinds[i], named[i], anonymous[i], role = "person", analysis.article.byline is not None, False, "writer"
            reason = None
        sources.append(Source(
            id=ids[id(c)],
            name=(analysis.article.byline or "the writer") if c.writer else text[best.start:best.end],
            type=kinds[i],
            named=named[i],
            anonymous=anonymous[i],
            anonymity_reason=Span.of(text, *reason) if reason else None,
            role=role,
            affiliation=affiliation,
            channel=channel,
            via=ids.get(id(c.via)) if c.via is not None else None,
            mentions=[Span.of(text, m.start, m.end) for m in c.mentions],
            attribution_ids=attribution_ids,
        ))
    return sources


def summarize(analysis: Analysis) -> SourcingSummary:
    by_id = {s.id: s for s in analysis.sources}
    sourced = [a for a in analysis.attributions if a.source_id in by_id]
    anonymous = [a for a in sourced if by_id[a.source_id].anonymous]
    types: dict[str, int] = {}
    for s in analysis.sources:
        types[s.type] = types.get(s.type, 0) + 1
    return SourcingSummary(
        sources=len(analysis.sources),
        named=sum(s.named for s in analysis.sources),
        anonymous=sum(s.anonymous for s in analysis.sources),
        attributions=len(analysis.attributions),
        anonymous_attribution_share=round(len(anonymous) / len(sourced), 3) if sourced else 0.0,
        types=dict(sorted(types.items())),
    )


def _contents(analysis: Analysis, mentions: list[Mention]) -> list[tuple[int, int, Mention]]:
    first: dict[str, Mention] = {}
    for m in mentions:
        for a in m.attribution_ids:
            if m.head.lower_ not in FIRST_PERSON:
                first.setdefault(a, m)
    return [(c.start, c.end, first[a.id]) for a in analysis.attributions if a.id in first for c in a.contents]


@stage("sources")
def run(analysis: Analysis, doc: Doc) -> None:
    mentions = collect_mentions(analysis, doc)
    clusters = resolve(mentions, doc, _contents(analysis, mentions))
    analysis.sources = describe(clusters, analysis, doc)
    first: dict[str, tuple[int, str]] = {}
    for c, source in zip(clusters, analysis.sources):
        for m in c.mentions:
            for a in m.attribution_ids:
                if a not in first or m.start < first[a][0]:
                    first[a] = (m.start, source.id)
    for a in analysis.attributions:
        a.source_id = first[a.id][1] if a.id in first else None
    analysis.sourcing = summarize(analysis)
