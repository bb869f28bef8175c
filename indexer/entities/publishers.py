"""Who published an article, from its record's metadata (`source`, `url`), as an outlet.

Metadata names an outlet many ways: 'skynews', 'www.alarabiya.net', 'قناه العربيه 2018',
'https://arabic.cnn.com/middle-east/...'. Each value is normalized before lookup: a web
address loses its scheme, path, port and 'www.', and is looked up with each parent domain
('mubasher.aljazeera.net' -> 'aljazeera.net'); a label loses years and a leading
'قناة'/'موقع'/'وكالة'/... . An outlet the gazetteer lacks becomes a new entity whose id is
readable: its registrable domain ('sdusyria.org') or a slug of its name ('شبكه-اخبار-وادي').
Examples: 'www.alarabiya.net', 'قناه العربيه 2018' and 'alarabia' all give `alarabiya`.
"""

import re
from urllib.parse import urlsplit

from indexer.entities.gazetteer import Entity
from indexer.entities.matcher import name_key

DOMAIN_RE = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$")
YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# Leading media words a label may carry ('قناه العربيه', 'موقع عنب بلدي'), canonical.
MEDIA_WORDS = frozenset("قناه موقع وكاله صحيفه جريده مجله شبكه تلفزيون اذاعه راديو بوابه".split())
# Second-level labels under a country code: 'bbc.co.uk', 'aliwaa.com.lb', 'albaath.news.sy'.
SECOND_LEVEL = frozenset("co com org net gov edu ac news info".split())
# Hosts whose subdomains are separate outlets: 'alwatan.wordpress.com'.
HOSTING = frozenset(("wordpress.com", "blogspot.com", "over-blog.com", "github.io"))
SLUG_RE = re.compile(r"[^\w]+")


def host_of(value):
    """'https://www.Alarabiya.net/ar/x?y' -> 'alarabiya.net'; None when no web address."""
    value = value.strip().lower()
    if "://" not in value:
        value = "//" + value
    try:
        host = urlsplit(value).hostname or ""
    except ValueError:
        return None
    host = host.rstrip(".")
    for prefix in ("www.", "m.", "mobile."):
        host = host.removeprefix(prefix)
    return host if DOMAIN_RE.match(host) else None


def registrable(host):
    """The domain an organization registers: 'arabic.cnn.com' -> 'cnn.com',
    'www.bbc.co.uk' -> 'bbc.co.uk', 'alwatan.wordpress.com' stays."""
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL else 2
    domain = ".".join(labels[-keep:])
    if domain in HOSTING and len(labels) > keep:
        domain = ".".join(labels[-keep - 1 :])
    return domain


def parents(host):
    """'mubasher.aljazeera.net' -> ['mubasher.aljazeera.net', 'aljazeera.net']."""
    top = registrable(host)
    labels = host.split(".")
    out = [
        ".".join(labels[i:]) for i in range(len(labels)) if len(".".join(labels[i:])) >= len(top)
    ]
    return out or [host]


def label_keys(label):
    """Canonical keys to try for a label: 'قناه العربيه 2018' -> ['قناه عربيه', 'عربيه']."""
    key = name_key(YEAR_RE.sub(" ", label))
    keys = [key] if key else []
    words = key.split()
    if len(words) > 1 and words[0] in MEDIA_WORDS:
        keys.append(" ".join(words[1:]))
    return keys


def slug(name):
    """A readable id from a name: 'شبكة أخبار الوادي' -> 'شبكه-اخبار-وادي'."""
    return SLUG_RE.sub("-", name_key(name)).strip("-").lower()


class PublisherResolver:
    """Metadata values -> source entities of the gazetteer, or new readable ones: by web
    domain (and parent domains), then by any name or site label of an outlet."""

    def __init__(self, gazetteer):
        self.domains, self.labels = {}, {}
        for entity in gazetteer.entities("source"):
            for domain in entity.extra.get("domains", ()):
                self.domains.setdefault(domain.lower(), entity)
            for name in (*entity.names(), *entity.extra.get("sites", ())):
                if name:
                    self.labels.setdefault(name_key(name), entity)
        self.cache = {}

    def publisher(self, source, url):
        """The outlet of a record's `source` and `url` fields, or None when both are empty."""
        key = (source, url)
        if key not in self.cache:
            if len(self.cache) > 4096:
                self.cache.clear()
            self.cache[key] = self.resolve(source or "", url or "")
        return self.cache[key]

    def resolve(self, source, url):
        source_host = host_of(source)
        label = source if source.strip() and not source_host else ""
        found = label and self.by_label(label)  # 'skynews': no need to read the url
        if found:
            return found
        hosts = [h for h in (source_host, host_of(url)) if h]
        found = next((e for h in hosts if (e := self.by_host(h))), None)
        if found is not None or not (hosts or label):
            return found
        if hosts:
            domain = registrable(hosts[0])
            return Entity("source", domain, label.strip() or domain, domain, "publisher")
        name = " ".join(YEAR_RE.sub(" ", label).split())
        return Entity("source", slug(name) or "publisher", name, name, "publisher")

    def by_host(self, host):
        for domain in parents(host):
            if domain in self.domains:
                return self.domains[domain]
        return None

    def by_label(self, label):
        """A label resolved through the names of the sources ('Sky News', 'العربية نت')."""
        for key in label_keys(label):
            found = self.labels.get(key) or self.domains.get(key.replace(" ", ""))
            if found is not None:
                return found
        return None
