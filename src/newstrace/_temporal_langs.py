"""Internal helper of `newstrace.temporal`: rule tables for it, pt, nl, pl, ru, uk, tr, ar,
zh, ja, ko.

Same format as `temporal.LANGS` (read that module's docstring); `temporal` merges
`TABLES` into `LANGS`. Month and weekday names are not typed here. They come from
maintained data:

- CLDR through babel: wide month names in both contexts (in Polish, Russian and
  Ukrainian "format" is the genitive of "18 января", "stand-alone" the nominative),
  abbreviations that CLDR writes with a final dot ("янв.", "jan."), weekday names; for
  Arabic every ``ar_*`` locale, which gives the Egyptian and Gulf names (يناير…), the
  Levantine and Iraqi names (كانون الثاني…) and the Maghreb names (جانفي…, يوليوز…).
- dateparser's language data: inflected forms CLDR lacks (Polish locative "w styczniu",
  Russian and Ukrainian accusative "в среду") and spellings without diacritics. Forms
  dateparser lists as truncations of a longer form are left out ("серед", "Kwie"): they
  are abbreviations, and some are ordinary words ("серед" is "among").

What those sources lack is written here: relative words, weekday modifiers, parts of a
month, numbers, units, future cues, a few regular inflections (Russian and Ukrainian
locative months, Slavic genitive weekdays after "since/until/last"), and the templates,
which carry the word order (Turkish postpositions and suffixes, Arabic clitics). Where a
name is also a common word the templates ask for context: Russian "среда" is also
"environment", Turkish "pazar" "market", Arabic "أحد" "one" and "مارس" "he practised",
Portuguese "segunda" "second"; such names count only after a preposition or modifier,
before "günü", or next to a day number. Chinese, Japanese and Korean dates are numbers
with markers ("2022年1月20日", "2022년 1월 20일"): one builder, `_cjk`, serves the three.

Tables are built on first use (babel's locale data takes a few tenths of a second to
load).
"""
from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping

__all__ = ["TABLES"]

_EARLY, _MID, _LATE, _WHOLE = (1, 10), (11, 20), (21, 31), (1, 31)
_FIRST_HALF, _SECOND_HALF = (1, 15), (16, 31)
_YEARLY, _YMID, _YLATE = (1, 4), (5, 8), (9, 12)
_DP_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december")
_DP_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


# ------------------------------------------------------------------ name sources

def _cldr_months(locales: list[str], dotted: bool = False) -> dict[str, int]:
    """Wide month names of ``locales`` in both contexts; ``dotted`` adds the abbreviations
    CLDR writes with a final dot ("янв.", "jan."), which cannot be ordinary words."""
    from babel.dates import get_month_names
    out: dict[str, int] = {}
    for loc in locales:
        for ctx in ("format", "stand-alone"):
            for m, name in get_month_names("wide", ctx, locale=loc).items():
                out[_space(name)] = m
            if dotted:
                for m, name in get_month_names("abbreviated", ctx, locale=loc).items():
                    if name.endswith(".") and len(name) >= 4:
                        out[_space(name)] = m
    return out


def _cldr_days(locales: list[str]) -> dict[str, int]:
    """Wide weekday names (0 = Monday, babel's numbering too)."""
    from babel.dates import get_day_names
    out: dict[str, int] = {}
    for loc in locales:
        for ctx in ("format", "stand-alone"):
            for d, name in get_day_names("wide", ctx, locale=loc).items():
                out[_space(name)] = d
    return out


def _dateparser_forms(lang: str, keys: tuple[str, ...]) -> dict[str, int]:
    """dateparser's forms for ``keys`` (month or weekday names), index = position in
    ``keys`` (+1 for months). Short forms (< 4 characters) and forms that are a
    truncation of a longer form of the same name are abbreviations and left out."""
    info = importlib.import_module(f"dateparser.data.date_translation_data.{lang}").info
    base = 1 if keys is _DP_MONTHS else 0
    out: dict[str, int] = {}
    for i, key in enumerate(keys):
        forms = {f.lower() for f in info.get(key, [])}
        for f in forms:
            if len(f) < 4 or any(g != f and g.startswith(f) for g in forms):
                continue
            out[f] = i + base
    return out


def _space(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()


def _fold(s: str) -> str:
    """Without diacritics ("lunedì" → "lunedi"): news text typed on keyboards without them."""
    return "".join(c for c in unicodedata.normalize("NFD", s)
                   if not unicodedata.combining(c))


def _apostrophes(table: dict) -> dict:
    """Every key with ' also with ’ and ʼ (and the reverse): "п'ятниця", "пʼятниця"."""
    out = dict(table)
    for k, v in table.items():
        if any(a in k for a in "'’ʼ"):
            for a in "'’ʼ":
                out.setdefault(re.sub("['’ʼ]", a, k), v)
    return out


def _merge(*tables: dict[str, int], exclude: tuple[str, ...] = ()) -> dict[str, int]:
    out: dict[str, int] = {}
    for t in tables:
        for k, v in t.items():
            if k.lower() not in exclude:
                out.setdefault(k, v)
    return _apostrophes(out)


def _alt(words) -> str:
    """Regex alternation, longest first (as `temporal._alt` for case-insensitive tables)."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def _finish(t: dict) -> dict:
    """Apostrophe variants for every word list, so tables can be written with one."""
    for key in ("parts", "yparts", "mods", "rel", "units", "numbers"):
        t[key] = _apostrophes(t[key])
    for key in ("yprep", "mprep"):
        t[key] = sorted(_apostrophes({w: 0 for w in t[key]}))
    return t


# ----------------------------------------------------------------------- Italian

def _it() -> dict:
    months = _merge(_cldr_months(["it"]), _dateparser_forms("it", _DP_MONTHS))
    days = _cldr_days(["it"])
    days = _merge(days, {_fold(k): v for k, v in days.items()})  # lunedi, martedi …
    post = {"scorso": "last", "scorsa": "last", "passato": "last", "passata": "last",
            "prossimo": "next", "prossima": "next"}
    mods = {"lo scorso": "last", "la scorsa": "last", "scorso": "last", "scorsa": "last",
            "il prossimo": "next", "la prossima": "next", "prossimo": "next",
            "prossima": "next", "questo": "this", "questa": "this", "entro": "on",
            "fino a": "on", **post}
    return _finish({
        "case_sensitive": False,
        "months": months,
        "weekdays": days,
        "ord": r"(?:º|°)?",
        "parts": {"inizio": _EARLY, "a inizio": _EARLY, "all'inizio di": _EARLY,
                  "agli inizi di": _EARLY, "ai primi di": _EARLY, "primi di": _EARLY,
                  "metà": _MID, "a metà": _MID, "verso metà": _MID,
                  "fine": _LATE, "a fine": _LATE, "alla fine di": _LATE,
                  "sul finire di": _LATE, "negli ultimi giorni di": _LATE,
                  "nel corso di": _WHOLE, "nel mese di": _WHOLE, "durante il mese di": _WHOLE},
        "yparts": {"inizio": _YEARLY, "a inizio": _YEARLY, "all'inizio del": _YEARLY,
                   "agli inizi del": _YEARLY, "metà": _YMID, "a metà": _YMID,
                   "fine": _YLATE, "a fine": _YLATE, "alla fine del": _YLATE,
                   "entro la fine del": _YLATE, "entro fine": _YLATE},
        "yprep": ["nel", "dal", "del", "al", "entro il", "fino al", "prima del", "dopo il",
                  "durante il", "nel corso del", "a partire dal", "sin dal", "fin dal",
                  "nell'anno"],
        "mprep": ["a", "in", "da", "fino a", "entro", "dallo scorso", "lo scorso"],
        "mods": mods,
        "rel": {"l'altro ieri": ("day", -2), "l'altroieri": ("day", -2),
                "avantieri": ("day", -2), "ieri sera": ("day", -1),
                "ieri mattina": ("day", -1), "ieri pomeriggio": ("day", -1),
                "ieri": ("day", -1), "oggi": ("day", 0), "stamattina": ("day", 0),
                "stamani": ("day", 0), "stasera": ("day", 0), "stanotte": ("day", 0),
                "questa mattina": ("day", 0), "questa sera": ("day", 0),
                "oggi pomeriggio": ("day", 0), "dopodomani": ("day", 2),
                "la settimana scorsa": ("week", -1), "la scorsa settimana": ("week", -1),
                "la settimana passata": ("week", -1), "questa settimana": ("week", 0),
                "la settimana prossima": ("week", 1), "la prossima settimana": ("week", 1),
                "il mese scorso": ("month", -1), "lo scorso mese": ("month", -1),
                "questo mese": ("month", 0), "il mese prossimo": ("month", 1),
                "il prossimo mese": ("month", 1),
                "l'anno scorso": ("year", -1), "lo scorso anno": ("year", -1),
                "l'anno passato": ("year", -1), "quest'anno": ("year", 0),
                "l'anno prossimo": ("year", 1), "il prossimo anno": ("year", 1)},
        # "domani" is "tomorrow", but "il domani", "del domani" is "the future".
        "rel_guarded": {"domani": (("day", 1), r"(?:il|del|nel|al|dal|un|Il)\s+$")},
        "units": {"giorno": "day", "giorni": "day", "settimana": "week",
                  "settimane": "week", "mese": "month", "mesi": "month", "anno": "year",
                  "anni": "year"},
        "numbers": {"un": 1, "uno": 1, "una": 1, "due": 2, "tre": 3, "quattro": 4,
                    "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9, "dieci": 10,
                    "alcuni": 3, "alcune": 3, "pochi": 3, "qualche": 3},
        "future": r"\b(?:sarà|saranno|si terrà|si terranno|si svolgerà|si svolgeranno|"
                  r"previst[oaie]|prossim[oaie]|dovrebbe|dovrebbero|in programma|"
                  r"è atteso|è attesa)\b",
        # a limit ("fino al 15 marzo", "entro il 3 maggio"): direction open (temporal._is_limit)
        "boundary": r"(?i:\b(?:fino|entro|prima|non oltre)(?:\s+(?:a|al|alla|il|la|del|della|di|fine|inizio|metà))*\s+$)",
        "templates": [
            ("date_y", r"(?:(?:{MOD}\s+)?{WD},?\s+)?\b{D}\s+{M}\s+(?:del\s+)?{Y}"),
            ("date_wd", r"(?:{MOD}\s+)?{WD},?\s+{D}\s+{M}"),
            ("month_day", r"\b{D}\s+{M}\b"),
            ("month_y", r"(?:{PART}\s+)?{M}\s+(?:del\s+)?{Y}"),
            ("part_month", r"\b{PART}\s+{M}\b"),
            ("month", r"\b{MPREP}\s+{M}\b"),
            ("year", r"\b{YPART}\s+{Y}"),
            ("year", r"\b{YPREP}\s+{Y}"),
            ("ago", r"\b{N}\s+{UNIT}\s+fa\b"),
            ("rel", r"(?<!\w){REL}(?!\w)"),
            ("weekday", r"(?:{MOD}\s+)?{WD}(?:\s+(?P<mod2>" + _alt(post) + r"))?"
                        r"(?:\s+(?:mattina|sera|pomeriggio|notte))?(?!\w)"),
        ],
    })


# -------------------------------------------------------------------- Portuguese

def _pt() -> dict:
    cldr = _cldr_months(["pt", "pt_PT"], dotted=True)
    # "marco" (without the cedilla of "março") is a common word: landmark, milestone.
    months = _merge(cldr, {_fold(k): v for k, v in cldr.items()},
                    _dateparser_forms("pt", _DP_MONTHS), exclude=("marco", "mar."))
    full = _cldr_days(["pt", "pt_PT"])
    full = _merge(full, {_fold(k): v for k, v in full.items()})
    # The short forms ("na segunda", "nesta quinta (20)") are also ordinals ("na segunda
    # fase"): they count only next to a date, or after a modifier and before punctuation.
    short = {k.split("-")[0]: v for k, v in full.items() if k.endswith("-feira")}
    post = {"passada": "last", "passado": "last", "que vem": "next"}
    mods = {"na": "on", "no": "on", "nesta": "this", "neste": "this", "nessa": "this",
            "nesse": "this", "desta": "this", "deste": "this", "esta": "this",
            "este": "this", "na última": "last", "no último": "last", "na passada": "last",
            "no passado": "last", "na próxima": "next", "no próximo": "next",
            "próxima": "next", "próximo": "next", "última": "last", "último": "last",
            "até": "on", "desde": "last", "até a": "on", "até o": "on", "desde a": "last",
            "desde o": "last", **post}
    wd_full = r"(?<!\w)(?<!Santo\s)(?P<wd>" + _alt(full) + r")"
    wd_short = r"(?<!\w)(?P<wd>" + _alt(short) + r")(?!-)"
    after_short = (r"(?=\s*[,.;:!?()]|\s*$|\s+(?:" + _alt(post)
                   + r"|à\s+noite|à\s+tarde|de\s+manhã|pela\s+manhã)(?!\w))")
    return _finish({
        "case_sensitive": False,
        "months": months,
        "weekdays": _merge(full, short),
        "ord": r"(?:º|°)?",
        "parts": {"no início de": _EARLY, "início de": _EARLY, "no começo de": _EARLY,
                  "começo de": _EARLY, "em princípios de": _EARLY,
                  "nos primeiros dias de": _EARLY, "em meados de": _MID, "meados de": _MID,
                  "no final de": _LATE, "final de": _LATE, "no fim de": _LATE,
                  "fim de": _LATE, "em fins de": _LATE, "fins de": _LATE,
                  "nos últimos dias de": _LATE, "ao longo de": _WHOLE,
                  "no mês de": _WHOLE, "durante o mês de": _WHOLE},
        "yparts": {"no início de": _YEARLY, "início de": _YEARLY, "no começo de": _YEARLY,
                   "em meados de": _YMID, "meados de": _YMID, "no final de": _YLATE,
                   "final de": _YLATE, "no fim de": _YLATE, "fim de": _YLATE,
                   "até o final de": _YLATE, "até ao final de": _YLATE},
        # not "de": "mais de 2000", "cerca de 2000" are counts
        "yprep": ["em", "desde", "até", "ano de", "antes de", "depois de",
                  "durante", "a partir de", "ao longo de"],
        "mprep": ["em", "desde", "até", "no mês de", "a partir de", "durante"],
        "mods": mods,
        "rel": {"anteontem": ("day", -2), "ontem à noite": ("day", -1),
                "ontem": ("day", -1), "hoje": ("day", 0), "esta manhã": ("day", 0),
                "nesta manhã": ("day", 0), "hoje de manhã": ("day", 0),
                "esta noite": ("day", 0), "nesta noite": ("day", 0),
                "amanhã": ("day", 1), "depois de amanhã": ("day", 2),
                "na semana passada": ("week", -1), "semana passada": ("week", -1),
                "na última semana": ("week", -1), "esta semana": ("week", 0),
                "nesta semana": ("week", 0), "na próxima semana": ("week", 1),
                "próxima semana": ("week", 1), "na semana que vem": ("week", 1),
                "no mês passado": ("month", -1), "mês passado": ("month", -1),
                "este mês": ("month", 0), "neste mês": ("month", 0),
                "no próximo mês": ("month", 1), "próximo mês": ("month", 1),
                "no mês que vem": ("month", 1), "no ano passado": ("year", -1),
                "ano passado": ("year", -1), "este ano": ("year", 0),
                "neste ano": ("year", 0), "no próximo ano": ("year", 1),
                "próximo ano": ("year", 1), "no ano que vem": ("year", 1)},
        "units": {"dia": "day", "dias": "day", "semana": "week", "semanas": "week",
                  "mês": "month", "meses": "month", "ano": "year", "anos": "year"},
        "numbers": {"um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "quatro": 4,
                    "cinco": 5, "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10,
                    "alguns": 3, "algumas": 3, "poucos": 3, "poucas": 3},
        "future": r"\b(?:será|serão|vai|vão|irá|irão|deve|devem|deverá|deverão|"
                  r"acontecerá|previst[oa]s?|próxim[oa]s?|marcad[oa]s? para|"
                  r"agendad[oa]s? para)\b",
        # a limit ("até 15 de março", "até ao fim de março", "antes de 3 de maio")
        "boundary": r"(?i:\b(?:até|antes\s+de|no\s+máximo\s+até)(?:\s+(?:o|a|ao|à|dia|fim\s+de|final\s+de|meados\s+de))*\s+$)",
        "templates": [
            ("date_y", r"(?:(?:{MOD}\s+)?{WD},?\s+)?\b{D}\s+de\s+{M}\s+(?:de\s+)?{Y}"),
            ("date_wd", r"(?:{MOD}\s+)?{WD},?\s+\(?(?:dia\s+)?{D}\s+de\s+{M}"),
            ("month_day", r"\b{D}\s+de\s+{M}"),
            ("month_y", r"(?:{PART}\s+)?\b{M}\s+(?:de\s+)?{Y}"),
            ("part_month", r"\b{PART}\s+{M}\b"),
            ("month", r"\b{MPREP}\s+{M}\b"),
            ("year", r"\b{YPART}\s+{Y}"),
            ("year", r"\b{YPREP}\s+{Y}"),
            ("ago", r"\bhá\s+{N}\s+{UNIT}\b"),
            ("ago", r"\b{N}\s+{UNIT}\s+atrás\b"),
            ("rel", r"(?<!\w){REL}(?!\w)"),
            ("weekday", r"(?:{MOD}\s+)?" + wd_full + r"(?:\s+(?P<mod2>" + _alt(post)
                        + r"))?(?![\w-])"),
            ("weekday", r"{MOD}\s+" + wd_short + r"(?:\s+(?P<mod2>" + _alt(post) + r"))?"
                        + after_short),
        ],
    })


# ------------------------------------------------------------------------- Dutch

def _nl() -> dict:
    post = {"jongstleden": "last", "jl.": "last", "aanstaande": "next", "a.s.": "next"}
    mods = {"afgelopen": "last", "vorige": "last", "verleden": "last", "komende": "next",
            "volgende": "next", "aanstaande": "next", "deze": "this", "op": "on",
            "sinds": "last", "tot": "on", "tot en met": "on", "vanaf": "on", **post}
    return _finish({
        "case_sensitive": False,
        "months": _merge(_cldr_months(["nl"]), _dateparser_forms("nl", _DP_MONTHS)),
        "weekdays": _cldr_days(["nl"]),
        "ord": r"(?:e|ste|de)?",
        "parts": {"begin": _EARLY, "aan het begin van": _EARLY, "in het begin van": _EARLY,
                  "half": _MID, "medio": _MID, "midden": _MID, "halverwege": _MID,
                  "eind": _LATE, "einde": _LATE, "aan het eind van": _LATE,
                  "aan het einde van": _LATE, "eind van": _LATE,
                  "in de loop van": _WHOLE, "in de maand": _WHOLE, "eerder in": _WHOLE},
        "yparts": {"begin": _YEARLY, "aan het begin van": _YEARLY, "half": _YMID,
                   "medio": _YMID, "midden": _YMID, "halverwege": _YMID, "eind": _YLATE,
                   "einde": _YLATE, "aan het eind van": _YLATE,
                   "aan het einde van": _YLATE},
        # not "voor": "voor 2000 euro" is a price
        "yprep": ["in", "sinds", "vanaf", "tot", "tot en met", "na", "gedurende",
                  "in het jaar"],
        "mprep": ["in", "sinds", "vanaf", "tot", "tot en met", "eind", "begin", "half",
                  "medio", "afgelopen", "vorige", "komende", "volgende"],
        "mods": mods,
        "rel": {"eergisteren": ("day", -2), "gisteravond": ("day", -1),
                "gisterochtend": ("day", -1), "gistermiddag": ("day", -1),
                "gisternacht": ("day", -1), "gisteren": ("day", -1), "vandaag": ("day", 0),
                "vanochtend": ("day", 0), "vanmorgen": ("day", 0), "vanmiddag": ("day", 0),
                "vanavond": ("day", 0), "vannacht": ("day", 0),
                "morgenochtend": ("day", 1), "morgenmiddag": ("day", 1),
                "morgenavond": ("day", 1), "overmorgen": ("day", 2),
                "vorige week": ("week", -1), "afgelopen week": ("week", -1),
                "verleden week": ("week", -1), "deze week": ("week", 0),
                "volgende week": ("week", 1), "komende week": ("week", 1),
                "vorige maand": ("month", -1), "afgelopen maand": ("month", -1),
                "deze maand": ("month", 0), "volgende maand": ("month", 1),
                "komende maand": ("month", 1), "vorig jaar": ("year", -1),
                "afgelopen jaar": ("year", -1), "verleden jaar": ("year", -1),
                "vorige jaar": ("year", -1), "dit jaar": ("year", 0),
                "volgend jaar": ("year", 1), "komend jaar": ("year", 1),
                "volgende jaar": ("year", 1)},
        # "morgen" is "tomorrow", but "de morgen", "elke morgen" the morning.
        "rel_guarded": {"morgen": (("day", 1),
                                   r"(?:[Dd]e|[Dd]eze|die|elke|iedere|een|op de|in de)\s+$")},
        "units": {"dag": "day", "dagen": "day", "week": "week", "weken": "week",
                  "maand": "month", "maanden": "month", "jaar": "year", "jaren": "year"},
        "numbers": {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5,
                    "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10,
                    "enkele": 3, "een paar": 3, "een aantal": 3},
        "future": r"\b(?:zal|zullen|gaat|gaan|komende|volgende|aanstaande|gepland|"
                  r"verwacht|staat op het programma)\b",
        # a limit ("tot 15 maart", "uiterlijk 3 mei", "tot eind maart", "vóór 1 juni")
        "boundary": r"(?i:\b(?:tot|uiterlijk|vóór|voor)(?:\s+(?:en\s+met|eind|begin|half|op|de|het))*\s+$)",
        "templates": [
            ("date_y", r"(?:(?:{MOD}\s+)?{WD},?\s+)?\b{D}\s+{M}\s+{Y}"),
            ("date_wd", r"(?:{MOD}\s+)?{WD},?\s+{D}\s+{M}"),
            ("month_day", r"\b{D}\s+{M}\b"),
            ("month_y", r"(?:{PART}\s+)?\b{M}\s+{Y}"),
            ("part_month", r"\b{PART}\s+{M}\b"),
            ("month", r"\b{MPREP}\s+{M}\b"),
            ("year", r"\b{YPART}\s+{Y}"),
            ("year", r"\b{YPREP}\s+{Y}"),
            ("ago", r"\b{N}\s+{UNIT}\s+geleden\b"),
            ("rel", r"(?<!\w){REL}(?!\w)"),
            ("weekday", r"(?:{MOD}\s+)?{WD}(?:ochtend|morgen|middag|avond|nacht)?"
                        r"(?:\s+(?P<mod2>" + _alt(post) + r"))?(?![\w])"),
        ],
    })


# ----------------------------------------------------- Polish, Russian, Ukrainian

def _slavic_weekday_template(post_times: list[str]) -> str:
    """Slavic weekday names are also case forms of other words ("среда" environment,
    "неділі" weeks): a bare weekday needs a preposition or modifier ("в среду",
    "w piątek", "минулої п'ятниці")."""
    return (r"{MOD}\s+{WD}(?:\s+(?:" + "|".join(post_times) + r"))?(?!\w)")


def _pl() -> dict:
    days = _merge(_cldr_days(["pl"]), _dateparser_forms("pl", _DP_DAYS),
                  # genitive, after od / do: "od poniedziałku", "do piątku"
                  {"poniedziałku": 0, "wtorku": 1, "środy": 2, "czwartku": 3, "piątku": 4,
                   "soboty": 5, "niedzieli": 6})
    mods = {"w": "on", "we": "on", "w zeszły": "last", "w zeszłą": "last",
            "w ubiegły": "last", "w ubiegłą": "last", "w miniony": "last",
            "w minioną": "last", "w ostatni": "last", "w ostatnią": "last",
            "w przyszły": "next", "w przyszłą": "next", "w najbliższy": "next",
            "w najbliższą": "next", "w ten": "this", "w tę": "this", "od": "last",
            "do": "on", "od ubiegłego": "last", "od zeszłego": "last",
            "od ubiegłej": "last", "od zeszłej": "last"}
    year_end = r"(?:\s*r\.|\s+roku\b|\s+rok\b)"
    # "w 2000 przypadków" is a count: a bare year after w/od ends the phrase
    year_bare = (r"(?=\s*[,.;:!?)\"”»]|\s*$|\s+(?:i|a|oraz|lub|czy|do)\s|"
                 r"\s+(?-i:[A-ZĄĆĘŁŃÓŚŹŻ]))")
    return _finish({
        "case_sensitive": False,
        "months": _merge(_cldr_months(["pl"]), _dateparser_forms("pl", _DP_MONTHS)),
        "weekdays": days,
        "ord": "",
        "parts": {"na początku": _EARLY, "z początkiem": _EARLY, "początek": _EARLY,
                  "w pierwszych dniach": _EARLY, "w pierwszej połowie": _FIRST_HALF,
                  "w połowie": _MID, "połowa": _MID, "w drugiej połowie": _SECOND_HALF,
                  "pod koniec": _LATE, "na koniec": _LATE, "z końcem": _LATE,
                  "koniec": _LATE, "do końca": _LATE, "w ostatnich dniach": _LATE,
                  "w ciągu": _WHOLE, "w trakcie": _WHOLE},
        "yparts": {"na początku": _YEARLY, "z początkiem": _YEARLY, "w połowie": _YMID,
                   "pod koniec": _YLATE, "na koniec": _YLATE, "z końcem": _YLATE,
                   "do końca": _YLATE},
        "yprep": ["w", "we", "od", "do", "z", "przed", "po", "w roku", "od roku",
                  "do roku", "w ciągu", "w trakcie"],
        "mprep": ["w", "we", "od", "do", "z", "po", "przed", "na", "za"],
        "mods": mods,
        "rel": {"przedwczoraj": ("day", -2), "wczoraj wieczorem": ("day", -1),
                "wczoraj rano": ("day", -1), "wczoraj": ("day", -1), "dziś": ("day", 0),
                "dzisiaj": ("day", 0), "dziś rano": ("day", 0), "dzisiaj rano": ("day", 0),
                "dziś wieczorem": ("day", 0), "jutro": ("day", 1), "pojutrze": ("day", 2),
                "w zeszłym tygodniu": ("week", -1), "w ubiegłym tygodniu": ("week", -1),
                "w minionym tygodniu": ("week", -1), "zeszłego tygodnia": ("week", -1),
                "ubiegłego tygodnia": ("week", -1), "tydzień temu": ("week", -1),
                "w tym tygodniu": ("week", 0), "w przyszłym tygodniu": ("week", 1),
                "w zeszłym miesiącu": ("month", -1), "w ubiegłym miesiącu": ("month", -1),
                "w minionym miesiącu": ("month", -1), "ubiegłego miesiąca": ("month", -1),
                "zeszłego miesiąca": ("month", -1), "miesiąc temu": ("month", -1),
                "w tym miesiącu": ("month", 0), "w przyszłym miesiącu": ("month", 1),
                "w zeszłym roku": ("year", -1), "w ubiegłym roku": ("year", -1),
                "w minionym roku": ("year", -1), "ubiegłego roku": ("year", -1),
                "zeszłego roku": ("year", -1), "rok temu": ("year", -1),
                "w tym roku": ("year", 0), "tego roku": ("year", 0),
                "w bieżącym roku": ("year", 0), "w przyszłym roku": ("year", 1),
                "przyszłego roku": ("year", 1)},
        "units": {"dzień": "day", "dni": "day", "dnia": "day", "tydzień": "week",
                  "tygodnie": "week", "tygodni": "week", "miesiąc": "month",
                  "miesiące": "month", "miesięcy": "month", "rok": "year", "lata": "year",
                  "lat": "year"},
        "numbers": {"jeden": 1, "jedną": 1, "dwa": 2, "dwie": 2, "trzy": 3, "cztery": 4,
                    "pięć": 5, "sześć": 6, "siedem": 7, "osiem": 8, "dziewięć": 9,
                    "dziesięć": 10, "kilka": 3, "kilkanaście": 12, "parę": 2},
        "future": r"\b(?:będzie|będą|odbędzie|odbędą|zaplanowan\w*|przyszł\w*|"
                  r"najbliższ\w*|planowan\w*|ma się odbyć|mają się odbyć)\b",
        # a limit ("do 15 marca", "do końca marca", "najpóźniej 3 maja", "przed 1 czerwca")
        "boundary": r"(?i:\b(?:do|najpóźniej|przed)(?:\s+(?:dnia|końca|połowy|początku|do))*\s+$)",
        "templates": [
            ("date_y", r"(?:(?:{MOD}\s+)?{WD},?\s+)?\b{D}\s+{M}\s+{Y}" + year_end + "?"),
            ("date_wd", r"(?:{MOD}\s+)?{WD},?\s+\(?{D}\s+{M}(?!\w)"),
            ("month_day", r"\b{D}\s+{M}(?!\w)"),
            ("month_y", r"(?:{PART}\s+)?(?<!\w){M}\s+{Y}" + year_end + "?"),
            ("part_month", r"\b{PART}\s+{M}(?!\w)"),
            ("month", r"\b{MPREP}\s+{M}(?!\w)"),
            ("year", r"\b{YPART}\s+{Y}" + year_end + "?"),
            ("year", r"\b{YPREP}\s+{Y}" + year_end),
            ("year", r"(?<![\w.,-]){Y}" + year_end),
            ("year", r"\b(?:w|we|od)\s+{Y}" + year_bare),
            ("ago", r"\b{N}\s+{UNIT}\s+temu\b"),
            ("rel", r"(?<!\w){REL}(?!\w)"),
            ("weekday", _slavic_weekday_template(["rano", "wieczorem", "po południu",
                                                  "w nocy"])),
        ],
    })


def _east_slavic_templates(year_end: str, ago: str, post_times: list[str]) -> list[tuple[str, str]]:
    """Russian and Ukrainian share word order; they differ in the year suffix
    ("2019 году" / "2019 році"), the "ago" word and the parts of a day after a weekday.
    A bare number is a year only with the suffix: "в 2000 случаях" is a count."""
    return [
        ("date_y", r"(?:(?:{MOD}\s+)?{WD},?\s+)?\b{D}\s+{M}\s+{Y}(?:" + year_end + ")?"),
        ("date_wd", r"(?:{MOD}\s+)?{WD},?\s+\(?{D}\s+{M}(?!\w)"),
        ("month_day", r"\b{D}\s+{M}(?!\w)"),
        ("month_y", r"(?:{PART}\s+)?(?<!\w){M}\s+{Y}(?:" + year_end + ")?"),
        ("part_month", r"(?<!\w){PART}\s+{M}(?!\w)"),
        ("month", r"(?<!\w){MPREP}\s+{M}(?!\w)"),
        ("year", r"(?<!\w){YPART}\s+{Y}" + year_end),
        ("year", r"(?<!\w){YPREP}\s+{Y}" + year_end),
        ("year", r"(?<![\w.,-]){Y}" + year_end),
        ("ago", r"(?<!\w){N}\s+{UNIT}\s+" + ago + r"(?!\w)"),
        ("rel", r"(?<!\w){REL}(?!\w)"),
        ("weekday", _slavic_weekday_template(post_times)),
    ]


def _ru_locative(nominative: str) -> str:
    """январь → январе, май → мае, март → марте ("в январе")."""
    return nominative[:-1] + "е" if nominative[-1] in "ьй" else nominative + "е"


def _ru() -> dict:
    from babel.dates import get_month_names
    nom = get_month_names("wide", "stand-alone", locale="ru")
    months = _merge(_cldr_months(["ru"], dotted=True), _dateparser_forms("ru", _DP_MONTHS),
                    {_ru_locative(n): m for m, n in nom.items()})
    days = _merge(_cldr_days(["ru"]), _dateparser_forms("ru", _DP_DAYS),
                  # accusative ("в среду") and genitive ("с понедельника", "до пятницы")
                  {"среду": 2, "пятницу": 4, "субботу": 5, "понедельника": 0,
                   "вторника": 1, "среды": 2, "четверга": 3, "пятницы": 4, "субботы": 5,
                   "воскресенья": 6}, exclude=("воскресение",))  # "resurrection"
    mods = {"в": "on", "во": "on", "в ночь на": "on", "до": "on", "с": "last", "со": "last",
            "после": "on", "в этот": "this", "в эту": "this", "в это": "this"}
    for stem, endings, mod in (("прошл", ("ый", "ую", "ое"), "last"),
                               ("минувш", ("ий", "ую", "ее"), "last"),
                               ("следующ", ("ий", "ую", "ее"), "next"),
                               ("ближайш", ("ий", "ую", "ее"), "next"),
                               ("будущ", ("ий", "ую", "ее"), "next")):
        for ending in endings:  # masculine, feminine, neuter accusative
            mods[f"в {stem}{ending}"] = mod
    year_end = r"(?:\s*(?:году|года|годом|год|г\.|г\b)|-(?:го|м)\b)"
    return _finish({
        "case_sensitive": False,
        "months": months,
        "weekdays": days,
        "ord": r"(?:-?го)?",
        "parts": {"в начале": _EARLY, "начале": _EARLY, "с начала": _EARLY,
                  "в первых числах": _EARLY, "в первой половине": _FIRST_HALF,
                  "в середине": _MID, "середине": _MID, "к середине": _MID,
                  "во второй половине": _SECOND_HALF, "в конце": _LATE, "конце": _LATE,
                  "к концу": _LATE, "до конца": _LATE, "в последних числах": _LATE,
                  "конец": _LATE, "начало": _EARLY,
                  "в течение": _WHOLE},
        "yparts": {"в начале": _YEARLY, "с начала": _YEARLY, "в середине": _YMID,
                   "в конце": _YLATE, "к концу": _YLATE, "до конца": _YLATE},
        "yprep": ["в", "во", "с", "со", "до", "к", "после", "по", "в течение", "начиная с"],
        "mprep": ["в", "во", "с", "со", "до", "после", "начиная с", "к", "за"],
        "mods": mods,
        "rel": {"позавчера": ("day", -2), "вчера вечером": ("day", -1),
                "вчера утром": ("day", -1), "вчера днем": ("day", -1),
                "вчера днём": ("day", -1), "вчера": ("day", -1), "сегодня": ("day", 0),
                "сегодня утром": ("day", 0), "сегодня вечером": ("day", 0),
                "завтра": ("day", 1), "послезавтра": ("day", 2),
                "на прошлой неделе": ("week", -1), "на минувшей неделе": ("week", -1),
                "неделю назад": ("week", -1), "на этой неделе": ("week", 0),
                "на текущей неделе": ("week", 0), "на следующей неделе": ("week", 1),
                "на будущей неделе": ("week", 1),
                "в прошлом месяце": ("month", -1), "в минувшем месяце": ("month", -1),
                "прошлого месяца": ("month", -1), "месяц назад": ("month", -1),
                "в этом месяце": ("month", 0), "в текущем месяце": ("month", 0),
                "этого месяца": ("month", 0), "в следующем месяце": ("month", 1),
                "в прошлом году": ("year", -1), "в минувшем году": ("year", -1),
                "прошлого года": ("year", -1), "минувшего года": ("year", -1),
                "год назад": ("year", -1), "в этом году": ("year", 0),
                "в текущем году": ("year", 0), "этого года": ("year", 0),
                "текущего года": ("year", 0), "в следующем году": ("year", 1),
                "в будущем году": ("year", 1), "следующего года": ("year", 1)},
        "units": {"день": "day", "дня": "day", "дней": "day", "сутки": "day",
                  "суток": "day", "неделю": "week", "недели": "week", "недель": "week",
                  "месяц": "month", "месяца": "month", "месяцев": "month", "год": "year",
                  "года": "year", "лет": "year"},
        "numbers": {"один": 1, "одну": 1, "два": 2, "две": 2, "три": 3, "четыре": 4,
                    "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
                    "десять": 10, "несколько": 3, "пару": 2},
        "future": r"\b(?:будет|будут|состоится|состоятся|пройдет|пройдёт|пройдут|"
                  r"запланирован\w*|намечен\w*|следующ\w*|ближайш\w*|планиру\w*|"
                  r"собирается|намерен\w*)\b",
        # a limit ("до 15 марта", "до конца марта", "вплоть до", "не позднее 3 мая", "к 1 июня")
        "boundary": r"(?i:(?<!\w)(?:до|вплоть\s+до|не\s+позднее|не\s+позже|к)"
                    r"(?:\s+(?:конца|середины|начала|дня))*\s+$)",
        "templates": [
            *_east_slavic_templates(year_end, r"(?:тому\s+)?назад", ["утром", "днем", "днём",
                                                                  "вечером", "ночью"]),
        ],
    })


def _uk_locative(genitive: str) -> str:
    """січня → січні, лютого → лютому, листопада → листопаді ("у січні")."""
    if genitive.endswith("ого"):
        return genitive[:-3] + "ому"
    return genitive[:-1] + "і"


def _uk() -> dict:
    from babel.dates import get_month_names
    gen = get_month_names("wide", "format", locale="uk")
    months = _merge(_cldr_months(["uk"], dotted=True), _dateparser_forms("uk", _DP_MONTHS),
                    {_uk_locative(g): m for m, g in gen.items()})
    days = _merge(_cldr_days(["uk"]), _dateparser_forms("uk", _DP_DAYS),
                  # genitive ("минулої п'ятниці", "з понеділка", "до четверга")
                  {"понеділка": 0, "вівторка": 1, "середи": 2, "четверга": 3,
                   "п'ятниці": 4, "суботи": 5, "неділі": 6})
    mods = {"у": "on", "в": "on", "у ніч на": "on", "в ніч на": "on", "до": "on",
            "з": "last", "із": "last", "від": "last", "після": "on"}
    for adj, mod in (("минул", "last"), ("наступн", "next"), ("найближч", "next")):
        for prep in ("у ", "в ", ""):
            for ending in (("ий", "у", "е") if prep else ("ого", "ої")):
                mods[f"{prep}{adj}{ending}"] = mod
    mods.update({"цього": "this", "цієї": "this", "у цей": "this", "в цей": "this",
                 "у цю": "this", "в цю": "this", "у це": "this", "в це": "this"})
    year_end = r"(?:\s*(?:році|року|рік|р\.|р\b)|-(?:го|му)\b)"
    return _finish({
        "case_sensitive": False,
        "months": months,
        "weekdays": days,
        "ord": "",
        "parts": {"на початку": _EARLY, "з початку": _EARLY, "в перших числах": _EARLY,
                  "у перших числах": _EARLY, "у першій половині": _FIRST_HALF,
                  "в першій половині": _FIRST_HALF, "у середині": _MID,
                  "в середині": _MID, "посередині": _MID, "до середини": _MID,
                  "у другій половині": _SECOND_HALF, "в другій половині": _SECOND_HALF,
                  "наприкінці": _LATE, "в кінці": _LATE, "у кінці": _LATE,
                  "до кінця": _LATE, "під кінець": _LATE, "кінець": _LATE,
                  "початок": _EARLY, "упродовж": _WHOLE, "впродовж": _WHOLE,
                  "протягом": _WHOLE},
        "yparts": {"на початку": _YEARLY, "з початку": _YEARLY, "у середині": _YMID,
                   "в середині": _YMID, "наприкінці": _YLATE, "в кінці": _YLATE,
                   "у кінці": _YLATE, "до кінця": _YLATE},
        "yprep": ["у", "в", "з", "із", "від", "до", "після", "протягом", "упродовж",
                  "починаючи з"],
        "mprep": ["у", "в", "з", "із", "від", "до", "після", "починаючи з", "за"],
        "mods": mods,
        "rel": {"позавчора": ("day", -2), "вчора ввечері": ("day", -1),
                "учора ввечері": ("day", -1), "вчора увечері": ("day", -1),
                "вчора вранці": ("day", -1), "вчора": ("day", -1), "учора": ("day", -1),
                "сьогодні": ("day", 0), "сьогодні вранці": ("day", 0),
                "сьогодні ввечері": ("day", 0), "завтра": ("day", 1),
                "післязавтра": ("day", 2), "минулого тижня": ("week", -1),
                "на минулому тижні": ("week", -1), "тиждень тому": ("week", -1),
                "цього тижня": ("week", 0), "на цьому тижні": ("week", 0),
                "наступного тижня": ("week", 1), "на наступному тижні": ("week", 1),
                "минулого місяця": ("month", -1), "місяць тому": ("month", -1),
                "цього місяця": ("month", 0), "наступного місяця": ("month", 1),
                "торік": ("year", -1), "минулого року": ("year", -1),
                "рік тому": ("year", -1), "цього року": ("year", 0),
                "цьогоріч": ("year", 0), "наступного року": ("year", 1)},
        "units": {"день": "day", "дні": "day", "днів": "day", "добу": "day", "доби": "day",
                  "діб": "day", "тиждень": "week", "тижні": "week", "тижнів": "week",
                  "місяць": "month", "місяці": "month", "місяців": "month", "рік": "year",
                  "роки": "year", "років": "year"},
        "numbers": {"один": 1, "одну": 1, "два": 2, "дві": 2, "три": 3, "чотири": 4,
                    "п'ять": 5, "шість": 6, "сім": 7, "вісім": 8, "дев'ять": 9,
                    "десять": 10, "кілька": 3, "декілька": 3, "пару": 2},
        "future": r"\b(?:буде|будуть|відбудеться|відбудуться|пройде|пройдуть|"
                  r"запланован\w*|наступн\w*|найближч\w*|планує\w*|збирається|"
                  r"має намір)\b",
        # a limit ("до 15 березня", "до кінця березня", "не пізніше 3 травня")
        "boundary": r"(?i:(?<!\w)(?:до|аж\s+до|не\s+пізніше|щонайпізніше)"
                    r"(?:\s+(?:кінця|середини|початку|дня))*\s+$)",
        "templates": [
            *_east_slavic_templates(year_end, r"(?:тому|назад)", ["вранці", "зранку", "вдень",
                                                              "удень", "ввечері", "увечері",
                                                              "вночі", "уночі"]),
        ],
    })


# ------------------------------------------------------------------------ Turkish

def _tr_upper(s: str) -> str:
    return s.replace("i", "İ").replace("ı", "I").upper()


def _tr_variants(table: dict[str, int]) -> dict[str, int]:
    """Lower-case and Turkish upper-case forms ("aralık", "ARALIK"): `str.lower` maps
    "I" to "i", so upper-case headlines must be listed to be looked up."""
    out = dict(table)
    for k, v in table.items():
        low = k.replace("I", "ı").replace("İ", "i").lower()
        out.setdefault(low, v)
        out.setdefault(_tr_upper(low), v)
    return out


def _tr() -> dict:
    months = _tr_variants(_merge(_cldr_months(["tr"]), _dateparser_forms("tr", _DP_MONTHS)))
    days = _tr_variants(_cldr_days(["tr"]))
    # case suffixes after an apostrophe or attached ("Ocak'ta", "geçen yılın")
    sfx = r"(?:['’]\w+|(?!\w))"
    rel_sfx = (r"(?:['’]?(?:nın|nin|ın|in|un|ün|nda|nde|da|de|ta|te|ndan|nden|dan|den|tan|"
               r"ten|ki|kü))?")
    day_part = r"(?:günü|akşamı|sabahı|gecesi|öğleden\s+sonra)"
    ysfx = (r"(?:\s+yılı(?:nda|ndan|na|ndaki)?|['’](?:de|da|te|ta|den|dan|ten|tan|ye|ya|e|a|"
            r"deki|daki|teki|taki))(?:\s+(?:beri|bu\s+yana|kadar|itibaren))?(?!\w)")
    return _finish({
        "case_sensitive": False,
        "months": months,
        "weekdays": days,
        "ord": "",
        # parts follow the month: "Ocak ayının başında", "Ocak sonunda"
        "parts": {"başında": _EARLY, "başlarında": _EARLY, "başı": _EARLY,
                  "ilk haftasında": (1, 7), "ortasında": _MID, "ortalarında": _MID,
                  "sonunda": _LATE, "sonlarında": _LATE, "sonu": _LATE,
                  "son haftasında": (24, 31), "içinde": _WHOLE, "boyunca": _WHOLE,
                  "sonuna kadar": _LATE, "sonuna dek": _LATE},
        "yparts": {"başında": _YEARLY, "başlarında": _YEARLY, "ortasında": _YMID,
                   "ortalarında": _YMID, "sonunda": _YLATE, "sonlarında": _YLATE,
                   "sonuna kadar": _YLATE},
        "yprep": [],
        "mprep": ["geçen", "geçtiğimiz", "önümüzdeki"],
        "mods": {"geçen": "last", "geçtiğimiz": "last", "bu": "this",
                 "önümüzdeki": "next", "gelecek": "next"},
        "rel": {"evvelki gün": ("day", -2), "evvelsi gün": ("day", -2),
                "dün akşam": ("day", -1), "dün gece": ("day", -1),
                "dün sabah": ("day", -1), "dün": ("day", -1), "bugün": ("day", 0),
                "bu sabah": ("day", 0), "bu akşam": ("day", 0), "bu gece": ("day", 0),
                "yarın": ("day", 1), "öbür gün": ("day", 2),
                "geçen hafta": ("week", -1), "geçtiğimiz hafta": ("week", -1),
                "bu hafta": ("week", 0), "gelecek hafta": ("week", 1),
                "önümüzdeki hafta": ("week", 1), "geçen ay": ("month", -1),
                "geçtiğimiz ay": ("month", -1), "bu ay": ("month", 0),
                "gelecek ay": ("month", 1), "önümüzdeki ay": ("month", 1),
                "geçen yıl": ("year", -1), "geçtiğimiz yıl": ("year", -1),
                "geçen sene": ("year", -1), "bu yıl": ("year", 0), "bu sene": ("year", 0),
                "gelecek yıl": ("year", 1), "önümüzdeki yıl": ("year", 1),
                "gelecek sene": ("year", 1), "seneye": ("year", 1)},
        "units": {"gün": "day", "hafta": "week", "ay": "month", "yıl": "year",
                  "sene": "year"},
        "numbers": {"bir": 1, "iki": 2, "üç": 3, "dört": 4, "beş": 5, "altı": 6,
                    "yedi": 7, "sekiz": 8, "dokuz": 9, "on": 10, "birkaç": 3},
        # the verb ends the clause: future cues are read after the expression too
        "future": r"\b(?:önümüzdeki|gelecek|planlanan|planlanıyor|\w+(?:acak|ecek|acağı|"
                  r"eceği)\w*)\b",
        "future_after": 40,
        # a limit: after the date ("15 Mart'a kadar", "15 Mart tarihine dek", "2020'ye
        # değin"; "önce"/"evvel" only after an ablative: "15 Mart'tan önce") or, "at the
        # latest", before it ("en geç 15 Mart'ta"): direction open (temporal._is_limit)
        "boundary": r"(?i:(?<!\w)en\s+geç\s+$)",
        "boundary_after": (r"(?i:(?:\s+(?:tarihine|tarihinden|gününe|gününden|ayına|ayından|"
                           r"sonuna|ortasına|başına))?\s*(?:kadar|dek|değin|"
                           r"(?<=(?:dan|den|tan|ten)\s)(?:önce|evvel))(?!\w))"),
        "templates": [
            ("date_y", r"{WD},?\s+\b{D}\s+{M}\s+{Y}"),
            ("date_y", r"\b{D}\s+{M}\s+{Y}(?:,?\s+{WD}(?:\s+günü)?)?"),
            ("date_wd", r"\b{D}\s+{M}" + sfx + r",?\s+{WD}(?:\s+günü)?"),
            ("date_wd", r"(?:{MOD}\s+)?{WD}(?:\s+günü)?,?\s+\(?{D}\s+{M}" + sfx),
            ("month_day", r"\b{D}\s+{M}" + sfx),
            ("month_y", r"(?<!\w){M}\s+{Y}(?:\s+{PART})?"),
            ("month_y", r"\b{Y}(?:\s+yılı(?:nın)?)?\s+{M}(?:\s+ayı\w*|" + sfx + ")"),
            ("part_month", r"(?<!\w){M}(?:\s+ayı(?:nın)?|['’](?:ın|in|un|ün|nın|nin))?"
                           r"\s+{PART}(?!\w)"),
            ("month", r"(?<!\w){M}\s+ay(?:ı|ında|ından|ına|ının|ındaki)(?!\w)"),
            ("month", r"(?<!\w){M}['’](?:ta|da|te|de|tan|dan|ten|den|a|e|ya|ye|ın|in|un|ün)"
                      r"(?!\w)"),
            ("month", r"(?<!\w){MPREP}\s+{M}(?!\w)"),
            ("year", r"\b{Y}(?:\s+yılı(?:nın)?|['’](?:nin|nın|in|ın|un|ün))?\s+{YPART}"),
            # "2000'den fazla" (more than 2000) is a count
            ("year", r"\b{Y}" + ysfx + r"(?!\s+(?:fazla|az|çok|kişi)\b)"),
            ("ago", r"(?<!\w){N}\s+{UNIT}\s+(?:önce|evvel)(?!\w)"),
            ("rel", r"(?<!\w){REL}" + rel_sfx + r"(?!\w)"),
            # "pazar" is also "market", "cuma" the Friday prayer: a weekday needs "günü"
            # (and the like) or a modifier
            ("weekday", r"(?:{MOD}\s+)?{WD}\s+" + day_part + r"(?!\w)"),
            ("weekday", r"{MOD}\s+{WD}" + sfx),
        ],
    })


# ------------------------------------------------------------------------- Arabic

_AR_HAMZA = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})


def _ar_variants(table: dict) -> dict:
    """Spellings Arabic news uses for the same word: without the hamza ("اكتوبر",
    "الاربعاء", "امس") and, in Egypt, with a final alif maqsura ("فى", "الماضى",
    "الجارى"). "آب" (August) keeps its hamza: without it, it is "أب" (father)."""
    out = dict(table)
    for k, v in table.items():
        plain = k.translate(_AR_HAMZA)
        forms = [re.sub(r"ي(?=\s|$)", "ى", k), re.sub(r"ي(?=\s|$)", "ى", plain)]
        if len(plain.replace(" ", "")) > 2:
            forms.append(plain)
        for f in forms:
            out.setdefault(f, v)
    return out


def _ar() -> dict:
    import babel.localedata
    locales = sorted(x for x in babel.localedata.locale_identifiers()
                     if x == "ar" or x.startswith("ar_"))
    months = _ar_variants(_merge(_cldr_months(locales), _dateparser_forms("ar", _DP_MONTHS)))
    with_article = _ar_variants(_merge(_cldr_days(["ar"]), _dateparser_forms("ar", _DP_DAYS)))
    # without the article, after "يوم" ("يوم خميس"); alone "أحد" is "one", "اثنين" "two"
    bare = {k[2:]: v for k, v in with_article.items() if k.startswith("ال")}
    post = _ar_variants({"الماضي": "last", "الماضية": "last", "الفائت": "last",
                         "الفائتة": "last", "المنصرم": "last", "المنصرمة": "last",
                         "المقبل": "next", "المقبلة": "next", "القادم": "next",
                         "القادمة": "next"})
    fi = "(?:في|فى)"
    mods = {"يوم": "on", "مساء": "on", "صباح": "on", "ليلة": "on", "ليل": "on",
            "فجر": "on", "ظهر": "on", "عصر": "on", "مساء يوم": "on", "صباح يوم": "on",
            "منذ": "last", "منذ يوم": "last", "حتى": "on", "حتى يوم": "on", **post}
    # Levantine and Egyptian names together: "كانون الثاني/يناير", "يناير (كانون الثاني)"
    also = r"(?:\s*[/(]\s*" + _alt(months) + r"\s*\)?)?"
    m = r"{M}(?!\w)" + also
    month_post = r"(?:\s+(?:" + _alt(post) + "|الجاري|الجارى))?"
    day = r"(?<![\w\d])(?:الـ\s?)?{D}\s+(?:من\s+)?(?:شهر\s+)?"
    year = r"[,،]?\s+(?:(?:من\s+)?(?:عام|العام|سنة)\s+)?{Y}"
    wd_any = r"(?<!\w)و?(?P<wd>" + _alt(_merge(with_article, bare)) + r")(?!\w)"
    wd_art = r"(?<!\w)و?(?P<wd>" + _alt(with_article) + r")(?!\w)"
    # "صلاة الجمعة" is the Friday prayer, "بين الاثنين" "between the two"
    not_wd = r"(?<!صلاة\s)(?<!خطبة\s)(?<!صلوات\s)(?<!بين\s)(?<!كلا\s)"
    # "اليوم" is "today" but also "the day" ("في اليوم التالي", "اليوم العالمي", the
    # papers "المصري اليوم", "روسيا اليوم"): it counts when a weekday, a clause
    # boundary or a complementizer follows, and no demonstrative or preposition precedes.
    today_ok = (r"(?=اليوم(?:\s*(?:[،,.؛:!؟)(]|$)|\s+(?:" + _alt(with_article)
                + r"|أن|إن|في|فى|على)(?!\w)))")
    today_guard = (r"(?:(?=اليوم)" + today_ok + r"(?<!في\s)(?<!فى\s)(?<!ذلك\s)(?<!هذا\s)(?<!نفس\s)"
                   r"(?<!منذ\s)(?<!المصري\s)(?<!روسيا\s)|(?!اليوم))")
    wd_lookup = _merge(with_article, bare)
    return _finish({
        "case_sensitive": False,
        "months": months,
        "weekdays": wd_lookup,
        "ord": "",
        "parts": _ar_variants({"مطلع": _EARLY, "أوائل": _EARLY, "بداية": _EARLY,
                               "مستهل": _EARLY, "منتصف": _MID, "أواسط": _MID,
                               "أواخر": _LATE, "نهاية": _LATE, "آخر": _LATE,
                               "خلال": _WHOLE, "طوال": _WHOLE}),
        "yparts": _ar_variants({"مطلع": _YEARLY, "أوائل": _YEARLY, "بداية": _YEARLY,
                                "مستهل": _YEARLY, "منتصف": _YMID, "أواسط": _YMID,
                                "أواخر": _YLATE, "نهاية": _YLATE}),
        "yprep": sorted(_ar_variants({w: 0 for w in [
            "عام", "العام", "سنة", "في", "في عام", "في العام", "في سنة", "منذ", "منذ عام",
            "منذ العام", "خلال", "خلال عام", "خلال العام", "حتى", "حتى عام", "حتى العام",
            "قبل", "قبل عام", "بعد", "بعد عام", "بحلول", "بحلول عام", "بحلول العام",
            "طوال عام", "طوال العام", "إلى", "إلى عام"]})),
        "mprep": sorted(_ar_variants({w: 0 for w in [
            "في", "منذ", "خلال", "حتى", "قبل", "بعد", "بحلول", "شهر", "في شهر", "منذ شهر",
            "خلال شهر", "حتى شهر", "طوال شهر"]})),
        "mods": _ar_variants(mods),
        "rel": _ar_variants({
            "أمس الأول": ("day", -2), "أول أمس": ("day", -2), "أول من أمس": ("day", -2),
            "مساء أمس": ("day", -1), "صباح أمس": ("day", -1), "ليلة أمس": ("day", -1),
            "ليل أمس": ("day", -1), "أمس": ("day", -1), "الأمس": ("day", -1),
            "البارحة": ("day", -1), "اليوم": ("day", 0), "صباح اليوم": ("day", 0),
            "مساء اليوم": ("day", 0), "فجر اليوم": ("day", 0), "ظهر اليوم": ("day", 0),
            "غداً": ("day", 1), "غدًا": ("day", 1), "بعد غد": ("day", 2),
            "قبل يومين": ("day", -2), "منذ يومين": ("day", -2),
            "الأسبوع الماضي": ("week", -1), "الأسبوع المنصرم": ("week", -1),
            "الأسبوع الفائت": ("week", -1), "قبل أسبوع": ("week", -1),
            "منذ أسبوع": ("week", -1), "هذا الأسبوع": ("week", 0),
            "الأسبوع الجاري": ("week", 0), "الأسبوع الحالي": ("week", 0),
            "الأسبوع المقبل": ("week", 1), "الأسبوع القادم": ("week", 1),
            "قبل أسبوعين": ("week", -2), "منذ أسبوعين": ("week", -2),
            "الشهر الماضي": ("month", -1), "الشهر المنصرم": ("month", -1),
            "الشهر الفائت": ("month", -1), "قبل شهر": ("month", -1),
            "هذا الشهر": ("month", 0), "الشهر الجاري": ("month", 0),
            "الشهر الحالي": ("month", 0), "الشهر المقبل": ("month", 1),
            "الشهر القادم": ("month", 1), "قبل شهرين": ("month", -2),
            "العام الماضي": ("year", -1), "السنة الماضية": ("year", -1),
            "العام المنصرم": ("year", -1), "العام الفائت": ("year", -1),
            "قبل عام": ("year", -1), "قبل سنة": ("year", -1), "هذا العام": ("year", 0),
            "العام الجاري": ("year", 0), "العام الحالي": ("year", 0),
            "السنة الحالية": ("year", 0), "هذه السنة": ("year", 0),
            "العام المقبل": ("year", 1), "العام القادم": ("year", 1),
            "السنة المقبلة": ("year", 1), "السنة القادمة": ("year", 1),
            "قبل عامين": ("year", -2), "قبل سنتين": ("year", -2)}),
        "units": _ar_variants({"أيام": "day", "يوم": "day", "يوما": "day", "يوماً": "day",
                               "أسابيع": "week", "أسبوع": "week", "أسبوعا": "week",
                               "أسبوعاً": "week", "أشهر": "month", "شهور": "month",
                               "شهر": "month", "شهرا": "month", "شهراً": "month",
                               "سنوات": "year", "سنين": "year", "أعوام": "year",
                               "عام": "year", "عاما": "year", "عاماً": "year",
                               "سنة": "year"}),
        "numbers": {"ثلاثة": 3, "ثلاث": 3, "أربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5,
                    "ستة": 6, "ست": 6, "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8,
                    "تسعة": 9, "تسع": 9, "عشرة": 10, "عشر": 10, "بضعة": 3, "بضع": 3,
                    "اربعة": 4, "اربع": 4},
        "future": r"(?:\bسوف\b|المقبل|القادم|من المقرر|من المنتظر|من المتوقع|يعتزم|تعتزم|"
                  r"المزمع|ستعقد|سيعقد|ستجرى|سيجري|ستنطلق|سينطلق)",
        # a limit ("حتى 15 مارس", "لغاية نهاية مارس", "بحلول 3 مايو", "قبل 1 يونيو", "في
        # موعد أقصاه"): direction open (temporal._is_limit)
        "boundary": (r"(?:(?<!\w)و?(?:حتى|لغاية|بحلول|قبل|إلى\s+غاية|"
                     r"(?:في\s+)?موعد\s+(?:أقصاه|لا\s+يتجاوز))"
                     r"(?:\s+(?:يوم|تاريخ|نهاية|منتصف|مطلع|بداية|أواخر|شهر))*\s+$)"),
        "templates": [
            ("date_y", r"(?:(?:يوم\s+)?" + wd_any + r"[,،]?\s+(?:الموافق\s+)?)?" + day + m
                       + year),
            ("date_wd", r"(?:{MOD}\s+)?" + wd_any + r"[,،]?\s+(?:الموافق\s+)?\(?" + day + m
                        + month_post),
            ("month_day", day + m + month_post),
            ("month_y", r"(?:(?<!\w)(?:" + fi + r"\s+)?{PART}\s+(?:شهر\s+)?)?(?<!\w)(?:شهر\s+)?" + m
                        + year),
            ("part_month", r"(?<!\w)(?:" + fi + r"\s+)?{PART}\s+(?:شهر\s+)?" + m + month_post),
            ("month", r"(?<!\w)[وف]?{MPREP}\s+" + m + month_post),
            ("month", r"(?<!\w)" + m + r"\s+(?:" + _alt(post) + r")(?!\w)"),
            ("year", r"(?<!\w)(?:" + fi + r"\s+)?{YPART}\s+(?:(?:عام|العام|سنة)\s+)?{Y}"),
            ("year", r"(?<!\w)[وف]?{YPREP}\s+{Y}"),
            ("ago", r"(?<!\w)[وف]?(?:قبل|منذ)\s+{N}\s+{UNIT}(?!\w)"),
            ("rel", r"(?<!\w)[وف]?" + today_guard + r"{REL}(?!\w)"),
            ("weekday", r"(?:{MOD}\s+)?" + not_wd + wd_art + r"(?:\s+(?P<mod2>"
                        + _alt(post) + r"))?(?!\w)"),
            ("weekday", r"(?<!\w)(?P<mod>يوم)\s+(?P<wd>" + _alt(bare) + r")(?!\w)"),
        ],
        # "2022م" (AD): the year ends at a letter
        "year_end": r"(?:\b|(?=م\b))",
    })


# ------------------------------------------------------- Chinese, Japanese, Korean

# Hand-written per language: (year marker, day marker, parts of a month, parts of a year,
# weekday modifiers, relative words, units, numbers, "ago" word, future cues).
_CJK = {
    "zh": dict(
        year="年", day=r"[日号號]",
        parts={"初": _EARLY, "上旬": _EARLY, "中旬": _MID, "下旬": _LATE, "底": _LATE,
               "末": _LATE},
        # not "中": "2022年中国…" is "China in 2022"
        yparts={"初": _YEARLY, "底": _YLATE, "末": _YLATE, "上半年": (1, 6),
                "下半年": (7, 12)},
        mods={"上": "last", "上个": "last", "上個": "last", "本": "this", "这": "this",
              "这个": "this", "這": "this", "這個": "this", "下": "next", "下个": "next",
              "下個": "next"},
        rel={"前天": ("day", -2), "昨天": ("day", -1), "昨日": ("day", -1),
             "昨晚": ("day", -1), "今天": ("day", 0), "今日": ("day", 0),
             "今晨": ("day", 0), "明天": ("day", 1), "明日": ("day", 1),
             "上周": ("week", -1), "上週": ("week", -1), "上星期": ("week", -1),
             "上个星期": ("week", -1), "上個星期": ("week", -1), "本周": ("week", 0),
             "本週": ("week", 0), "这周": ("week", 0), "這週": ("week", 0),
             "下周": ("week", 1), "下週": ("week", 1), "下星期": ("week", 1),
             "上个月": ("month", -1), "上個月": ("month", -1), "上月": ("month", -1),
             "本月": ("month", 0), "这个月": ("month", 0), "這個月": ("month", 0),
             "下个月": ("month", 1), "下個月": ("month", 1), "去年": ("year", -1),
             "今年": ("year", 0), "明年": ("year", 1)},
        units={"天": "day", "日": "day", "周": "week", "週": "week", "星期": "week",
               "个星期": "week", "個星期": "week", "个月": "month", "個月": "month",
               "年": "year"},
        numbers={"一": 1, "两": 2, "兩": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                 "七": 7, "八": 8, "九": 9, "十": 10, "几": 3, "幾": 3, "数": 3, "數": 3},
        ago=r"(?:以前|之前|前)(?!往)",
        future=r"(?:将|將|计划|計劃|预计|預計|拟|擬|定于|定於|即将|即將|下周|下週|下个月|"
               r"下個月|明年)",
        future_after=0,
    ),
    "ja": dict(
        year="年", day="日",
        parts={"初め": _EARLY, "初旬": _EARLY, "上旬": _EARLY, "中旬": _MID,
               "下旬": _LATE, "末": _LATE},
        yparts={"初め": _YEARLY, "初頭": _YEARLY, "半ば": _YMID, "末": _YLATE,
                "上半期": (1, 6), "下半期": (7, 12)},
        mods={"先週": "last", "先週の": "last", "今週": "this", "今週の": "this",
              "来週": "next", "来週の": "next"},
        rel={"一昨日": ("day", -2), "おととい": ("day", -2), "昨日": ("day", -1),
             "昨夜": ("day", -1), "今日": ("day", 0), "本日": ("day", 0),
             "今朝": ("day", 0), "明日": ("day", 1), "明後日": ("day", 2),
             "先週": ("week", -1), "今週": ("week", 0), "来週": ("week", 1),
             "先月": ("month", -1), "今月": ("month", 0), "来月": ("month", 1),
             "昨年": ("year", -1), "去年": ("year", -1), "今年": ("year", 0),
             "来年": ("year", 1)},
        units={"日": "day", "週間": "week", "週": "week", "カ月": "month", "か月": "month",
               "ヶ月": "month", "ケ月": "month", "ヵ月": "month", "年": "year"},
        numbers={"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                 "九": 9, "十": 10, "数": 3},
        ago=r"前",
        future=r"(?:予定|見通し|方針|来週|来月|来年|計画)",
        future_after=30,
    ),
    "ko": dict(
        year="년", day="일",
        parts={"초": _EARLY, "초순": _EARLY, "중순": _MID, "하순": _LATE, "말": _LATE},
        yparts={"초": _YEARLY, "말": _YLATE, "상반기": (1, 6), "하반기": (7, 12)},
        mods={"지난": "last", "지난주": "last", "지난 주": "last", "이번": "this",
              "이번 주": "this", "이번주": "this", "다음": "next", "다음 주": "next",
              "다음주": "next", "오는": "next"},
        rel={"그저께": ("day", -2), "어제": ("day", -1), "어젯밤": ("day", -1),
             "오늘": ("day", 0), "내일": ("day", 1), "모레": ("day", 2),
             "지난주": ("week", -1), "지난 주": ("week", -1), "일주일 전": ("week", -1),
             "이번 주": ("week", 0), "이번주": ("week", 0), "다음 주": ("week", 1),
             "다음주": ("week", 1), "지난달": ("month", -1), "지난 달": ("month", -1),
             "이번 달": ("month", 0), "이달": ("month", 0), "다음 달": ("month", 1),
             "작년": ("year", -1), "지난해": ("year", -1), "올해": ("year", 0),
             "금년": ("year", 0), "내년": ("year", 1)},
        units={"일": "day", "주": "week", "주일": "week", "개월": "month", "달": "month",
               "년": "year", "해": "year"},
        numbers={"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7,
                 "여덟": 8, "아홉": 9, "열": 10, "몇": 3},
        ago=r"\s*전",
        future=r"(?:예정|계획|전망|다음 주|다음 달|내년|할 것|될 것)",
        future_after=30,
    ),
}


def _cjk(lang: str) -> dict:
    """Chinese, Japanese, Korean: numeric dates with markers ("2022年1月20日",
    "2022년 1월 20일"). Words are not separated by spaces (and Korean attaches particles),
    so these templates use no word boundaries; month names are a number and a marker, so
    a month cannot be a common word, but a bare weekday needs its full form (周四, 木曜日,
    목요일): the one-character forms (木, 목) count only in brackets after a date."""
    from babel.dates import get_day_names, get_month_names
    c = _CJK[lang]
    locales = ["zh", "zh_Hant"] if lang == "zh" else [lang]
    months: dict[str, int] = {}
    long_wd: dict[str, int] = {}
    short_wd: dict[str, int] = {}
    for loc in locales:
        for width in ("wide", "abbreviated"):
            for m, name in get_month_names(width, "format", locale=loc).items():
                if name[0].isdigit():  # "1月", "1월"; not "一月" (also "one month")
                    months[name] = m
                    months[f"{m:02d}{name[len(str(m)):]}"] = m  # "01月"
            for d, name in get_day_names(width, "format", locale=loc).items():
                (long_wd if len(name) > 1 else short_wd)[name] = d
    if lang == "ja":
        long_wd.update({k[:-1]: v for k, v in long_wd.items() if k.endswith("曜日")})  # 木曜
    if lang == "zh":
        long_wd.update({"礼拜" + k[2:]: v for k, v in long_wd.items() if k.startswith("星期")})
    wd_alt = (r"(?P<wd>" + _alt(long_wd) + r"|(?<=[（(])" + _alt(short_wd) + r")")
    wd_after = r"(?:\s*[（(]?\s*" + wd_alt + r"\s*[)）]?)"
    mod = r"(?P<mod>" + _alt(c["mods"]) + r")"
    y, m = r"(?<!\d){Y}\s*" + c["year"], r"(?<!\d){M}"
    rel_guard = {"zh": r"(?!头条|頭條)", "ja": "", "ko": r"(?!날)"}[lang]
    return _finish({
        "case_sensitive": False,
        "months": months,
        "weekdays": {**long_wd, **short_wd},
        "ord": r"\s*" + c["day"],
        "parts": c["parts"], "yparts": c["yparts"], "yprep": [], "mprep": [],
        "mods": c["mods"], "rel": c["rel"], "units": c["units"], "numbers": c["numbers"],
        "future": c["future"],
        "future_after": c["future_after"],
        "year_end": r"(?=\s*[年년])",
        "templates": [
            ("date_y", y + r"\s*" + m + r"\s*{D}" + wd_after + "?"),
            ("date_wd", m + r"\s*{D}" + wd_after),
            ("month_day", m + r"\s*{D}"),
            ("month_y", y + r"\s*" + m + r"(?!\s*\d)(?:\s*(?:の\s*)?{PART})?"),
            ("part_month", m + r"\s*(?:の\s*)?{PART}"),
            ("month", m + r"(?!\s*\d)"),
            ("year", y + r"\s*(?:の\s*)?{YPART}"),
            ("year", y + r"(?!\s*\d)"),
            ("ago", r"(?<!\d){N}\s*{UNIT}" + c["ago"]),
            ("rel", rel_guard + r"{REL}" + rel_guard),
            ("weekday", r"(?:" + mod + r"\s*)?(?P<wd>" + _alt(long_wd) + ")"),
        ],
    })


# ------------------------------------------------------------------------ export

class _Lazy(Mapping):
    """A table built on first access. Cached on the object, not in `resources`: the
    pattern cache there builds under a lock that is not re-entrant. Building twice
    (two threads at once) is harmless: the result is the same."""

    def __init__(self, build: Callable[[], dict]):
        self._build = build
        self._built: dict | None = None

    def _table(self) -> dict:
        if self._built is None:
            self._built = self._build()
        return self._built

    def __getitem__(self, key: str):
        return self._table()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


_BUILDERS = {"it": _it, "pt": _pt, "nl": _nl, "pl": _pl, "ru": _ru, "uk": _uk, "tr": _tr,
             "ar": _ar, "zh": lambda: _cjk("zh"), "ja": lambda: _cjk("ja"),
             "ko": lambda: _cjk("ko")}
TABLES: dict[str, Mapping] = {lang: _Lazy(b) for lang, b in _BUILDERS.items()}
