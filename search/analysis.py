"""Index analysis for Indonesian text: pure data, imported by the settings.

Lucene's Indonesian stemmer strips prefixes mechanically, so a root whose first consonant melts into
the prefix (peN-/meN- + kelola = pengelolaan) and the bare root end up as different stems
("elola" vs "lola"). `STEM_REPAIRS`, applied after the stemmer, maps such stems back to one root so
"kelola" finds "pengelolaan". It lists the roots common in public-sector documents; extend it when
search quality measurements show another family splitting.
"""

STEM_REPAIRS = [
    "elola, lola => kelola",
    "irim => kirim",
    "etap => tetap",
    "ulis => tulis",
    "aka, paka, akai => pakai",
    "iksa, eriksa => periksa",
    "ima, erima => terima",
    "sampa => sampai",
    "uasa => kuasa",
    "encana => rencana",
    "ohon => mohon",
    "terbuka => buka",
]

# The mapping of a field the public search highlights (`search.engine.SNIPPET_FIELDS`): its
# postings keep the offsets of each word, so the highlighter reads them instead of analysing the
# whole text (a PDF's) again for every hit shown: the largest cost of a search otherwise.
HIGHLIGHTED = {"es_extra": {"index_options": "offsets"}}

INDONESIAN_FILTERS = ["indonesian_stop", "indonesian_stemmer", "indonesian_stem_repairs"]
SEARCH_ANALYZER = "portal_search"
SYNONYM_FILTER = "portal_synonyms"


def synonym_filter(rules):
    """The search-time synonym filter; editors' rules replace the placeholder (search/synonyms.py).

    `lenient`: a rule whose words the analyzer drops (a stop word alone) is skipped, not fatal.
    """
    return {"type": "synonym_graph", "synonyms": list(rules) or ["ppid, ppid"], "lenient": True}


INDONESIAN_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "filter": {
                "indonesian_stop": {"type": "stop", "stopwords": "_indonesian_"},
                "indonesian_stemmer": {"type": "stemmer", "language": "indonesian"},
                "indonesian_stem_repairs": {"type": "stemmer_override", "rules": STEM_REPAIRS},
                SYNONYM_FILTER: synonym_filter([]),
            },
            "analyzer": {
                # The default analyzer is what Wagtail's combined `_all_text` fields use.
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding", *INDONESIAN_FILTERS],
                },
                # Queries only: synonyms before stop words and stemming, so that their words get
                # both; changing synonyms then needs no reindex.
                SEARCH_ANALYZER: {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding", SYNONYM_FILTER, *INDONESIAN_FILTERS],
                },
            },
        }
    }
}
