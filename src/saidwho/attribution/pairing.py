"""Group tagged cue, source and content spans into attributions.

The tagger labels spans; which cue a span belongs to is decided here from
the parse: a span whose syntactic head chain reaches a cue belongs to that
cue, otherwise to the nearest cue in the same sentence, otherwise (a
quotation that runs on past its cue's sentence) to the nearest cue within
one sentence.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from . import CLOSE_QUOTES, QUOTES, Found

MAX_HOPS = 4


@dataclass
class TokenSpan:
    role: str        # CUE, SRC or CON
    start: int       # doc token index, inclusive
    end: int         # exclusive


def _sent_index(doc: Doc) -> list[int]:
    index, n = [0] * len(doc), -1
    for tok in doc:
        if tok.is_sent_start or tok.i == 0:
            n += 1
        index[tok.i] = n
    return index


def _paragraph_index(doc: Doc) -> list[int]:
    index, n = [0] * len(doc), 0
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].text_with_ws:
            n += 1
        index[tok.i] = n
    return index


def _core(doc: Doc, span: TokenSpan) -> TokenSpan:
    """The span without its outer punctuation: a quotation mark the parser hung on the sentence before
    must not decide which sentence, or which cue, the span belongs to."""
    start, end = span.start, span.end
    while end - start > 1 and doc[start].is_punct:
        start += 1
    while end - start > 1 and doc[end - 1].is_punct:
        end -= 1
    return TokenSpan(span.role, start, end)


def _root(doc: Doc, span: TokenSpan) -> int:
    """The token of the span whose head lies outside it."""
    span = _core(doc, span)
    for i in range(span.start, span.end):
        head = doc[i].head.i
        if not (span.start <= head < span.end) or head == i:
            return i
    return span.start


def _hangs_from(doc: Doc, span: TokenSpan, governor: TokenSpan) -> bool:
    """Whether the span's head chain reaches the governor within a few hops."""
    tok = doc[_root(doc, span)]
    for _ in range(MAX_HOPS):
        if governor.start <= tok.head.i < governor.end:
            return True
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return False


def _distance(a: TokenSpan, b: TokenSpan) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


RELATIVE = {"who", "which", "that"}


def _names_not_cues(doc: Doc, spans: list[TokenSpan]) -> list[TokenSpan]:
    """'A Rafah resident, Ahmed Said, said': a cue inside a person's name is part of the source before it."""
    out: list[TokenSpan] = []
    for span in spans:
        prev = out[-1] if out else None
        if (span.role == "CUE" and prev is not None and prev.role == "SRC" and prev.end == span.start
                and all(doc[i].tag_ in ("NNP", "NNPS") and doc[i].ent_type_ == "PERSON" for i in range(span.start, span.end))):
            prev.end = span.end
            continue
        out.append(span)
    return out


def _antecedent_only(doc: Doc, span: TokenSpan, cue: TokenSpan) -> TokenSpan:
    """'the official, who asked not to be named, told Reuters': the relative clause's cue keeps 'the official,
    who' (PolNeAR's convention); the main cue's source is the noun phrase alone."""
    last = doc[span.end - 1]
    if (span.end - span.start > 2 and last.lower_ in RELATIVE and last.head.dep_ == "relcl"
            and not cue.start <= last.head.i < cue.end):
        end = span.end - 1
        while end > span.start and doc[end - 1].is_punct:
            end -= 1
        return TokenSpan(span.role, span.start, end)
    return span


ADVERBIALS = ("npadvmod", "advmod", "prep")


def _top(doc: Doc, i: int, span: TokenSpan):
    """The ancestor of token i that hangs outside the span."""
    tok = doc[i]
    while span.start <= tok.head.i < span.end and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _drop_adverbials(doc: Doc, span: TokenSpan) -> TokenSpan:
    """'Wells Fargo just this month announced', 'The Times on Saturday wrote': a time phrase that the parser
    hangs on the verb is not part of the source.

    Only a tail that names a time is dropped: PolNeAR keeps asides such as ', in particular,' as often as
    not, and other tails hung on the verb are mostly parse errors inside a true source. In train, 26 of
    18,369 gold sources would change.
    """
    end = span.end
    while end - 1 > span.start:
        top = _top(doc, end - 1, span)
        if top.i == span.start or top.head.pos_ not in ("VERB", "AUX") or not (top.dep_ in ADVERBIALS or top.is_punct):
            break
        end -= 1
    tail = [t for t in doc[end:span.end] if not t.is_punct]
    if not any(t.ent_type_ in ("DATE", "TIME") for t in tail):
        return span
    while end - 1 > span.start and doc[end - 1].is_punct:
        end -= 1
    return TokenSpan(span.role, span.start, end)


def _carve_subjects(doc: Doc, spans: list[TokenSpan]) -> list[TokenSpan]:
    """The subject of an active cue verb is its source, never its content: move it out of a content span."""
    out = list(spans)
    for cue in [s for s in spans if s.role == "CUE"]:
        verb = doc[_root(doc, cue)]
        for subj in (c for c in verb.children if c.dep_ == "nsubj"):
            a, b = subj.left_edge.i, subj.right_edge.i + 1
            host = next((s for s in out if s.role == "CON" and s.start <= a and b <= s.end), None)
            if host is None or host.start <= verb.i < host.end:
                continue
            out.remove(host)
            pieces = [TokenSpan("CON", host.start, a), TokenSpan("SRC", a, b), TokenSpan("CON", b, host.end)]
            out.extend(p for p in pieces if p.role == "SRC" or any(not doc[i].is_punct for i in range(p.start, p.end)))
    return sorted(out, key=lambda s: s.start)


DASHES = {"\u2015", "\u2014", "\u2013", "--"}
MAX_CREDIT_TOKENS = 6


def _dash_credits(doc: Doc, spans: list[TokenSpan]) -> list[TokenSpan]:
    """'"We deserve better." ― Carla Sanchez': a quotation credited after a dash; the dash is the cue."""
    out = list(spans)
    for tok in (t for t in doc if t.text in DASHES):
        before = tok.i - 1
        while before > 0 and doc[before].is_space and "\n" not in doc[before].text:
            before -= 1
        if before < 0 or doc[before].text not in CLOSE_QUOTES:
            continue
        name = []
        for nxt in doc[tok.i + 1:tok.i + 1 + MAX_CREDIT_TOKENS]:
            if nxt.is_space and "\n" not in nxt.text:
                continue
            if not (nxt.pos_ == "PROPN" or nxt.is_title) or nxt.text in QUOTES:
                break
            name.append(nxt.i)
            if "\n" in nxt.text_with_ws:
                break
        if not name or _in_cue(out, tok.i):
            continue
        source = TokenSpan("SRC", name[0], name[-1] + 1)
        out = [s for s in out if not (s.role == "SRC" and s.start < source.end and source.start < s.end)]
        out += [TokenSpan("CUE", tok.i, tok.i + 1), source]
    return sorted(out, key=lambda s: s.start)


NOT_SPEAKERS = {"UPDATE", "CORRECTION", "EDITOR", "NOTE", "WATCH", "READ", "RELATED", "VIDEO", "PHOTOS", "MORE"}
MAX_SPEAKER_TOKENS = 3


def _speaker_word(tok) -> bool:
    """'WALLACE' in a transcript, 'Loretta Lynch' in a headline: capitals, or a proper name."""
    return tok.is_alpha and len(tok) > 1 and (tok.is_upper or (tok.is_title and tok.pos_ == "PROPN"))


def _transcript_turns(doc: Doc, spans: list[TokenSpan], para: list[int]) -> list[TokenSpan]:
    """'WALLACE: Let's start with...', 'Pence: Trump Was Mocking Clinton': a paragraph opened by a speaker's
    name and a colon."""
    out = list(spans)
    starts = [t.i for t in doc if not t.is_space and (t.i == 0 or para[t.i] != para[t.i - 1])]
    for first in starts:
        i = first + (doc[first].text in QUOTES)
        name = []
        while i < len(doc) and len(name) < MAX_SPEAKER_TOKENS and _speaker_word(doc[i]):
            name.append(i)
            i += 1
        if not name or i >= len(doc) or doc[i].text != ":" or doc[name[0]].text in NOT_SPEAKERS:
            continue
        end = i + 1
        while end < len(doc) and para[end] == para[first]:
            end += 1
        while end > i + 1 and (doc[end - 1].is_space or doc[end - 1].text in QUOTES):
            end -= 1
        if end <= i + 1 or _in_cue(out, i):
            continue
        out = [s for s in out if not (s.start < end and first <= s.start)]
        out += [TokenSpan("SRC", name[0], name[-1] + 1), TokenSpan("CUE", i, i + 1), TokenSpan("CON", i + 1, end)]
    return sorted(out, key=lambda s: s.start)


def _in_cue(spans: list[TokenSpan], i: int) -> bool:
    return any(s.role == "CUE" and s.start <= i < s.end for s in spans)


def pair(doc: Doc, spans: list[TokenSpan]) -> list[Found]:
    para = _paragraph_index(doc)
    spans = _carve_subjects(doc, _transcript_turns(doc, _dash_credits(doc, _names_not_cues(doc, spans)), para))
    cues = [s for s in spans if s.role == "CUE"]
    if not cues:
        return []
    sent = _sent_index(doc)
    members: dict[int, dict[str, list[TokenSpan]]] = {i: {"SRC": [], "CON": []} for i in range(len(cues))}
    for span in spans:
        if span.role == "CUE":
            continue
        core = _core(doc, span)
        first, last = sent[core.start], sent[core.end - 1]
        same = [i for i, c in enumerate(cues) if first <= sent[c.start] <= last]
        if same:
            # a span that hangs from a cue is its argument; a cue hanging from the span (a relative clause) is weaker
            pool = ([i for i in same if _hangs_from(doc, span, cues[i])]
                    or [i for i in same if _hangs_from(doc, cues[i], span)] or same)
        else:
            pool = [i for i, c in enumerate(cues)
                    if first - 1 <= sent[c.start] <= last + 1 and para[c.start] == para[span.start]]
            pool = pool or _introduced(doc, cues, span, sent, para)
        if not pool:
            continue
        best = min(pool, key=lambda i: (_distance(cues[i], span), cues[i].start < span.start))
        members[best][span.role].append(span)
    found = []
    for i, cue in enumerate(cues):
        contents = members[i]["CON"]
        if not contents:
            continue
        sources = members[i]["SRC"] or _shared_source(doc, cues, members, i, sent) or _subject(doc, cue, spans)
        sources = _one_source(doc, sources, cue)
        found.append(Found(
            cue=_chars(doc, _without_preposition(doc, cue)),
            sources=[_chars(doc, _close_apposition(doc, _possessor(doc, _drop_adverbials(doc, _antecedent_only(doc, s, cue)), cue))) for s in sources],
            contents=[_chars(doc, _without_loose_end(doc, c)) for c in contents],
        ))
    return found


JOINERS = {",", "and", "or", "&"}
SAYING = {"say", "tell", "write", "tweet", "announce", "report", "note", "argue", "state", "add", "explain"}
LOOSE_ENDS = {",", ";", "and", "but", "or", "--", "\u2014", "\u2013"}
SPEAKER_DEPS = ("nsubj", "nsubjpass", "pobj", "poss")


def _one_source(doc: Doc, sources: list[TokenSpan], cue: TokenSpan) -> list[TokenSpan]:
    """PolNeAR gives an attribution one source span (train: 9 of 19,868 have more). Pieces the tagger split
    ('Everyone' + 'I interviewed', 'Obama' + 'others') are joined; of rivals, the cue's subject, agent or
    possessor wins, then the nearest."""
    if len(sources) < 2:
        return sources
    sources = sorted(sources, key=lambda s: s.start)
    joined = [sources[0]]
    for s in sources[1:]:
        last = joined[-1]
        if all(doc[k].text in JOINERS or doc[k].is_space for k in range(last.end, s.start)):
            joined[-1] = TokenSpan("SRC", last.start, s.end)
        else:
            joined.append(s)

    def speaks(span: TokenSpan) -> bool:
        root = doc[_root(doc, span)]
        return cue.start <= root.head.i < cue.end and root.dep_ in SPEAKER_DEPS

    pool = [s for s in joined if speaks(s)] or joined
    return [min(pool, key=lambda s: _distance(s, cue))]


def _introduced(doc: Doc, cues: list[TokenSpan], span: TokenSpan, sent: list[int], para: list[int]) -> list[int]:
    """'Caddell continued:' ends a paragraph and the quotation fills the next: the last cue before the colon."""
    colon = span.start - 1
    while colon >= 0 and (doc[colon].is_space or doc[colon].text in QUOTES):
        colon -= 1
    if colon < 0 or doc[colon].text != ":" or para[colon] != para[span.start] - 1:
        return []
    in_sentence = [i for i, c in enumerate(cues) if c.start <= colon and sent[c.start] == sent[colon]]
    return in_sentence[-1:]


SUBJECT_DEPS = ("nsubj",)
CLAUSE_LINKS = ("advcl", "conj", "xcomp")
MAX_SUBJECT_TOKENS = 12


def _subject(doc: Doc, cue: TokenSpan, spans: list[TokenSpan]) -> list[TokenSpan]:
    """The cue verb's subject (or its governing verb's) when the tagger marked no source."""
    verb = doc[_root(doc, cue)]
    for _ in range(2):
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            subj = subjects[0]
            found = TokenSpan("SRC", subj.left_edge.i, subj.right_edge.i + 1)
            clash = any(s.start < found.end and found.start < s.end for s in spans)
            return [] if clash or found.end - found.start > MAX_SUBJECT_TOKENS else [found]
        if verb.dep_ not in CLAUSE_LINKS:
            return []
        verb = verb.head
    return []


def _shared_source(doc: Doc, cues: list[TokenSpan], members, i: int, sent: list[int]) -> list[TokenSpan]:
    """'Trump said X, adding Y': a cue that hangs from another cue in its sentence shares that cue's source."""
    for j, other in enumerate(cues):
        if j != i and members[j]["SRC"] and sent[other.start] == sent[cues[i].start] and _hangs_from(doc, cues[i], other):
            return members[j]["SRC"]
    return []


def _possessor(doc: Doc, span: TokenSpan, cue: TokenSpan) -> TokenSpan:
    """"Trump's claim": a source that owns its cue keeps the possessive; anywhere else it drops it.

    PolNeAR's convention (train: 182 to 4 with the cue next, 160 to 18 otherwise).
    """
    if span.end - span.start > 1 and doc[span.end - 1].tag_ == "POS" and cue.start != span.end:
        return TokenSpan(span.role, span.start, span.end - 1)
    if span.end < len(doc) and doc[span.end].tag_ == "POS" and cue.start == span.end + 1:
        return TokenSpan(span.role, span.start, span.end + 1)
    return span


def _without_loose_end(doc: Doc, span: TokenSpan) -> TokenSpan:
    """'... 19.9 percent, according to the Tax Foundation', '... defenses and warned': PolNeAR ends a content
    before a comma, a conjunction, a dash, a semicolon or an unopened bracket (train contents: 119 of 23,289 end
    with a comma, 9 with 'and', 'but' or 'or', 12 with a dash; a quote's own comma sits inside its marks)."""
    start, end = span.start, span.end
    while end - start > 1 and (doc[end - 1].lower_ in LOOSE_ENDS or doc[end - 1].text == ")" and not any(
            doc[k].text == "(" for k in range(start, end - 1))):
        end -= 1
    return TokenSpan(span.role, start, end)


def _without_preposition(doc: Doc, cue: TokenSpan) -> TokenSpan:
    """'said of the plan', 'said on CNN', 'wrote in a memo': the preposition after a verb of saying is not
    part of the cue (train: 'said in' 0 of 121, 'said on' 0 of 50, 'said of' 14 of 50 included; 'asked about'
    and 'asked for' are kept, 20 of 26 and 8 of 8)."""
    if (cue.end - cue.start > 1 and doc[cue.end - 1].pos_ == "ADP" and doc[cue.end - 1].lower_ not in ("about", "for")
            and doc[cue.end - 2].lemma_.lower() in SAYING):
        return TokenSpan(cue.role, cue.start, cue.end - 1)
    return cue


def _close_apposition(doc: Doc, span: TokenSpan) -> TokenSpan:
    """A source keeps its trailing comma exactly when the comma closes an apposition inside it.

    PolNeAR writes "Mr. Kamin" but "Scott Pruitt, the attorney general of
    Oklahoma," (922 to 107 and 799 to 5 in train); the tagger is unsure
    about that comma, so the convention is applied here.
    """
    inner = any(doc[i].text == "," for i in range(span.start, span.end - 1))
    if doc[span.end - 1].text == ",":
        return span if inner or span.end - span.start == 1 else TokenSpan(span.role, span.start, span.end - 1)
    if inner and span.end < len(doc) and doc[span.end].text == ",":
        return TokenSpan(span.role, span.start, span.end + 1)
    return span


def _chars(doc: Doc, span: TokenSpan) -> tuple[int, int]:
    return doc[span.start].idx, doc[span.end - 1].idx + len(doc[span.end - 1])
