"""Internal helper of `newstrace.dates`: finding temporal expressions in text.

Not a stable API. Languages are *data*: each entry of `LANGS` lists month and weekday
names, relative words, parts of periods, modifiers, future cues and the surface templates
that combine them. `find_refs(text, lang)` turns matches into `Ref` objects that say what
the expression denotes (a fixed day or period, a month/day that repeats every year, or an
offset from the publication date); `newstrace.dates` turns those into constraints and
dates. Adding a language means adding a table here, not code.

Template placeholders: ``{WD}`` weekday, ``{D}`` day of month, ``{M}`` month, ``{Y}`` year,
``{PART}`` part of a month, ``{YPART}`` part of a year, ``{MOD}``/``{MOD2}`` weekday
modifiers (last/this/next), ``{REL}`` relative words and phrases, ``{N}`` a number,
``{UNIT}`` a unit (day, week, month, year), ``{YPREP}`` prepositions allowed before a
bare year, ``{MPREP}`` prepositions allowed before a bare month name. Optional keys:
``rel_guarded`` (relative words with a left-context veto), ``year_end`` (what may follow
a year; default ``\b``, Arabic allows "2022م"), ``future_after`` (characters after an
expression read for a future cue, for verb-final languages), ``boundary`` (a limit word
before an expression: "hasta", "до", "حتى") and ``boundary_after`` (one after it or glued to
it, for languages that put the limit after the date: Turkish "15 Mart'a kadar"; matched
at the end of the expression and at its last word). More languages are in
`_temporal_langs`, whose names come from CLDR and dateparser's data. A table with a
``past`` cue list gets the clause-tense reading of `_set_tense` (English): then the
optional ``present``, ``boundary``, ``since``, ``prenominal``, ``postnominal`` and
``update_label`` patterns and the ``recent_parts`` / ``current_parts`` lists apply (their
comments in the English table say what each means); without it an expression is past
unless a ``future`` cue precedes it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from . import resources
from ._temporal_langs import TABLES as _MORE_LANGS

__all__ = ["LANGS", "Ref", "find_refs", "points_forward"]

# Parts of a month as day ranges; parts of a year as month ranges.
_EARLY, _MID, _LATE, _WHOLE = (1, 10), (11, 20), (21, 31), (1, 31)
_YEARLY, _YMID, _YLATE = (1, 4), (5, 8), (9, 12)

_EN_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1, "a few": 3, "several": 3}

LANGS: dict[str, dict] = {
    "en": {
        "case_sensitive": True,
        "slash_order": "ambiguous",
        "months": {"January": 1, "February": 2, "March": 3, "April": 4, "May": 5,
                   "June": 6, "July": 7, "August": 8, "September": 9, "October": 10,
                   "November": 11, "December": 12, "Jan.": 1, "Feb.": 2, "Mar.": 3,
                   "Apr.": 4, "Aug.": 8, "Sept.": 9, "Sep.": 9, "Oct.": 10, "Nov.": 11,
                   "Dec.": 12},
        "weekdays": {"Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3,
                     "Friday": 4, "Saturday": 5, "Sunday": 6},
        "ord": r"(?:st|nd|rd|th)?",
        "parts": {"early": _EARLY, "early in": _EARLY, "in early": _EARLY,
                  "the beginning of": _EARLY, "beginning of": _EARLY, "mid": _MID,
                  "mid-": _MID, "in mid": _MID, "in mid-": _MID, "the middle of": _MID,
                  "late": _LATE, "late in": _LATE, "in late": _LATE, "the end of": _LATE,
                  "end of": _LATE, "earlier in": _WHOLE, "later in": _WHOLE},
        "yparts": {"early": _YEARLY, "mid": _YMID, "mid-": _YMID, "late": _YLATE,
                   "the end of": _YLATE, "end of": _YLATE, "the beginning of": _YEARLY},
        "yprep": ["in", "of", "since", "from", "during", "before", "after", "until",
                  "by", "throughout"],
        "mprep": ["in", "since", "from", "during", "until", "before", "after", "of",
                  "by", "through"],
        "mods": {"last": "last", "this": "this", "next": "next", "this past": "last",
                 "this coming": "next", "on": "on", "since": "last", "until": "on",
                 "by": "on"},
        "rel": {"the day before yesterday": ("day", -2), "yesterday": ("day", -1),
                "today": ("day", 0), "tonight": ("day", 0), "this morning": ("day", 0),
                "this afternoon": ("day", 0), "this evening": ("day", 0),
                "last night": ("day", -1), "tomorrow": ("day", 1),
                "the day after tomorrow": ("day", 2),
                "last week": ("week", -1), "this week": ("week", 0),
                "earlier this week": ("week", 0), "next week": ("week", 1),
                "last month": ("month", -1), "this month": ("month", 0),
                "earlier this month": ("month", 0), "next month": ("month", 1),
                "last year": ("year", -1), "this year": ("year", 0),
                "earlier this year": ("year", 0), "next year": ("year", 1)},
        "units": {"day": "day", "days": "day", "week": "week", "weeks": "week",
                  "month": "month", "months": "month", "year": "year", "years": "year"},
        "numbers": _EN_NUM,
        # Tense of the clause around an expression: the nearest cue wins (`_set_tense`).
        # Future: auxiliaries and modals, plans and schedules, conditions.
        "future": r"\b(?:will|won['’]t|shall|(?:would|wouldn['’]t|could|might)(?!\s+have\b)|"
                  r"going to|to be held|scheduled|slated|upcoming|expects?|expected|"
                  r"expecting|projected|forecasts|set to|due to|is due|are due|aims? to|"
                  r"intends? to|hopes?|hoping|wants? to|seeks? to|ahead of|next|coming|"
                  r"approaching|if|unless|whether|likely to|potential|possible|prospects?|"
                  r"prospective|(?:plans?|planned|planning|"
                  r"pledged?|pledges|promised?|promises|vows?|vowed|proposed?|proposes)\s+to|"
                  r"may|can|can['’]t|cannot|must|should|If)\b|['’]ll\b",
        # Present: the clause is about now, and a date in it may be past or future ("is up
        # for renewal in 2018", "as the primaries begin in 2016"): direction open.
        "present": r"\b(?:is|are|isn['’]t|aren['’]t|am|remains|begins|starts|takes|faces|"
                   r"holds)\b",
        # Past: auxiliaries, -ed forms, common irregular past forms, past adverbs.
        "past": r"\b(?:was|were|wasn['’]t|weren['’]t|had|hadn['’]t|did|didn['’]t|"
                r"has been|have been|ago|earlier|Earlier|previously|Previously|back then|"
                r"at the time|said|told|"
                r"won|lost|made|took|came|went|got|gave|met|held|ran|began|left|became|saw|"
                r"wrote|spoke|sent|fell|rose|sold|bought|paid|found|brought|thought|felt|"
                r"led|kept|chose|drew|drove|fought|flew|grew|knew|meant|sought|stood|struck|"
                r"swore|taught|threw|understood|broke|spent|built|heard|shot|stole|"
                r"withdrew|would have|could have|might have)\b|"
                r"\b(?!(?:need|indeed|speed|feed|seed|breed|proceed|exceed|succeed|united|"
                r"limited|based|concerned|interested|supposed|called|red)\b)[a-z]{2,}ed\b",
        # A date after these words is a limit ("by 2022", "until March 15"), not the time
        # of an event: only a future cue gives it a direction.
        "boundary": r"(?i:\b(?:by|until|till|through|before|after|ahead of|no later than|for|"
                    r"as late as|as early as)\s+(?:the\s+)?$)",
        # "since March": the start of a period that runs to publication.
        "since": r"(?i:\bsince\s+(?:the\s+)?$)",
        # A date used as a modifier of a noun names an event, whatever the tense of the
        # clause: "the Nov. 8 election", "an April 15 deadline", "France's April 2017
        # election", "the Sept. 11 attacks".
        "prenominal": (r"(?:\b(?i:the|a|an|its|his|her|their|our)|['’]s)\s+$",
                       r"^[\s-]+(?:[A-Z][\w.]*\s+)*(?!(?:to|and|or|of|in|on|at|for|with|"
                       r"when|while|as|by|through|until|from|but|after|before|is|was|were|"
                       r"are|be|been|will|would|has|had|have|that|which|who|the|a|an|this|"
                       r"it|he|she|they|we|i|you|said|says|than|if|so|because|during|"
                       r"since)\b)[a-z]"),
        # A date right after a noun names the day of an event ("the New Hampshire primary
        # Feb. 9", "the Republican nomination in 2020"): direction open.
        "postnominal": r"\b(?:primary|primaries|caucus|caucuses|election|elections|vote|"
                       r"debate|convention|referendum|deadline|summit|hearing|meeting|"
                       r"runoff|run-off|ballot|contests?|nomination|race|bid|reelection|"
                       r"re-election|campaign|cycle|season)\s+$",
        # A label at the start of a line that dates a later change to the text: the date
        # after it is on or after publication ("Correction: October 2, 2016, Sunday.").
        "update_label": r"^\W*(?i:corrections?|updated?|clarification|editor['’]s note)"
                        r"\b[^\n\w]{0,4}(?:appended|on|at)?\W{0,3}$",
        # Parts of a month said of recent (or imminent) events; "the end of March" is not
        # one of them ("by the end of March" is a deadline months away).
        "recent_parts": ["early", "early in", "in early", "mid", "mid-", "in mid",
                         "in mid-", "late", "late in", "in late"],
        # "earlier in January", "later in March": the month of publication.
        "current_parts": ["earlier in", "later in"],
        "templates": [
            ("date_y", r"(?:{WD},?\s+)?{M}\s+{D},?\s+{Y}"),
            ("date_y", r"(?:{WD},?\s+)?(?:the\s+)?{D}\s+(?:of\s+)?{M},?\s+{Y}"),
            ("date_wd", r"(?:{MOD}\s+)?{WD},?\s+{M}\s+{D}\b"),
            ("date_wd", r"(?:{MOD}\s+)?{WD},?\s+(?:the\s+)?{D}\s+(?:of\s+)?{M}"),
            # "PURCHASE, N.Y., April 1 (UPI) —", "WASHINGTON, Dec. 22 —": the report's day
            ("dateline", r"(?m:^)[A-Z][A-Z.'’ -]+(?:,\s+[A-Z][A-Za-z.]+)*,\s+{M}\s+{D}"
                         r"(?:,\s+{Y})?(?=\s*(?:\([^()\n]{1,40}\)\s*)?[-–—])"),
            ("month_day", r"{M}\s+{D}\b"),
            ("month_day", r"\b(?:the\s+)?{D}\s+(?:of\s+)?{M}(?!\w)"),
            ("month_y", r"(?:{PART}\s*)?{M},?\s+{Y}"),
            ("part_month", r"\b{PART}\s*{M}(?!\w)(?!,?\s+(?:19|20)\d\d)"),
            ("month_mod", r"\b(?P<mmod>(?i:this past|this coming|last|this|next))\s+{M}"
                          r"(?!\w)(?!,?\s+(?:19|20)\d\d)"),
            ("month", r"\b{MPREP}\s+{M}(?!\w)(?!,?\s+(?:19|20)\d\d)"),
            ("year", r"\b{YPART}[\s-]*{Y}"),
            ("year", r"\b{YPREP}\s+{Y}"),
            ("ago", r"\b{N}\s+{UNIT}\s+ago\b"),
            ("rel", r"\b{REL}\b"),
            ("weekday", r"(?:{MOD}\s+)?{WD}\b"),
        ],
    },
    "fr": {
        "case_sensitive": False,
        "months": {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4,
                   "mai": 5, "juin": 6, "juillet": 7, "août": 8, "aout": 8,
                   "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
                   "decembre": 12, "janv.": 1, "févr.": 2, "sept.": 9, "oct.": 10,
                   "nov.": 11, "déc.": 12},
        "weekdays": {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4,
                     "samedi": 5, "dimanche": 6},
        "ord": r"(?:er|re|e)?",
        "parts": {"début": _EARLY, "au début de": _EARLY, "au début du mois de": _EARLY,
                  "début du mois de": _EARLY, "courant": _WHOLE, "mi-": _MID, "à la mi-": _MID,
                  "fin": _LATE, "à la fin de": _LATE, "fin du mois de": _LATE,
                  "à la fin du mois de": _LATE, "plus tôt en": _WHOLE,
                  "plus tôt au mois de": _WHOLE, "au mois de": _WHOLE},
        "yparts": {"début": _YEARLY, "début de l'année": _YEARLY, "mi-": _YMID,
                   "fin": _YLATE, "à la fin de": _YLATE, "au début de": _YEARLY},
        "yprep": ["en", "de", "depuis", "dès", "avant", "après", "jusqu'en", "durant",
                  "pendant", "d'ici"],
        "mprep": ["en", "depuis", "dès", "jusqu'en", "avant", "après"],
        "mods": {"ce": "this", "le": "on", "dernier": "last", "passé": "last",
                 "prochain": "next", "depuis": "last", "jusqu'à": "on"},
        "rel": {"avant-hier": ("day", -2), "hier soir": ("day", -1), "hier": ("day", -1),
                "aujourd'hui": ("day", 0), "aujourd’hui": ("day", 0), "ce matin": ("day", 0),
                "ce soir": ("day", 0), "cet après-midi": ("day", 0), "demain": ("day", 1),
                "après-demain": ("day", 2),
                "la semaine dernière": ("week", -1), "la semaine passée": ("week", -1),
                "cette semaine": ("week", 0), "la semaine prochaine": ("week", 1),
                "le mois dernier": ("month", -1), "le mois passé": ("month", -1),
                "ce mois-ci": ("month", 0), "le mois prochain": ("month", 1),
                "l'année dernière": ("year", -1), "l’année dernière": ("year", -1),
                "l'an dernier": ("year", -1), "l’an dernier": ("year", -1),
                "l'année passée": ("year", -1), "l’année passée": ("year", -1),
                "l'an passé": ("year", -1), "l’an passé": ("year", -1),
                "cette année": ("year", 0), "l'année prochaine": ("year", 1),
                "l’année prochaine": ("year", 1), "l'an prochain": ("year", 1)},
        "units": {"jour": "day", "jours": "day", "semaine": "week", "semaines": "week",
                  "mois": "month", "an": "year", "ans": "year", "année": "year",
                  "années": "year"},
        "numbers": {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
                    "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
                    "quelques": 3},
        "future": r"\b(?:aura lieu|se tiendra|sera|seront|devrait|devraient|prévu|prévue|"
                  r"va|vont|prochaine?s?)\b",
        # a limit ("jusqu'au 15 mars", "d'ici fin mars", "avant le 3 mai"): either side of
        # publication unless a future cue says more (as English "boundary")
        "boundary": r"(?i:(?:\bjusqu['’](?:au|à|en)|\bd['’]ici|\bavant|\bau plus tard)"
                    r"(?:\s+(?:le|la|l['’]|fin|début|mi-))*\s*$)",
        "templates": [
            ("date_y", r"(?:{WD}\s+)?{D}\s+{M}\s+{Y}"),
            ("date_wd", r"(?:{MOD}\s+)?{WD}\s+{D}\s+{M}"),
            ("month_day", r"\b{D}\s+{M}"),
            ("month_y", r"(?:{PART}\s*)?{M}\s+{Y}"),
            ("part_month", r"\b{PART}\s*{M}"),
            ("month", r"\b{MPREP}\s+{M}\b"),
            ("year", r"\b{YPART}[\s-]*{Y}"),
            ("year", r"\b{YPREP}\s+{Y}"),
            ("ago", r"\bil y a\s+{N}\s+{UNIT}\b"),
            ("rel", r"(?<![\w-]){REL}(?![\w-])"),
            ("weekday", r"(?:{MOD}\s+)?{WD}(?:\s+{MOD2})?\b"),
        ],
    },
    "es": {
        "case_sensitive": False,
        "months": {"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5,
                   "junio": 6, "julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9,
                   "octubre": 10, "noviembre": 11, "diciembre": 12},
        "weekdays": {"lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3,
                     "viernes": 4, "sábado": 5, "sabado": 5, "domingo": 6},
        "ord": r"(?:º|°)?",
        "parts": {"a principios de": _EARLY, "principios de": _EARLY,
                  "a comienzos de": _EARLY, "comienzos de": _EARLY,
                  "a inicios de": _EARLY, "a mediados de": _MID, "mediados de": _MID,
                  "a finales de": _LATE, "finales de": _LATE, "a fines de": _LATE,
                  "fines de": _LATE, "más temprano en": _WHOLE, "a lo largo de": _WHOLE},
        "yparts": {"a principios de": _YEARLY, "principios de": _YEARLY,
                   "a mediados de": _YMID, "mediados de": _YMID, "a finales de": _YLATE,
                   "finales de": _YLATE, "a fines de": _YLATE, "fines de": _YLATE},
        "yprep": ["en", "de", "del", "desde", "hasta", "antes de", "después de",
                  "durante"],
        "mprep": ["en", "desde", "hasta", "durante"],
        "mods": {"el": "on", "este": "this", "el pasado": "last", "pasado": "last",
                 "el próximo": "next", "próximo": "next", "desde el": "last",
                 "hasta el": "on"},
        "rel": {"anteayer": ("day", -2), "antier": ("day", -2), "anoche": ("day", -1),
                "ayer": ("day", -1), "hoy": ("day", 0), "esta mañana": ("day", 0),
                "esta tarde": ("day", 0), "esta noche": ("day", 0),
                "pasado mañana": ("day", 2),
                "la semana pasada": ("week", -1), "esta semana": ("week", 0),
                "la próxima semana": ("week", 1), "la semana que viene": ("week", 1),
                "el mes pasado": ("month", -1), "este mes": ("month", 0),
                "el próximo mes": ("month", 1), "el mes que viene": ("month", 1),
                "el año pasado": ("year", -1), "este año": ("year", 0),
                "el próximo año": ("year", 1), "el año que viene": ("year", 1)},
        # "mañana" alone is "tomorrow", but "la/esta/por la mañana" is "the morning".
        "rel_guarded": {"mañana": (("day", 1), r"(?:la|esta|por la|de la|cada|una|media)\s+$")},
        "units": {"día": "day", "días": "day", "semana": "week", "semanas": "week",
                  "mes": "month", "meses": "month", "año": "year", "años": "year"},
        "numbers": {"un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
                    "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
                    "unos": 3, "unas": 3, "varios": 3},
        "future": r"\b(?:será|serán|tendrá lugar|se celebrará|va a|van a|próxim[oa]s?|"
                  r"prevé|previsto|prevista)\b",
        # a limit ("hasta el 15 de marzo", "antes del 3 de mayo", "a más tardar el 1 de junio")
        "boundary": r"(?i:\b(?:hasta|antes\s+de|a\s+más\s+tardar)"
                    r"(?:\s+(?:el|la|los|del|finales\s+de|fin\s+de|mediados\s+de))*\s+$)",
        "templates": [
            ("date_y", r"(?:{WD},?\s+)?{D}\s+de\s+{M}\s+(?:de|del)\s+{Y}"),
            ("date_wd", r"(?:{MOD}\s+)?{WD},?\s+{D}\s+de\s+{M}"),
            ("month_day", r"\b{D}\s+de\s+{M}"),
            ("month_y", r"(?:{PART}\s+)?{M}\s+(?:de|del)\s+{Y}"),
            ("part_month", r"\b{PART}\s+{M}"),
            ("month", r"\b{MPREP}\s+{M}\b"),
            ("year", r"\b{YPART}\s+{Y}"),
            ("year", r"\b{YPREP}\s+{Y}"),
            ("ago", r"\bhace\s+{N}\s+{UNIT}\b"),
            ("rel", r"(?<!\w){REL}(?!\w)"),
            ("weekday", r"(?:{MOD}\s+)?{WD}(?:\s+{MOD2})?\b"),
        ],
    },
    "de": {
        "case_sensitive": True,
        "months": {"Januar": 1, "Jänner": 1, "Februar": 2, "März": 3, "Maerz": 3,
                   "April": 4, "Mai": 5, "Juni": 6, "Juli": 7, "August": 8,
                   "September": 9, "Oktober": 10, "November": 11, "Dezember": 12,
                   "Jan.": 1, "Feb.": 2, "Aug.": 8, "Sept.": 9, "Okt.": 10, "Nov.": 11,
                   "Dez.": 12},
        "weekdays": {"Montag": 0, "Dienstag": 1, "Mittwoch": 2, "Donnerstag": 3,
                     "Freitag": 4, "Samstag": 5, "Sonnabend": 5, "Sonntag": 6},
        "ord": r"\.",
        "parts": {"Anfang": _EARLY, "Anfang des": _EARLY, "Mitte": _MID, "Ende": _LATE,
                  "Ende des": _LATE, "Ende vergangenen": _LATE, "im": _WHOLE,
                  "Anfang dieses": _EARLY, "früher im": _WHOLE},
        "yparts": {"Anfang": _YEARLY, "Mitte": _YMID, "Ende": _YLATE},
        "yprep": ["im Jahr", "im Jahre", "seit", "bis", "vor", "nach", "von", "aus",
                  "ab", "Jahr"],
        "mprep": ["im", "seit", "bis", "ab", "Anfang", "Mitte", "Ende"],
        "mods": {"am": "on", "letzten": "last", "vergangenen": "last", "vorigen": "last",
                 "am vergangenen": "last", "am letzten": "last", "am vorigen": "last",
                 "diesen": "this", "am kommenden": "next", "kommenden": "next",
                 "nächsten": "next", "am nächsten": "next", "seit": "last", "bis": "on"},
        "rel": {"vorgestern": ("day", -2), "gestern Abend": ("day", -1),
                "gestern": ("day", -1), "heute": ("day", 0), "heute Morgen": ("day", 0),
                "übermorgen": ("day", 2),
                "letzte Woche": ("week", -1), "vergangene Woche": ("week", -1),
                "vorige Woche": ("week", -1), "in der vergangenen Woche": ("week", -1),
                "diese Woche": ("week", 0), "nächste Woche": ("week", 1),
                "kommende Woche": ("week", 1),
                "letzten Monat": ("month", -1), "vergangenen Monat": ("month", -1),
                "im vergangenen Monat": ("month", -1), "diesen Monat": ("month", 0),
                "nächsten Monat": ("month", 1),
                "letztes Jahr": ("year", -1), "vergangenes Jahr": ("year", -1),
                "voriges Jahr": ("year", -1), "im vergangenen Jahr": ("year", -1),
                "im letzten Jahr": ("year", -1), "dieses Jahr": ("year", 0),
                "in diesem Jahr": ("year", 0), "nächstes Jahr": ("year", 1)},
        # lower-case "morgen" is "tomorrow"; "Morgen", "am Morgen", "heute morgen" the morning.
        "rel_guarded": {"morgen": (("day", 1), r"(?:heute|gestern|am|den|jeden|Heute|Gestern)\s+$")},
        "units": {"Tag": "day", "Tagen": "day", "Woche": "week", "Wochen": "week",
                  "Monat": "month", "Monaten": "month", "Jahr": "year", "Jahren": "year"},
        "numbers": {"einem": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
                    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
                    "wenigen": 3, "einigen": 3},
        "future": r"\b(?:wird|werden|soll|sollen|kommende[nmrs]?|nächste[nmrs]?|"
                  r"stattfinden|geplant)\b",
        # a limit ("bis zum 15. März", "bis Ende März", "spätestens am 3. Mai", "vor dem 1. Juni")
        "boundary": r"(?i:\b(?:bis|spätestens|vor)"
                    r"(?:\s+(?:zum|zur|am|dem|den|Ende|Anfang|Mitte|spätestens))*\s+$)",
        "templates": [
            ("date_y", r"(?:{WD},?\s+)?(?:(?:den|dem)\s+)?{D}\s*{M}\s+{Y}"),
            ("date_wd", r"(?:{MOD}\s+)?{WD},?\s+(?:(?:den|dem)\s+)?{D}\s*{M}"),
            ("month_day", r"(?<![\d.]){D}\s*{M}"),
            ("month_y", r"(?:{PART}\s+)?{M}\s+{Y}"),
            ("part_month", r"\b{PART}\s+{M}"),
            ("month", r"\b{MPREP}\s+{M}\b"),
            ("year", r"\b{YPART}\s+{Y}"),
            ("year", r"\b{YPREP}\s+{Y}"),
            ("ago", r"\bvor\s+{N}\s+{UNIT}\b"),
            ("rel", r"(?<!\w){REL}(?!\w)"),
            ("weekday", r"(?:{MOD}\s+)?{WD}(?:abend|morgen|nachmittag|vormittag)?\b"),
        ],
    },
}
LANGS.update(_MORE_LANGS)  # it pt nl pl ru uk tr ar zh ja ko (built on first use)


@dataclass(slots=True)
class Ref:
    """What one temporal expression denotes.

    Exactly one of these describes the date: ``fixed`` (ordinal day interval, when the
    year is given), ``yearly`` (month, first day, last day: repeats every year),
    ``rel`` ((unit, offset) from the publication date: ``("day", -1)`` is yesterday), or
    ``weekday`` (0 = Monday) with ``mod`` (last, this, next, on). ``yearly`` may also carry
    ``weekday`` (weekday + day + month). ``rel`` may be combined with ``yearly`` +
    ``weekday`` ("yesterday, Friday, February 22nd"). ``future`` says the context points
    forward (scheduled, "next", future tense); ``past`` that it points back (past tense,
    "since"). In a table with a ``past`` cue list, an expression with neither is of
    unknown direction (a limit such as "by 2022", an event name such as "the Nov. 8
    election"); in the other tables it is taken as past. ``mod`` on a yearly month says
    "last", "this", "next" (March), "current" ("earlier in March"), "recent" ("late
    March") or "dateline"."""

    start: int
    end: int
    text: str
    kind: str  # absolute, weekday_date, month_day, relative, vague
    lang: str
    fixed: tuple[int, int] | None = None
    yearly: tuple[int, int, int] | None = None
    weekday: int | None = None
    mod: str | None = None
    rel: tuple[str, int] | None = None
    future: bool = False
    note: str = ""
    past: bool = False
    open: bool = False  # direction explicitly open: a limit ("by 2022") or an event name
    event: bool = False  # the date names an event ("the 2016 election"), not a limit


def _alt(words, case_sensitive: bool) -> str:
    variants: set[str] = set()
    for w in words:
        variants.add(w)
        if case_sensitive:
            variants.add(w.upper())
            variants.add(w[:1].upper() + w[1:])
    ordered = sorted(variants, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in ordered) + ")"


def _ci(words) -> str:
    """Function words (modifiers, parts, prepositions) match in any case, even in the
    languages whose month and weekday names are matched case-sensitively."""
    return "(?i:" + _alt(words, False) + ")"


def _compile(lang: str) -> list[tuple[str, re.Pattern]]:
    t = LANGS[lang]
    cs = t["case_sensitive"]
    rel_words = list(t["rel"])
    subs = {
        "WD": f"(?<!\\w)(?P<wd>{_alt(t['weekdays'], cs)})",
        "M": f"(?P<m>{_alt(t['months'], cs)})",
        "D": rf"(?P<d>(?:[12]\d|3[01]|0?[1-9])){t['ord']}",
        "Y": r"(?P<y>(?:19|20)\d\d)" + t.get("year_end", r"\b"),
        "PART": f"(?P<part>{_ci(t['parts'])})",
        "YPART": f"(?P<ypart>{_ci(t['yparts'])})",
        "MOD": f"(?<!\\w)(?P<mod>{_ci(t['mods'])})",
        "MOD2": f"(?P<mod2>{_ci(t['mods'])})(?!\\w)",
        "REL": f"(?P<rel>{_ci(rel_words)})",
        "N": rf"(?P<n>\d{{1,3}}|{_ci(t['numbers'])})",
        "UNIT": f"(?P<unit>{_ci(t['units'])})",
        "YPREP": f"(?:{_ci(t['yprep'])})",
        "MPREP": f"(?:{_ci(t['mprep'])})",
    }
    out = []
    flags = 0 if cs else re.IGNORECASE
    for kind, tmpl in t["templates"]:
        pat = tmpl
        for k, v in subs.items():
            pat = pat.replace("{" + k + "}", v)
        # An expression never spans paragraphs: in the clean text a newline only ever
        # separates paragraphs, so whitespace inside an expression excludes it.
        pat = pat.replace(r"[\s-]", r"(?:[^\S\n]|-)").replace(r"\s", r"[^\S\n]")
        out.append((kind, re.compile(pat, flags)))
    for word, (_rel, guard) in t.get("rel_guarded", {}).items():
        out.append(("rel_guarded", re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")))
    out.extend(_NUMERIC)
    return out


# Numeric dates, the same in every language (matched on the ASCII-digit copy of the
# text): ISO and year-first "2020-06-16", "2020/6/16"; day-first with dots "16.06.2020";
# with slashes "16/06/2020", read day-first unless the table says ``slash_order: "mdy"``
# or "ambiguous" (English: US and British orders both occur, so only a day above 12
# decides). Not preceded or followed by more digits, dots or slashes (versions, ids).
_NUM_EDGE_L, _NUM_EDGE_R = r"(?<![\d./-])", r"(?![\d]|[./-]\d)"
_NUMERIC = [
    ("num_ymd", re.compile(_NUM_EDGE_L + r"(?P<y>(?:19|20)\d\d)([-/])(?P<nm>0?[1-9]|1[0-2])\2"
                           r"(?P<nd>0?[1-9]|[12]\d|3[01])" + _NUM_EDGE_R)),
    ("num_dmy", re.compile(_NUM_EDGE_L + r"(?P<nd>0?[1-9]|[12]\d|3[01])\.(?P<nm>0?[1-9]|1[0-2])\."
                           r"(?P<y>(?:19|20)\d\d)" + _NUM_EDGE_R)),
    ("num_slash", re.compile(_NUM_EDGE_L + r"(?P<na>\d{1,2})/(?P<nb>\d{1,2})/"
                             r"(?P<y>(?:19|20)\d\d)" + _NUM_EDGE_R)),
]


def _patterns(lang: str) -> list[tuple[str, re.Pattern]]:
    return resources.get(f"temporal.patterns.{lang}", lambda: _compile(lang))


def _lookup(table: dict, key: str | None):
    if key is None:
        return None
    k = re.sub(r"\s+", " ", key)
    for cand in (k, k.lower(), k[:1].upper() + k[1:].lower(), k.capitalize()):
        if cand in table:
            return table[cand]
    low = {kk.lower(): v for kk, v in table.items()}
    return low.get(k.lower())


def _month_end(y: int, m: int) -> int:
    return (date(y + (m == 12), m % 12 + 1, 1).toordinal() - 1) - date(y, m, 1).toordinal() + 1


def _ref_from_match(kind: str, mt: re.Match, lang: str, text: str) -> Ref | None:
    t = LANGS[lang]
    g = mt.groupdict()
    s, e = mt.span()
    wd = _lookup(t["weekdays"], g.get("wd"))
    mo = _lookup(t["months"], g.get("m"))
    d = int(g["d"]) if g.get("d") else None
    y = int(g["y"]) if g.get("y") else None
    mods = [_lookup(t["mods"], g.get("mod")), _lookup(t["mods"], g.get("mod2"))]
    mod = next((x for x in mods if x in ("last", "this", "next")), None) or (
        "on" if any(mods) else None)
    base = dict(start=s, end=e, text=text[s:e], lang=lang)
    if kind in ("num_ymd", "num_dmy", "num_slash"):
        if kind == "num_slash":
            a, b = int(g["na"]), int(g["nb"])
            order = t.get("slash_order", "dmy")
            if order == "ambiguous":
                if a > 12 >= b:
                    order = "dmy"
                elif b > 12 >= a:
                    order = "mdy"
                else:
                    return None  # 04/05/2020: April 5 or 4 May
            d, mo = (a, b) if order == "dmy" else (b, a)
        else:
            d, mo = int(g["nd"]), int(g["nm"])
        try:
            o = date(y, mo, d).toordinal()
        except ValueError:
            return None
        return Ref(kind="absolute", fixed=(o, o), **base)
    if kind == "date_y":
        try:
            day = date(y, mo, d)
        except ValueError:
            return None
        note = ""
        if wd is not None and day.weekday() != wd:
            note = f"weekday does not match {day.isoformat()}"
        o = day.toordinal()
        return Ref(kind="absolute", fixed=(o, o), weekday=wd, note=note, **base)
    if kind == "dateline":
        try:
            day = date(y or 2000, mo, d)  # 2000 is a leap year: accepts 29 February
        except ValueError:
            return None
        if y:
            o = day.toordinal()
            return Ref(kind="absolute", fixed=(o, o), note="dateline", **base)
        return Ref(kind="month_day", yearly=(mo, d, d), mod="dateline", **base)
    if kind in ("date_wd", "month_day"):
        try:
            date(2000, mo, d)  # leap year: accepts 29 February
        except ValueError:
            return None
        return Ref(kind="weekday_date" if wd is not None else "month_day",
                   yearly=(mo, d, d), weekday=wd, mod=mod, **base)
    if kind == "month_y":
        lo_d, hi_d = _lookup(t["parts"], g.get("part")) or _WHOLE
        hi_d = min(hi_d, _month_end(y, mo))
        lo = date(y, mo, lo_d).toordinal()
        return Ref(kind="absolute" if (lo_d, hi_d) == (1, _month_end(y, mo)) else "vague",
                   fixed=(lo, date(y, mo, hi_d).toordinal()), **base)
    if kind in ("part_month", "month", "month_mod"):
        lo_d, hi_d = (_lookup(t["parts"], g.get("part")) or _WHOLE) if kind == "part_month" \
            else _WHOLE
        mmod, current_past = None, None
        if kind == "month_mod":
            mmod = {"this past": "last", "this coming": "next"}.get(
                re.sub(r"\s+", " ", g["mmod"].lower()), g["mmod"].lower())
        elif g.get("part"):
            part = re.sub(r"\s+", " ", g["part"].lower())
            if part in t.get("current_parts", ()):
                # "earlier in January" is past, "later in January" future
                mmod = "current"
                current_past = part.startswith("earlier")
            elif (lo_d, hi_d) != _WHOLE and part in t.get("recent_parts", (part,)):
                mmod = "recent"
        return Ref(kind="vague", yearly=(mo, lo_d, hi_d), mod=mmod, past=current_past is True,
                   future=current_past is False, **base)
    if kind == "year":
        m_lo, m_hi = _lookup(t["yparts"], g.get("ypart")) or (1, 12)
        lo = date(y, m_lo, 1).toordinal()
        hi = date(y, m_hi, _month_end(y, m_hi)).toordinal()
        return Ref(kind="absolute" if (m_lo, m_hi) == (1, 12) else "vague",
                   fixed=(lo, hi), **base)
    if kind == "ago":
        n = g["n"]
        num = int(n) if n.isdigit() else _lookup(t["numbers"], n)
        unit = _lookup(t["units"], g["unit"])
        if num is None or unit is None:
            return None
        return Ref(kind="relative", rel=(unit, -num), **base)
    if kind == "rel":
        rel = _lookup(t["rel"], g["rel"])
        if rel is None:
            return None
        return Ref(kind="relative", rel=rel, future=rel[1] > 0, **base)
    if kind == "rel_guarded":
        word = text[s:e]
        rel, guard = t["rel_guarded"][word]
        if re.search(guard, text[max(0, s - 20):s]):
            return None
        return Ref(kind="relative", rel=rel, future=rel[1] > 0, **base)
    if kind == "weekday":
        if wd is None:
            return None
        return Ref(kind="relative", weekday=wd, mod=mod or "on", future=mod == "next", **base)
    return None


# Separator allowed between a relative day word and a weekday(+date) in apposition:
# "yesterday, Friday, February 22nd", "hier, vendredi 22 février", "gestern (Freitag)".
_APPOSITION = re.compile(r"^\s*[,،(]?\s*$")
# Arabic-Indic, Persian and full-width digits, matched as ASCII (same length: offsets
# are unchanged).
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９", "0123456789" * 3)


def find_refs(text: str, lang: str | None) -> list[Ref]:
    """All temporal expressions of ``text`` in ``lang`` (rule tables), longest match
    first, without overlaps, in text order. Unknown languages return []."""
    if lang not in LANGS:
        return []
    found: list[tuple[int, int, int, Ref]] = []
    ascii_digits = text.translate(_DIGITS)
    for prio, (kind, pat) in enumerate(_patterns(lang)):
        for mt in pat.finditer(ascii_digits):
            ref = _ref_from_match(kind, mt, lang, text)
            if ref is not None and ref.end > ref.start:
                found.append((ref.start, -(ref.end - ref.start), prio, ref))
    # greedy: longest first (ties: template order, then position), no overlaps
    found.sort(key=lambda x: (x[1], x[2], x[0]))
    taken: list[Ref] = []
    for _s, _l, _p, ref in found:
        if all(ref.end <= r.start or ref.start >= r.end for r in taken):
            taken.append(ref)
    taken.sort(key=lambda r: r.start)
    merged: list[Ref] = []
    for ref in taken:
        prev = merged[-1] if merged else None
        if (prev is not None and prev.rel is not None and prev.rel[0] == "day"
                and prev.weekday is None and ref.weekday is not None
                and ref.rel is None and _APPOSITION.match(text[prev.end:ref.start])):
            # apposition: the relative day and the weekday(+date) name the same day
            end = ref.end
            if end < len(text) and text[end] == ")":
                end += 1
            merged[-1] = Ref(start=prev.start, end=end, text=text[prev.start:end],
                             kind=ref.kind,
                             lang=lang, yearly=ref.yearly, weekday=ref.weekday,
                             rel=prev.rel, future=prev.future)
            continue
        merged.append(ref)
    _set_directions(text, merged, lang)
    return merged


def _set_directions(text: str, refs: list[Ref], lang: str) -> None:
    """Which side of publication each expression lies on, from its clause: the tense
    rules for tables with past cues, else a future cue before it, and a limit word before
    it ("hasta", "jusqu'au", "bis zum") leaves the direction open."""
    cues = _tense_cues(lang)
    if cues["past"] is not None:
        for ref in refs:
            _set_tense(text, ref, cues)
        return
    fut = cues["future"]
    for ref in refs:
        if not ref.future:
            ref.future = _future_context(text, ref, fut)
        if not ref.future and ref.rel is None and _is_limit(text, ref, cues):
            ref.open = True  # 'hasta el 15 de marzo': a limit, on either side of publication


def _is_limit(text: str, ref: Ref, cues: dict) -> bool:
    """A limit word right before the expression, or opening it ("hasta el 15 de marzo",
    "bis Ende März", "حتى 15 مارس", "до конца марта"), or, in a language that puts it
    after the date, right after it or ending it ("15 Mart'a kadar", "15 Mart tarihine
    kadar", "2020'ye kadar"), in a table without past cues."""
    limit, after = cues["boundary"], cues["boundary_after"]
    if limit is not None:
        before = text[max(0, ref.start - 40):ref.start]
        lead = re.match(r"(?:[^\W\d]+\.?[^\S\n]+)*", ref.text).group()
        if limit.search(before) or (lead and limit.search(lead)):
            return True
    if after is not None:
        if after.match(text, ref.end, min(len(text), ref.end + 40)):
            return True
        last = re.search(r"\s(\w+)$", ref.text)  # a limit the expression took in
        return bool(last and after.fullmatch(last.group(1)))
    return False


def points_forward(text: str, start: int, end: int, lang: str | None) -> bool:
    """Whether the clause around ``text[start:end]`` (a name, e.g. of an event) points
    forward ("will attend the summit"), read by the same rules as date expressions."""
    if lang not in LANGS:
        return False
    ref = Ref(start=start, end=end, text=text[start:end], kind="mention", lang=lang)
    _set_directions(text, [ref], lang)
    return ref.future


#: Characters read on each side of an expression for tense cues (within its clause).
TENSE_WINDOW = 70
# A clause ends at a sentence end, a semicolon, a paragraph break or a quotation mark
# (quoted words have their own tense); a full stop after an initial or a short
# capitalised abbreviation ("U.S.", "Mr.", "Sept.") does not end it.
_CLAUSE_END = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})(?<!\b[A-Z][a-z]{3})"
                         r"[.!?;](?=\s)|\n|[\"“”«»„]")
# A relative, subordinate or reported clause has its own verb ("they can't say the same
# of Nevada, where voters in 2008 accounted for...", "Sanders noted that the next round of
# redistricting in 2020 is approaching"): cues are read inside it.
_SUBCLAUSE = re.compile(r"\b(?:that|where|when|which|who|whom|whose|because|while|although|though|"
                        r"whereas|but)\b")
# a participle after a future "be" ("will be decided", "to be held") is not a past tense
_FUTURE_BE = re.compile(r"\bbe\s+(?:\w+ly\s+)?$")


def _tense_cues(lang: str) -> dict[str, re.Pattern | None]:
    def build():
        t = LANGS[lang]
        flags = 0 if t["case_sensitive"] else re.I
        pre = t.get("prenominal") or (None, None)
        keys = {"future": t["future"], "past": t.get("past"), "boundary": t.get("boundary"),
                "boundary_after": t.get("boundary_after"),
                "since": t.get("since"), "present": t.get("present"),
                "postnominal": t.get("postnominal"), "update_label": t.get("update_label"),
                "pre_before": pre[0], "pre_after": pre[1]}
        return {k: re.compile(v, flags) if v else None for k, v in keys.items()}
    return resources.get(f"temporal.tense.{lang}", build)


def _clause_around(text: str, ref: Ref) -> tuple[str, str]:
    """The text of the expression's clause before and after it (at most TENSE_WINDOW
    characters each side)."""
    before = text[max(0, ref.start - TENSE_WINDOW):ref.start]
    cut = [m.end() for m in _CLAUSE_END.finditer(before)]
    if cut:
        before = before[cut[-1]:]
    after = text[ref.end:ref.end + TENSE_WINDOW]
    m = _CLAUSE_END.search(after)
    if m:
        after = after[:m.start()]
    return before, after


def _stamp(text: str, ref: Ref, cues: dict) -> str | None:
    """A date that is a paragraph of its own is a stamp (an edition, a correction, an
    update line), on either side of publication: "open". After an update label
    ("Correction:", "Updated") it is on or after publication: "future"."""
    lo = text.rfind("\n", 0, ref.start) + 1
    hi = text.find("\n", ref.end)
    if cues["update_label"] is not None and cues["update_label"].search(text[lo:ref.start]):
        return "future"
    line = text[lo:hi if hi >= 0 else len(text)]
    return "open" if re.fullmatch(r"\W*" + re.escape(ref.text) + r"\W*", line) else None


def _nearest_cue(before: str, ref_len: int, after: str, cues: dict) -> str | None:
    """"future", "past" or "present": the tense cue nearest to the expression. English
    puts the verb before a time adverbial ("signed a bill in 2009") unless the adverbial
    opens the clause ("In October, he held..."): a cue before the expression wins over
    any cue after it; at equal distance a future cue wins."""
    sub = [m.start() for m in _SUBCLAUSE.finditer(before)]
    if sub:
        before = " " * sub[-1] + before[sub[-1]:]
    m = _SUBCLAUSE.search(after)
    if m:
        after = after[:m.start()]
    clause = before + " " * ref_len + after
    lo, hi = len(before), len(before) + ref_len
    fut = [m.start() for m in cues["future"].finditer(clause)]
    found: list[tuple[int, int, int, str]] = []  # (after it?, distance, priority, tense)

    def add(m: re.Match, prio: int, name: str) -> None:
        dist = lo - m.end() if m.end() <= lo else m.start() - hi
        found.append((int(m.start() >= hi), dist, prio, name))

    for m in cues["future"].finditer(clause):
        add(m, 0, "future")
    for m in cues["past"].finditer(clause):
        if not cues["future"].fullmatch(m.group()):
            governed = _FUTURE_BE.search(clause[:m.start()]) and any(f < m.start() for f in fut)
            add(m, 1, "future" if governed else "past")
    if cues["present"] is not None:
        for m in cues["present"].finditer(clause):
            # "will be", "could take": the auxiliary governs
            add(m, 2, "future" if any(m.start() - 12 <= f < m.start() for f in fut)
                else "present")
    return min(found)[3] if found else None


def _set_tense(text: str, ref: Ref, cues: dict) -> None:
    """Set ``ref.future`` / ``ref.past`` / ``ref.open`` from the clause around the
    expression, for the tables that list past cues. In order: the words of the
    expression ("next week", "last June", "yesterday"); "since" (a period running to
    publication: past); a limit ("by 2022", "until March 15": only a future cue gives a
    direction); a date naming an event ("the Nov. 8 election", "the New Hampshire primary
    Feb. 9") or a stamp line: open; else the nearest tense cue (a present tense leaves
    the direction open: "is up for renewal in 2018")."""
    if ref.future or (ref.rel and ref.rel[1] > 0) or ref.mod == "next":
        ref.future, ref.past = True, False
        return
    if (ref.rel and ref.rel[1] < 0) or ref.mod == "last":
        ref.past = True
        return
    if ref.mod in ("dateline", "current"):
        return
    before, after = _clause_around(text, ref)
    lead = re.match(r"(?:[A-Za-z]+[^\S\n]+)*", ref.text).group()  # "By ", "in late "
    if cues["since"] is not None and (cues["since"].search(before) or cues["since"].search(lead)):
        ref.past = True
        return
    limit = cues["boundary"] is not None and bool(
        cues["boundary"].search(before) or cues["boundary"].search(lead))
    event = cues["pre_before"] is not None and cues["pre_before"].search(before) \
        and cues["pre_after"].search(after)
    event = event or (cues["postnominal"] is not None and cues["postnominal"].search(before))
    stamp = _stamp(text, ref, cues)
    if stamp == "future":
        ref.future = True
        return
    if (event and not limit) or stamp:
        ref.open = True
        ref.event = bool(event and not limit)
        return
    tense = _nearest_cue(before, len(ref.text), after, cues)
    ref.open = limit or tense == "present"
    if tense == "future":
        ref.future, ref.open = True, False
    elif tense == "past" and not limit:
        ref.past = True


def _future_context(text: str, ref: Ref, fut: re.Pattern) -> bool:
    """A future cue shortly before the expression, in the same sentence ("will meet on
    Friday", "aura lieu le 3 mars"). Cues after the expression usually belong to the next
    clause, so only the 50 characters before it are read."""
    lo = max(0, ref.start - 50)
    before = text[lo:ref.start]
    # stay in the clause: stop at a sentence end or a quotation mark (the quoted words
    # have their own tense)
    cut = max(before.rfind(". "), before.rfind("\n"), before.rfind("; "),
              *(before.rfind(c) for c in "\"“”«»„。！？"))
    if cut >= 0:
        before = before[cut + 1:]
    # verb-final languages (``future_after``) put the cue after: "20 Ocak'ta yapılacak"
    after = re.split(r"[.;!?\n\"“”«»„。！？]", text[ref.end:ref.end + LANGS[ref.lang].get(
        "future_after", 0)], maxsplit=1)[0]
    return bool(fut.search(before + " " + ref.text + after))
