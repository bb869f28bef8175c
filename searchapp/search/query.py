"""Query parsing: the user's syntax -> a Whoosh query, with entity expansion and limits.

Syntax (see docs/api.md): words are ANDed; `OR`/`أو`; `NOT`/`-word`; `"a phrase"`
(matched on the unstemmed `exact` field); `word*` (at least two letters, expansion
capped); parentheses; `=word` (exact, unstemmed); fields `title:`, `faction:`,
`place:`, `source:`, `governorate:`, `date:2017-03` or `date:[2017-01 TO 2017-06]`.
"""

import re
import threading
from collections import Counter
from dataclasses import dataclass, field, replace

from whoosh import qparser
from whoosh.query import Every, NullQuery, Or, Prefix, Query, Term, TermRange, Wildcard

from indexer.arabic.normalize import normalize
from indexer.arabic.terms import exact_terms, stemmed_terms, stop_words
from indexer.arabic.words import WORD_RE
from indexer.errors import KhabarError, QueryError
from searchapp.search.highlight import Marks, name_forms
from searchapp.search.request import is_date

MAX_QUERY_CHARS = 500
MAX_TERMS = 64
MIN_PREFIX_CHARS = 2
ENTITY_FIELDS = ("faction", "place", "source", "publisher", "governorate")
TEXT_FIELDS = ("title", "text")
# governorate ids are place ids; a publisher is an outlet of the sources gazetteer
FIELD_ALIASES = {"governorate": "place", "publisher": "source"}
LEXEME_RE = re.compile(r'"[^"]*"?|[()]|[^\s()"]+')
OPERATORS = {"AND", "OR", "NOT", "أو", "او"}
MAX_NAME_WORDS = 4
PARSED_KEPT = 4096  # parsed query texts remembered
OR_SCALE = 0.9  # relaxed OR: documents matching more of the words score higher (coordination)
LATIN_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z'\- ]*$")


@dataclass
class ParsedQuery:
    """What the service needs from a parse: the query and what was done to it."""

    query: Query
    words: list = field(default_factory=list)  # plain words, for did-you-mean
    expansions: list = field(default_factory=list)  # [{"text", "facet", "id", "ar", "en"}]
    empty: bool = False


def lex(text):
    return LEXEME_RE.findall(text)


def is_plain(lexeme):
    """A bare word: no quotes, field, operator, modifier or wildcard."""
    return (
        lexeme not in OPERATORS
        and lexeme not in "()"
        and not lexeme.startswith(('"', "-", "=", "+"))
        and ":" not in lexeme
        and "*" not in lexeme
        and "?" not in lexeme
    )


class NameIndex:
    """Normalized entity names (tuples of words) -> entities, for spotting names in queries."""

    def __init__(self, gazetteer):
        self.names = {}
        folded = {}  # the names share most of their words: each is normalized once
        for entity in gazetteer.entities():
            for name in entity.names():
                words = [
                    folded.get(w) or folded.setdefault(w, normalize(w))
                    for w in name.lower().split()
                ]
                key = tuple(w for w in words if w)
                if not key:
                    continue
                entities = self.names.setdefault(key, [])
                if entity not in entities:
                    entities.append(entity)

    def longest(self, words, start):
        """(length, entities) of the longest name starting at words[start], or (0, [])."""
        for size in range(min(MAX_NAME_WORDS, len(words) - start), 0, -1):
            key = tuple(normalize(w) for w in words[start : start + size])
            if key in self.names:
                return size, self.names[key]
        return 0, []


class QueryBuilder:
    """Turns query text into a query tree (whoosh.query objects) over Khabar's fields.

    The fields and their analyzers are the index schema's (indexer.whoosh_index.schema);
    a backend compiles the tree for its own index. Prefixes are expanded to the terms a
    backend's snapshot (`expand_prefix`) holds."""

    def __init__(self, schema, gazetteer, settings):
        self.schema = schema
        self.gazetteer = gazetteer
        self.settings = settings
        self.names = NameIndex(gazetteer)
        self._parsed, self._parsers = {}, threading.local()

    def parser(self, fields, relaxed):
        """A Whoosh parser for `fields`, built once per thread (building one costs ~1 ms)."""
        cache = self._parsers.__dict__
        key = (tuple(fields), relaxed)
        if key not in cache:
            cache[key] = self.make_parser(fields, relaxed)
        return cache[key]

    def make_parser(self, fields, relaxed):
        group = qparser.OrGroup.factory(OR_SCALE) if relaxed else qparser.AndGroup
        parser = qparser.MultifieldParser(
            fields,
            self.schema,
            group=group,
            fieldboosts={"title": self.settings.title_weight, "text": 1.0},
        )
        parser.remove_plugin_class(qparser.OperatorsPlugin)
        parser.add_plugin(
            qparser.OperatorsPlugin(
                And=r"(?<=\s)AND(?=\s)",
                Or=r"(?<=\s)(?:OR|أو|او)(?=\s)",
                AndNot=r"(?<=\s)ANDNOT(?=\s)",
                AndMaybe=r"(?<=\s)ANDMAYBE(?=\s)",
                Not=r"(^|(?<=(\s|[()])))NOT(?=\s)",
            )
        )
        parser.remove_plugin_class(qparser.BoostPlugin)
        return parser

    def parse(self, text, terms, exact=False, relaxed=False, expand=True):
        """ParsedQuery for `text`; raises QueryError for anything that breaks a limit.

        `terms` expands prefixes (a backend snapshot's `expand_prefix`). Remembered per
        query text (a copy is returned), except prefixes, which depend on the index.
        """
        if "*" in text or "?" in text:
            return self.parse_text(text, terms, exact, relaxed, expand)
        cache = self._parsed
        key = (text, exact, relaxed, expand)
        parsed = cache.get(key)
        if parsed is None:
            parsed = self.parse_text(text, terms, exact, relaxed, expand)
            if len(cache) >= PARSED_KEPT:
                cache.clear()
            cache[key] = parsed
        return replace(
            parsed, words=list(parsed.words), expansions=[dict(e) for e in parsed.expansions]
        )

    def parse_text(self, text, terms, exact=False, relaxed=False, expand=True):
        check_limits(text)
        lexemes = lex(text)
        if not any(is_content(x) for x in lexemes):
            return ParsedQuery(Every(), empty=True)
        check_balance(text)
        rewritten, expansions = self.rewrite(lexemes, exact, expand)
        fields = ["exact"] if exact else list(TEXT_FIELDS)
        try:
            query = self.parser(fields, relaxed).parse(rewritten)
            query = self.finish(query, terms)
        except KhabarError:  # a bad query (400) or a broken install: not a parse error
            raise
        except Exception as exc:  # Whoosh raises assorted errors on broken syntax
            raise QueryError(f"the query could not be parsed: {exc}", "bad_query") from None
        if sum(1 for _ in query.iter_all_terms()) > MAX_TERMS * 4:
            raise QueryError(
                f"the query expands to too many terms (limit {MAX_TERMS})", "too_many_terms"
            )
        words = [x for x in lexemes if is_plain(x)]
        return ParsedQuery(query, words, expansions)

    def rewrite(self, lexemes, exact, expand):
        """Query text Whoosh can parse: phrases and =words on `exact`, entity names expanded."""
        out, expansions, i = [], [], 0
        while i < len(lexemes):
            lexeme = lexemes[i]
            if lexeme.startswith('"'):
                out.append('exact:"' + lexeme.strip('"') + '"')
            elif lexeme.startswith("-"):
                out.append("NOT")
                if len(lexeme) > 1:
                    out.append(self.rewrite([lexeme[1:]], exact, expand)[0])
            elif lexeme.startswith("=") and len(lexeme) > 1:
                out.append("exact:" + lexeme[1:])
            elif is_plain(lexeme) and expand:
                size, entities = self.spot(lexemes, i)
                if size:
                    words = " ".join(lexemes[i : i + size])
                    out.append(self.expanded(words, entities, exact, expansions))
                    i += size
                    continue
                out.append(lexeme)
            else:
                out.append(lexeme)
            i += 1
        return " ".join(out), expansions

    def spot(self, lexemes, start):
        """The longest gazetteer name made of plain words starting at `start`."""
        run = []
        for lexeme in lexemes[start : start + MAX_NAME_WORDS]:
            if not is_plain(lexeme):
                break
            run.append(lexeme)
        return self.names.longest(run, 0) if run else (0, [])

    def expanded(self, words, entities, exact, expansions):
        """`(words OR faction:id ...)` for the entities a name belongs to; a Latin name
        also finds the entity's Arabic names in the text: 'Raqqa' -> (raqqa OR place:raqqa
        OR الرقة OR "الرقه" ...)."""
        alternatives = [f'exact:"{words}"' if exact else f"({words})"]
        latin = LATIN_NAME_RE.match(words) is not None
        for entity in entities:
            alternatives.append(f"{entity.facet}:{entity.id}")
            if latin:
                alternatives += arabic_names(entity)
            expansions.append(
                {
                    "text": words,
                    "facet": entity.facet,
                    "id": entity.id,
                    "ar": entity.ar,
                    "en": entity.en,
                    "label_ar": entity.label_ar,
                    "label_en": entity.label_en,
                }
            )
        return "(" + " OR ".join(alternatives) + ")"

    def finish(self, query, terms):
        """Map field values to ids, dates to ranges and prefixes to capped term lists."""
        if isinstance(query, (Prefix, Wildcard)):
            return self.prefix(query, terms)
        if isinstance(query, Term) and query.fieldname in ENTITY_FIELDS:
            return self.entity_term(query)
        if isinstance(query, (Term, TermRange)) and query.fieldname == "date":
            return date_query(query)
        if query.is_leaf():
            return query
        return query.apply(lambda q: self.finish(q, terms))

    def entity_term(self, query):
        """faction:داعش / faction:isis / governorate:Idlib -> Term(field, id)."""
        value = str(query.text)
        facet = FIELD_ALIASES.get(query.fieldname, query.fieldname)
        if self.gazetteer.get(facet, value):
            return Term(query.fieldname, value)
        key = tuple(normalize(w) for w in value.lower().replace("_", " ").split())
        ids = [e.id for e in self.names.names.get(key, []) if e.facet == facet]
        if not ids and query.fieldname == "publisher":
            return Term(query.fieldname, value)  # an outlet the gazetteer lacks, by its id
        if not ids:
            raise QueryError(f"unknown {query.fieldname} {value!r}", "unknown_value")
        return (
            Or([Term(query.fieldname, i) for i in ids])
            if len(ids) > 1
            else Term(query.fieldname, ids[0])
        )

    def prefix(self, query, terms):
        """word* -> the most frequent indexed terms starting with it (settings.prefix_terms)."""
        text = str(query.text).rstrip("*")
        if isinstance(query, Wildcard) and not is_simple_prefix(query.text):
            raise QueryError("only trailing * is supported (word*)", "bad_wildcard")
        stem = normalize(text)
        if len(stem) < MIN_PREFIX_CHARS:
            raise QueryError(
                f"a prefix needs at least {MIN_PREFIX_CHARS} letters before *", "short_prefix"
            )
        found = terms.expand_prefix(query.fieldname, stem, self.settings.prefix_terms)
        expanded = [Term(query.fieldname, t) for t in found]
        return Or(expanded) if expanded else NullQuery


def arabic_names(entity):
    """The entity's Arabic names as query text: one word as a word (its forms match), more
    as an exact phrase ('دير الزور', not دير and الزور anywhere)."""
    out = []
    for name in dict.fromkeys((entity.ar, *entity.aliases_ar)):
        words = WORD_RE.findall(name)
        if len(words) == 1:
            out.append(words[0])
        elif words:
            out.append('exact:"' + " ".join(words) + '"')
    return out


def is_simple_prefix(text):
    return text.endswith("*") and "*" not in text[:-1] and "?" not in text


def is_content(lexeme):
    return lexeme not in OPERATORS and lexeme not in "()" and lexeme.strip('"-=+*')


def check_limits(text):
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is longer than {MAX_QUERY_CHARS} characters", "query_too_long")
    words = [x for x in lex(text) if is_content(x)]
    if len(words) > MAX_TERMS:
        raise QueryError(f"the query has more than {MAX_TERMS} terms", "too_many_terms")


def check_balance(text):
    """Unbalanced quotes or parentheses do not parse: say so rather than guess."""
    if text.count('"') % 2:
        raise QueryError('the query has an unclosed quote (")', "bad_query")
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    if depth:
        raise QueryError("the query's parentheses do not match", "bad_query")


def date_query(query):
    """date:2017 / date:2017-03 -> prefix; date:[a TO b] -> inclusive range on ISO dates."""
    if isinstance(query, Term):
        value = str(query.text)
        if not is_date(value):
            raise QueryError(f"bad date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD", "bad_date")
        return Prefix("date", value)
    start, end = query.start, query.end
    for value in (start, end):
        if value is not None and not is_date(str(value)):
            raise QueryError(f"bad date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD", "bad_date")
    return TermRange("date", start, (end + "\uffff") if end else None)


def query_terms(query):
    """Analyzed text terms of a query (for highlighting), from title/text/exact fields."""
    return {str(t) for f, t in query.iter_all_terms() if f in (*TEXT_FIELDS, "exact")}


def highlight_terms(parsed, gazetteer=None):
    """What to mark: the query's analyzed terms, plus each expanded entity's names.

    A one-word name marks as a term; a longer name ('محافظة إدلب') only where it stands
    whole, so its generic words are not marked on their own.
    """
    terms, names = set(query_terms(parsed.query)), []
    for item in parsed.expansions:
        entity = gazetteer.get(item["facet"], item["id"]) if gazetteer else None
        for name in entity.names() if entity else (item["ar"],):
            forms = name_forms(name)
            if len(forms) == 1:
                terms.update(forms[0])
            elif forms:
                names.append(forms)
    return Marks(frozenset(terms), tuple(dict.fromkeys(names)))


def is_free_text(text, settings):
    """Plain words only, `settings.free_text_words` or more of them: a claim or a topic to
    rank as a bag of words, not a search with syntax."""
    return (
        all(is_plain(x) for x in lex(text)) and len(exact_terms(text)) >= settings.free_text_words
    )


def free_text_query(text, settings):
    """How free text ranks: its unstemmed words (stop words left out) on `exact`, plus a
    share of its stems on `text`, each as often as it repeats in the text.

    Measured on the UnifiedFC claims, this ranks better than the stemmed, title-boosted
    search: the light stemmer merges words claims keep apart (روسيا/روسي), and the title
    (often the text's first line) would count its words twice (docs/performance.md)."""
    stops = stop_words()
    words = Counter(t for t in exact_terms(text) if t not in stops)
    stems = Counter(stemmed_terms(text))
    return Or(
        [Term("exact", w, boost=float(n)) for w, n in words.items()]
        + [Term("text", s, boost=settings.stemmed_weight * n) for s, n in stems.items()]
    )
