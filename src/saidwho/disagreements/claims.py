"""Turn attributions into claims: polarity, modality and the terms they are about.

Polarity is read from the main clause only ("said no progress was made" is
negated; "refusal" inside a prepositional phrase is not), and a few
negative-sense predicates ("deadlock", "stalled") count as negation of
progress, so "deadlock continued" and "no progress" land on one side.
A denial cue ("denied", "rejected") negates what it introduces.
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import Analysis, Attribution, Claim, Span
from ..sources import ANONYMITY_RE

NEGATORS = {"no", "not", "n't", "never", "nothing", "none", "nobody", "neither", "nor", "without", "cannot"}
NEGATIVE_SENSE = {"deadlock", "deadlocked", "stalemate", "impasse", "stall", "stalled", "standstill", "fail", "failure",
                  "collapse", "breakdown", "lack", "deny", "reject",
                  # implicatives: "refused to release the names" says they were not released
                  "refuse", "decline", "neglect", "avoid",
                  # falling short: "the strategy is inadequate" says what "will not destroy ISIL" says
                  "inadequate", "insufficient", "ineffective", "unable", "impossible",
                  # not shown: "the videos were inconclusive" says what "did not give definitive evidence" says
                  "inconclusive", "unproven", "unsubstantiated",
                  # dismissals: calling a report false answers it as a denial does
                  "false", "untrue", "baseless", "unfounded", "nonsense", "absurd", "ridiculous", "delusional",
                  "lie", "fake", "wrong", "incorrect", "inaccurate", "misleading", "unsupported", "distorted",
                  "misrepresent", "outrageous", "oppose", "cherry", "distort"}
# words that answer another claim by dismissing it: "cherry-picked", "not true", "a distorted portrayal"
DISMISSALS = {"false", "untrue", "baseless", "unfounded", "nonsense", "absurd", "ridiculous", "lie", "lies", "fake",
              "wrong", "incorrect", "inaccurate", "misleading", "unsupported", "distorted", "cherry", "outrageous",
              "misrepresent", "misrepresented", "misrepresents", "fabricated", "bogus", "debunked", "fabrication",
              "falsehood", "falsehoods", "hoax", "smear", "rubbish", "baloney", "lying", "liar", "liars",
              "mischaracterization", "mischaracterized", "mischaracterizes", "misstated", "misquoted",
              "manufactured", "preposterous", "ludicrous", "laughable", "overblown", "overstated", "exaggerated",
              "exaggeration", "exaggerates", "exaggerating", "myth", "sham", "hogwash", "malarkey", "garbage",
              "disinformation", "misinformation", "slander", "slanderous", "libelous", "defamatory",
              "misconstrued", "misconstrue", "misconstrues", "misinterpreted", "misreported", "disingenuous",
              "dishonest", "untruthful"}
# they judge what was said, not who said it: "hypocritical" or "fearmongering" is a charge of its own, not a denial;
# and only said of a statement: "a ridiculous candidate" insults, "manufactured goods" are goods
DESCRIBING = {"false", "untrue", "baseless", "unfounded", "absurd", "ridiculous", "fake", "wrong", "incorrect",
              "inaccurate", "misleading", "unsupported", "distorted", "outrageous", "fabricated", "bogus", "debunked",
              "manufactured", "preposterous", "ludicrous", "laughable", "overblown", "overstated",
              "exaggerated", "garbage", "slanderous", "libelous", "defamatory", "disingenuous", "dishonest", "untruthful"}
STATEMENT_NOUNS = {"claim", "claims", "allegation", "allegations", "accusation", "accusations", "charge", "charges",
                   "report", "reports", "reporting", "story", "stories", "account", "accounts", "assertion", "assertions",
                   "statement", "statements", "suggestion", "suggestions", "idea", "notion", "narrative", "news",
                   "information", "argument", "arguments", "attack", "attacks", "impression", "premise", "issue",
                   "rumor", "rumors", "figure", "figures", "number", "numbers", "data", "picture", "portrayal", "contention",
                   "characterization", "proposition"}
DISMISSING_PHRASES = ("not true", "no substance", "no merit", "without merit", "no basis", "no truth", "no foundation",
                      "out of context", "not accurate", "not correct", "not the case", "never happened",
                      "conspiracy theory", "witch hunt", "scare tactic", "never said that", "never said it",
                      "did not say that", "didn t say that", "not actual facts", "not based on facts", "not based on fact",
                      "rush to judgment", "nothing of the kind", "nothing of the sort", "nothing to do with")
# "contrary to the claims of some candidates", "despite their claims of momentum": said against what others claim
CONTESTING = re.compile(r"\bcontrary to (?:what\b|(?:the |their |his |her |its |some |many )?(?:\w+ )?"
                        r"(?:claims?|reports?|assertions?|suggestions?|allegations?|accusations?)\b)"
                        r"|\bdespite (?:the |their |his |her |its )?(?:\w+ )?(?:claims?|assertions?)\b")
# "she made it up", "the story is made up"; not "made up her mind" or "is made up of"
MADE_UP = re.compile(r"\bmade (?:it|that|this|them|things|stuff|the whole thing|(?:the |a |this |that )?(?:\w+ )?"
                     r"(?:story|stories|claim|claims|number|numbers|quote|quotes)) up\b|"
                     r"\b(?:is|s|was|are|were|been|being|be|all|just|completely|totally|entirely|simply) made up\b"
                     r"(?! (?:of|for|by|with|from|the|her|his|their|my|our|its|your)\b)")
DENIAL_STEMS = ("deni", "deny", "reject", "dismiss", "refut", "disput", "rebut", "contest", "disavow", "repudiat",
                "contradict", "debunk", "rebuff", "scoff", "pooh", "bristl", "countered")
# rebuttals said in two words: "took issue with", "pushed back on", "brushed aside", "fired back"
DENIAL_PHRASES = re.compile(r"\b(?:t[ao]ok|takes?|taking)\s+(?:offense|offence|issue|exception)\b|\bpush(?:ed|es|ing)?\s+back\b|"
                            r"\bbrush(?:ed|es|ing)?\s+(?:aside|off)\b|\bwav(?:ed|es|ing)\s+(?:off|away)\b|"
                            r"\bsh(?:ot|oots|ooting)\s+down\b|\bfir(?:ed|es|ing)\s+back\b|\bhit(?:s|ting)?\s+back\b",
                            re.IGNORECASE)
REFUSING_STEMS = ("reject", "declin", "deni", "deny", "refus", "rebuff", "veto")  # not 'rebutted the proposals'
REFUSED = re.compile(r"\W*(?:(?:a|an|the|this|that|these|those|its|his|her|their|our|any)\s+)?(?:[\w'\u2019.-]+\s+){0,3}?"
                     r"(?:request|proposal|invitation|offer|bid|appeal|motion|petition|plan|nomination|settlement|"
                     r"demand|call|application|amendment|resolution)s?\b", re.IGNORECASE)
# "no doubt that", "never any question that", "no illusions about", "made no secret of": a negated doubt affirms
LITOTES = {"doubt", "doubts", "illusion", "illusions", "question", "secret"}
# a negated saying verb ('did not say', 'has not publicly accused', 'declined to comment'); 'has no evidence to
# suggest' is not one: it disputes
WITHHOLDING = re.compile(r"(?:\bnot|n't|\bnever|\bdeclin\w*\s+to|\brefus\w*\s+to)\s+(?:\w+ly\s+)?(?:say|said|accus|confirm|"
                         r"comment|disclos|identif|specif|elaborat|discuss|respond|address|answer|announc|explain|"
                         r"mention|blam|alleg|speculat)", re.IGNORECASE)
HEDGES = {"may", "might", "could", "possibly", "perhaps", "likely", "unlikely", "probably", "appear", "seem",
          "reportedly", "allegedly", "believe", "think", "suspect", "suggest", "apparently"}
PREDICTIONS = {"will", "would", "shall", "expect", "plan", "intend", "forecast", "predict", "wo"}
MAX_TERMS = 12
LIGHT_PREDICATES = {"be", "have", "say", "do", "make", "get", "go", "come", "take", "give", "tell", "think", "know",
                    "want", "see", "seem"}
SUBORDINATE = {"relcl", "acl", "advcl", "prep", "pobj", "pcomp", "mark", "appos", "csubj", "conj", "xcomp", "ccomp"}
MAX_DEPTH = 2
MIN_STATEMENT = 3  # words after a colon that can make a statement of their own
GENERIC = {"official", "source", "people", "report", "statement", "thing", "way", "time", "year", "day", "week",
           "be", "have", "do", "say", "tell", "make", "get", "take", "give", "go", "come", "also", "other", "more", "many"}
NOT_NAMING = {"CARDINAL", "ORDINAL", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY"}
QUOTES = "\"'\u201c\u201d\u2018\u2019"


def _tokens(doc: Doc, spans: list[Span]) -> list[Token]:
    out: list[Token] = []
    for s in spans:
        part = doc.char_span(s.start, s.end, alignment_mode="expand")
        if part is not None:
            out.extend(part)
    return out


def _main_clause(tok: Token, inside: set[int]) -> bool:
    """True within two links of the content's root, through no subordinate or coordinated clause.

    "no progress was made" and "deadlock continued" count; the "no" in
    "..., and that his speech should have no bearing" does not.
    """
    depth = 0
    while tok.head.i != tok.i and tok.head.i in inside:
        if tok.dep_ in SUBORDINATE or depth >= MAX_DEPTH:
            return False
        tok, depth = tok.head, depth + 1
    return True


def _negator(t: Token) -> bool:
    """'not', 'never', 'no'; but 'no-brainer' and 'no-fly zone' are words of their own, and 'no doubt' affirms."""
    hyphenated = t.i + 1 < len(t.doc) and t.nbor().text == "-" and not t.whitespace_
    litotes = t.head.lemma_ == "doubt" or any(w.lower_ in LITOTES and w.pos_ == "NOUN" for w in t.doc[t.i + 1:t.i + 3])
    return (t.dep_ == "neg" or t.lower_ in NEGATORS) and not hyphenated and not litotes


def cue_negated(cue: SpacySpan) -> bool:
    """'did not say', 'has no evidence to suggest', 'has not publicly accused': the reporter's verb negates the claim."""
    return any(_negator(t) for t in (*cue, *cue.root.children))


def _after_colon(tokens: list[Token]) -> list[Token]:
    """'Repeat after me: Obama is not admitting 100,000': what follows a colon in the first sentence is the statement."""
    first = tokens[0].sent.start if tokens else 0
    colons = [k for k, t in enumerate(tokens) if t.text == ":" and t.sent.start == first]
    if colons and len(tokens) - colons[0] > MIN_STATEMENT:
        return tokens[colons[0] + 1:]
    return tokens


def _conceded(tokens: list[Token]) -> list[Token]:
    """'I oppose abortion, but I think Planned Parenthood does a lot of good': after a concession, the clause
    behind 'but' is the claim."""
    inside = {t.i for t in tokens}
    first = tokens[0].sent.start if tokens else 0
    for turn in (t for t in tokens if t.dep_ == "cc" and t.lower_ in ("but", "yet") and t.sent.start == first):
        after = [c for c in turn.head.children if c.dep_ == "conj" and c.i > turn.i and c.i in inside
                 and c.pos_ in ("VERB", "AUX")]  # a clause: not "small but significant", not "but not women"
        if after:
            return [t for t in after[0].subtree if t.i in inside]
    return tokens


def polarity_of(tokens: list[Token], denial: bool, negated_cue: bool = False) -> str:
    """Negation of the main predicate, a negative-sense predicate, and a denial each flip it.

    What a denial denies is often a reported charge ("accusations that the articles were misleading"), so
    there a negative-sense word anywhere in the content counts.
    """
    tokens = _conceded(_after_colon(tokens))
    inside = {t.i for t in tokens}
    first = tokens[0].sent.start if tokens else 0
    main = [t for t in tokens if _main_clause(t, inside) and t.sent.start == first]
    negation = any(_negator(t) for t in main)
    negative_sense = any(t.lemma_.lower() in NEGATIVE_SENSE or t.lower_ in NEGATIVE_SENSE for t in (tokens if denial else main))
    return "negated" if negation ^ negative_sense ^ denial ^ negated_cue else "asserted"


def modality_of(tokens: list[Token], cue_lemma: str) -> str:
    words = {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}
    if cue_lemma in HEDGES or words & HEDGES:
        return "hedged"
    if cue_lemma in PREDICTIONS or words & PREDICTIONS or {"going", "to"} <= words:
        return "predicted"
    return "certain"


def terms_of(tokens: list[Token], entities: list[SpacySpan]) -> list[str]:
    """Named entities first, then content lemmas: what the claim is about."""
    inside = {t.i for t in tokens}
    ents = [e.text.lower().removeprefix("the ").strip() for e in entities if e.start in inside]
    lemmas = [t.lemma_.lower() for t in tokens if t.pos_ in {"NOUN", "PROPN", "VERB", "ADJ"} and not t.is_stop
              and t.is_alpha and t.lemma_.lower() not in GENERIC]
    return list(dict.fromkeys(t for t in [*ents, *lemmas] if t))[:MAX_TERMS]


def predicates_of(tokens: list[Token]) -> list[str]:
    """Two claims on one proposition usually share its predicate ('rejected the plan', 'did not reject it'); a
    light verb's predicate is its noun ('made progress', 'no progress was made', 'there is no progress')."""
    inside = {t.i for t in tokens}
    out = []
    for t in tokens:
        lemma = t.lemma_.lower()
        if not t.is_alpha or t.pos_ not in ("VERB", "ADJ", "AUX"):
            continue
        if lemma not in LIGHT_PREDICATES:
            out += [lemma] if t.pos_ != "AUX" else []
            continue
        existential = lemma == "be" and any(c.dep_ == "expl" for c in t.children)
        nouns = ("attr", "nsubj") if existential else () if lemma == "be" else ("dobj", "nsubjpass")
        out += [c.lemma_.lower() for c in t.children
                if c.i in inside and c.pos_ == "NOUN" and c.is_alpha and c.dep_ in nouns]
    return list(dict.fromkeys(out))


def naming_entities(doc: Doc) -> list[SpacySpan]:
    """Entities that can name a matter: numbers and dates say how much and when, not what about."""
    return [e for e in doc.ents if e.label_ not in NOT_NAMING]


def withholds(cue: str, source: str) -> bool:
    """'has not publicly accused Russia of ...', 'declined to say whether': a source that does not say a thing
    takes no side on it. A speaker's own 'I did not say that' is a denial, and stays one."""
    return bool(WITHHOLDING.search(cue)) and source.lower() not in ("i", "we")


ASKING_STEMS = ("ask", "wonder", "inquir")
QUESTION = re.compile(r"^\W*(?:whether|if|why|how|what|who|when|where|which)\b|\?\W*$", re.IGNORECASE)
# 'whether or not this could mean a Clinton-Warren ticket': open, whatever the cue; 'asked Warren whether ...'
OPEN_QUESTION = re.compile(r"^\W*whether\b", re.IGNORECASE)
ASKED_WHOM = re.compile(r"^\W*(?:[\w'\u2019.-]+\s+){1,3}?(?:whether|if)\b", re.IGNORECASE)


def asks(cue: str, content: str) -> bool:
    """'Ramos asked: "Did you lie to them?"', 'asked whether the talks had failed', 'asked Warren whether ...',
    'wondered whether ...': a question takes no side."""
    content = content.strip()
    asking = _cue_word(cue, ASKING_STEMS) and (QUESTION.search(content) or ASKED_WHOM.match(content))
    return bool(asking) or OPEN_QUESTION.match(content) is not None


REASON = re.compile(r"\W*(?:because|as|since|so|while|in order|to (?:discuss|speak|talk|describe|share))\b", re.IGNORECASE)


def asks_anonymity(cue: str, content: str) -> bool:
    """'asked not to be named': why a source goes unnamed, which the source carries; no claim on the matter."""
    said = f"{cue} {content}".strip().rstrip(" .,")
    m = ANONYMITY_RE.search(said)
    return m is not None and m.start() <= len(cue) and (m.end() >= len(said) or REASON.match(said, m.end()) is not None)


def _cue_word(cue: str, stems: tuple[str, ...]) -> bool:
    return any(w.startswith(stems) for w in cue.lower().split())


def refuses(cue: str, content: str) -> bool:
    """'rejected a request to restore early voting', 'declined our invitation': turning down an action is not
    disputing a statement, and takes no side on one."""
    return _cue_word(cue, REFUSING_STEMS) and REFUSED.match(content) is not None


QUESTIONING_STEMS = ("challeng", "question", "doubt")
CHALLENGED = re.compile(r"\W*(?:the|that|this|these|those|his|her|their|its|[A-Z][\w.-]*['\u2019]s?)\s+(?:[\w-]+\s+){0,2}?"
                        r"(?:" + "|".join(sorted(STATEMENT_NOUNS)) + r")\b", re.IGNORECASE)


def questions_statement(cue: str, content: str) -> bool:
    """'challenged the assertion that', 'questioned Clinton's account': to challenge a statement is to dispute it;
    to challenge a rival to a debate is not."""
    return _cue_word(cue, QUESTIONING_STEMS) and CHALLENGED.match(content) is not None


def is_denial(cue: str) -> bool:
    """'denied', 'rejected reports': works on the cue text so stored analyses can be re-read."""
    return _cue_word(cue, DENIAL_STEMS) or DENIAL_PHRASES.search(cue) is not None


def _said_of_statement(words: list[str], k: int) -> bool:
    """'the report is false', 'false claims', 'false and misleading'; not 'a ridiculous candidate'."""
    if words[k] not in DESCRIBING or k + 1 == len(words):
        return True
    after = words[k + 1]
    return after in STATEMENT_NOUNS or after in STOP_WORDS


def dismisses(content: str) -> bool:
    """Content that calls another claim false ('the AP report is misleading', "it's not true")."""
    words = re.findall(r"[a-z]+", content.lower())
    joined = " ".join(words)
    return (any(w in DISMISSALS and _said_of_statement(words, k) for k, w in enumerate(words))
            or any(p in joined for p in DISMISSING_PHRASES) or MADE_UP.search(joined) is not None
            or CONTESTING.search(joined) is not None)


def claim_text(attribution: Attribution) -> str:
    return " ".join(" ".join(c.text.strip(QUOTES + " ,") for c in attribution.contents).split())


def build_claims(analysis: Analysis, doc: Doc) -> list[Claim]:
    """One claim per attribution; a second reading of the same content is skipped."""
    claims: list[Claim] = []
    seen: set[tuple[int, int]] = set()
    entities = naming_entities(doc)
    for a in analysis.attributions:
        key = (a.contents[0].start, a.contents[-1].end)
        text = claim_text(a)
        if key in seen or len(text.split()) < 2:
            continue
        seen.add(key)
        tokens = _tokens(doc, a.contents)
        cue = doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
        parsed_cue = cue is not None and len(cue) > 0
        cue_lemma = cue.root.lemma_.lower() if parsed_cue else a.cue.text.lower()
        claims.append(Claim(id=f"c{len(claims) + 1}", attribution_id=a.id, source_id=a.source_id, text=text,
                            polarity=polarity_of(tokens, is_denial(a.cue.text), parsed_cue and cue_negated(cue)),
                            modality=modality_of(tokens, cue_lemma),
                            terms=terms_of(tokens, entities), predicates=predicates_of(tokens)))
    return claims
