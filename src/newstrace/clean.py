"""Cleaning: Unicode repair and normalisation, boilerplate line removal, repeated title.

Boilerplate is found two ways, both general:
- by pattern: lines whose shape is that of page furniture in any of the supported
  languages (share counters, newsletter and subscribe prompts, comment forms, "back to
  top", advertisement markers, category/tag lines, "read also" links);
- by repetition: short lines that recur across several articles of the same outlet in
  the same run (``options.repeated_lines``, computed by the pipeline before cleaning).

Removed lines are kept on the record (``Article.boilerplate``). The clean text starts
with the title (when there is one) as its own paragraph, so that names and quotes in
titles have spans too; paragraphs are separated by a blank line.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING

from .records import Article

if TYPE_CHECKING:
    from .pipeline import PipelineOptions

__all__ = ["WALL_VOCAB", "clean", "find_wall_phrase", "fold_line", "is_boilerplate", "line_key", "normalize_text",
           "wall_kind", "wall_phrase"]

# -- patterns ---------------------------------------------------------------------------
_WORDS = {
    "subscribe": r"subscribe|sign\s*up|newsletter|abonnez[- ]vous|s'abonner|s’abonner|inscrivez[- ]vous|"
                 r"lettre d['’]information|suscr[ií]b[ae]te|suscribirse|bolet[ií]n|abonnieren|"
                 r"newsletter bestellen|iscriviti|assine",
    "comment": r"leave a (?:reply|comment)|post a comment|add a comment|your email address will not be published|"
               r"required fields are marked|laisser un commentaire|votre adresse (?:e-mail|de messagerie) ne sera pas publiée|"
               r"deja un comentario|dejar un comentario|tu dirección de correo electrónico no será publicada|"
               r"kommentar (?:schreiben|hinterlassen)|ihre e-mail-adresse wird nicht veröffentlicht|"
               r"\d+\s+comments?|commentaires?\s*\(\d+\)|"
               r"(?:you )?must be logged in to (?:post a )?comment|log in to (?:post a )?comment|"
               r"connectez-vous pour commenter|vous devez être connecté|debes iniciar sesión|"
               r"inicia sesión para comentar|sie müssen (?:angemeldet|eingeloggt) sein",
    "top": r"back to top|retour en haut|haut de page|volver arriba|ir arriba|nach oben|torna su",
    "ad": r"advertisement|advertising|sponsored(?: content)?|publicité|publicidad|anuncio|werbung|anzeige|pubblicità",
    "share": r"share(?: this)?(?: article| on \w+)?|partager(?: sur \w+)?|compartir(?: en \w+)?|teilen|tweet|"
             r"facebook|twitter|whatsapp|telegram|linkedin|e-?mail|print|imprimer|imprimir|drucken|copy link",
    "read_also": r"read (?:also|more)|related(?: articles?| stories| posts)?|see also|lire aussi|à lire aussi|"
                 r"voir aussi|lee también|leer más|te puede interesar|lesen sie auch|mehr zum thema|auch interessant",
    "tags": r"tags?|categor(?:y|ies)|filed under|topics?|mots[- ]clés|étiquettes|etiquetas|temas|schlagwörter|themen",
    "rights": r"all rights reserved|tous droits réservés|todos los derechos reservados|alle rechte vorbehalten|©",
    "cookies": r"we use cookies|this (?:site|website) uses cookies|nous utilisons des cookies|"
               r"utilizamos cookies|wir verwenden cookies|accept (?:all )?cookies",
    "updates": r"get (?:real[- ]time|the latest) (?:updates|news)|follow us on|suivez[- ]nous|síguenos|folgen sie uns|"
               r"download our app|téléchargez notre application|descarga nuestra app",
}

# A whole line that is only a marker ("- Advertisement -", "Back to top button", "Share").
_MARKER_LINE = re.compile(
    r"^[\s\-–—_*•|:>\[\(]*(?:" + "|".join(
        _WORDS[k] for k in ("top", "ad", "share", "read_also", "comment")
    ) + r")(?:\s+(?:button|link|icon|here))?[\s\-–—_*•|:<\]\)!.]*$",
    re.IGNORECASE,
)
# A line that starts with a furniture phrase and is short (prompts with a tail of words).
_PROMPT_LINE = re.compile(
    r"^\W*(?:" + "|".join(_WORDS[k] for k in ("subscribe", "comment", "cookies", "updates", "rights", "read_also")) + r")\b",
    re.IGNORECASE,
)
_PROMPT_ANYWHERE = re.compile(
    r"\b(?:" + "|".join(_WORDS[k] for k in ("subscribe", "comment", "cookies", "updates")) + r")\b",
    re.IGNORECASE,
)
# Copyright footers ("© Info-Levant – Tous droits réservés", "Copyright 2021 Daily Star").
_RIGHTS_LINE = re.compile(r"^\W{0,3}(?:©|\(c\)|copyright\b)", re.IGNORECASE)
# Section mastheads ("L'Écho des Deux Rives – Rubrique International", "Sección: Mundo").
_SECTION = re.compile(r"\b(?:rubrique|section|sección|secci[oó]n|rubrik|ressort|rubrica)\b", re.IGNORECASE)
# Share bars ("Partager : Facebook | X | WhatsApp").
_SHARE_BAR = re.compile(r"^\W*(?:" + _WORDS["share"] + r")\s*:", re.IGNORECASE)
# Newsletter prompts that name no newsletter ("Get the Ledger's morning briefing in your
# inbox", "Recibe cada mañana las noticias ...", "Recevez chaque jour nos infos").
_INBOX = re.compile(r"\b(?:inbox|in your mailbox|boîte (?:de réception|mail|aux lettres)|bandeja de entrada|"
                    r"postfach|posteingang)\b", re.IGNORECASE)
_RECEIVE_NEWS = re.compile(
    r"^\W*(?:get|receive|recevez|recibe|reciba|erhalten sie|ricevi)\b.*\b(?:news|briefing|updates|headlines|"
    r"actualités|infos|informations|noticias|titulares|nachrichten|notizie)\b", re.IGNORECASE)
_TAG_PREFIX = re.compile(r"^\W*(?:" + _WORDS["tags"] + r")\s*[:：]", re.IGNORECASE)
# Share counters and view counts: only numbers and separators ("0 1,856", "12 shares").
_COUNTER_LINE = re.compile(
    r"^[\s\d.,:/|•·kKmM+-]*\d[\s\d.,:/|•·kKmM+-]*"
    r"(?:\s*(?:shares?|views?|comments?|likes?|vues?|partages|visitas|compartidos|aufrufe|mal geteilt))?\s*$",
    re.IGNORECASE,
)
# "IraqSyria", "Politics | World | Middle East": category lines glued or pipe-separated.
_GLUED_CAPS = re.compile(r"^(?:[A-Z\u00C0-\u00DE][a-z\u00DF-\u00FF]+){2,}$")
_SEPARATED = re.compile(r"^\s*[\w\u00C0-\u024F&' -]{1,30}(?:\s*[|/•·»›>]\s*[\w\u00C0-\u024F&' -]{1,30}){1,}\s*$")

PROMPT_MAX_WORDS = 25  # a prompt line longer than this is treated as article prose


def fold_line(line: str) -> str:
    """Comparison key of a line: case, accents, quote styles and spacing folded."""
    s = unicodedata.normalize("NFKD", line.casefold())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"[’‘`´']", "'", s)
    s = re.sub(r"[“”«»„\"]", '"', s)
    return re.sub(r"\s+", " ", s).strip()


def line_key(line: str) -> str:
    return hashlib.blake2b(fold_line(line).encode("utf-8"), digest_size=8).hexdigest()


def is_boilerplate(line: str) -> str | None:
    """The pattern rule a line matches, or None. Works line by line, any language
    covered by the word tables above."""
    s = line.strip()
    if not s:
        return None
    words = s.split()
    if _COUNTER_LINE.match(s) and not re.search(r"[a-zA-Z]{4,}", s.replace("shares", "").replace("views", "")):
        return "counter"
    if _MARKER_LINE.match(s):
        return "marker"
    if _TAG_PREFIX.match(s) and len(words) <= 20:
        return "tags"
    if _RIGHTS_LINE.match(s) and len(words) <= 20:
        return "rights"
    if _SHARE_BAR.match(s) and len(words) <= 12:
        return "share"
    if len(words) <= 10 and _SECTION.search(s) and not re.search(r"[.!?]$", s):
        return "category"
    if len(words) <= PROMPT_MAX_WORDS and (_INBOX.search(s) or _RECEIVE_NEWS.match(s)):
        return "prompt"
    if len(words) <= PROMPT_MAX_WORDS and _PROMPT_LINE.match(s):
        return "prompt"
    if len(words) <= PROMPT_MAX_WORDS and _PROMPT_ANYWHERE.search(s) and not s.rstrip().endswith(("”", '"', "»")):
        # prompts ("Sign up here to get the latest news ... delivered to your inbox.")
        if re.search(r"\b(?:inbox|email|e-mail|courriel|correo|posteingang|notifications?|updates)\b", s, re.I):
            return "prompt"
    if len(words) == 1 and _GLUED_CAPS.match(s) and len(s) <= 40:
        return "category"
    if len(words) <= 12 and _SEPARATED.match(s) and not re.search(r"[.!?]$", s) and s.count("-") < 2 \
            and re.search(r"[|•·»›>]", s):
        return "category"
    return None


_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\u200c\ufeff\u2028\u2029]")


def normalize_text(s: str) -> str:
    """Repair mojibake (ftfy, quotes kept as they are), NFC, drop control and
    zero-width characters, unify line breaks and non-breaking spaces."""
    import ftfy

    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    s = ftfy.fix_text(s, uncurl_quotes=False, fix_character_width=False, fix_line_breaks=True,
                      fix_latin_ligatures=False, normalization="NFC")
    s = _CONTROL.sub("", s)
    s = s.replace("\u00a0", " ").replace("\u202f", " ")
    return unicodedata.normalize("NFC", s)


def _is_section_label(line: str) -> bool:
    """A short label above the article ("Internacional", "World News"): one to three
    capitalised words, no digits, no sentence punctuation. Only looked for before the
    first line of prose."""
    words = line.split()
    return (1 <= len(words) <= 3 and not re.search(r"[\d.!?:;,\"“”«»()]", line)
            and all(w[0].isupper() or w.lower() in {"&", "and", "et", "y", "und"} for w in words)
            and line.upper() != line)


def _same_title(line: str, title: str, raw_title: str | None) -> bool:
    fl = fold_line(line)
    return bool(fl) and fl in {fold_line(title), fold_line(raw_title or "")}


_LINE_END = re.compile(r"[.!?:;…\"”»“)\]]$")


def _hard_wrapped(lines: list[str]) -> bool:
    """True when the text is wrapped at a fixed width (lines are not paragraphs):
    most lines stop mid-sentence and have similar lengths."""
    if len(lines) < 4:
        return False
    open_ended = sum(1 for ln in lines[:-1] if not _LINE_END.search(ln))
    lengths = sorted(len(ln) for ln in lines)
    median = lengths[len(lengths) // 2]
    return open_ended >= 0.6 * (len(lines) - 1) and 30 <= median <= 100


def clean(article: Article, options: "PipelineOptions") -> Article:
    raw = normalize_text(article.raw_text)
    title = normalize_text(article.title).strip() if article.title else None
    title = re.sub(r"\s+", " ", title) if title else None
    raw_title = article.meta.get("raw_title")
    repeated = options.repeated_lines.get(article.outlet or "", frozenset()) if options.repeated_lines else frozenset()

    lines = [ln.strip() for ln in raw.split("\n")]
    keep: list[str | None] = []  # None marks a paragraph break
    removed: list[str] = []
    # each line's key once, and none without repeated lines to find (most outlets of a run)
    keys = {ln: line_key(ln) for ln in lines if ln} if repeated else {}
    rep_hits = [ln for ln in lines if ln and keys[ln] in repeated] if repeated else []
    nonempty = sum(1 for ln in lines if ln)
    # A near-copy republished by the same outlet repeats most of its lines: then the
    # repetition rule would eat the article, so it is not applied.
    use_repetition = bool(rep_hits) and len(rep_hits) <= max(2, nonempty // 2)
    first_content_seen = False
    in_header = True  # before the first line of prose
    for ln in lines:
        if not ln:
            keep.append(None)
            continue
        if is_boilerplate(ln) or (use_repetition and keys[ln] in repeated and len(ln.split()) <= 40):
            removed.append(ln)
            continue
        if in_header and _is_section_label(ln) and not (title and _same_title(ln, title, raw_title)):
            removed.append(ln)
            continue
        if len(ln.split()) >= 8:
            in_header = False
        if not first_content_seen:
            first_content_seen = True
            if title and _same_title(ln, title, raw_title):
                # not boilerplate, but not text either: kept on the record's metadata
                article.meta["title_repeated_in_body"] = ln
                continue
        keep.append(ln)

    paragraphs: list[str] = []
    if _hard_wrapped([k for k in keep if k]):
        buf: list[str] = []
        for item in keep + [None]:
            if item is None:
                if buf:
                    paragraphs.append(" ".join(buf))
                    buf = []
            else:
                buf.append(item)
    else:  # one line, one paragraph
        paragraphs = [k for k in keep if k]
    if title:
        paragraphs.insert(0, title)
    wall = wall_kind(raw, title)
    if wall:
        article.meta["wall"] = wall  # shown with the article; the story stage reads its headline only
    else:
        article.meta.pop("wall", None)
    article.title = title
    article.text = "\n\n".join(paragraphs)
    article.boilerplate = removed
    return article


# -- walls ------------------------------------------------------------------------------
#: What a scraper gets instead of the article: a paywall or subscription prompt, a login
#: form, a cookie-consent page, an ad-blocker wall, a bot check or rate limit, a copyright
#: or disclaimer notice, an error page. The vocabulary per language (any table matches any text: a wall is often in
#: another language than the article, and language identification of a wall is noise);
#: a phrase, not a single common word, wherever a word has an ordinary news sense
#: ("subscribers" of a channel, a "login" data leak).
WALL_VOCAB: dict[str, dict[str, str]] = {
    "paywall": {
        "en": r"subscri(?:be|ber|bers|ption)\b|unlimited (?:digital )?access|free (?:articles?|stories) (?:left|remaining)|"
              r"(?:reached|exceeded) (?:the|your) (?:limit|maximum)|limit (?:for|of) free|premium (?:content|article)|"
              r"already a subscriber|continue reading",
        "de": r"abonn(?:ent|entin|enten|ieren|ement)|\babo\b|abo-?(?:angebot|modell)|weiterlesen mit|"
              r"kostenlos(?:e)? (?:testen|artikel)|plus-artikel|freigeschaltet",
        "es": r"suscr[ií](?:be|bete|birse|ptor|ptores|pción)|acceso ilimitado|contenido exclusivo para",
        "fr": r"abonn(?:é|ez|ement)|réservé aux abonnés|accès illimité",
        "it": r"abbonat[oi]|abbonamento|accesso illimitato",
        "pl": r"prenumerat|subskrypc|dostęp (?:do treści|nieograniczony)|wykup(?:ić)? dostęp",
        "tr": r"abone ol|aboneli[kğ]|sınırsız erişim",
        "ar": r"اشترك|الاشتراك|للمشتركين",
        "ru": r"подпис(?:ка|ку|чик)|оформите подписку",
    },
    "login": {
        "en": r"\blog ?in\b|\blog out\b|sign ?in\b|sign ?up\b|\bregister\b|password|username|create (?:an|your) account",
        "de": r"\banmelden\b|angemeldete?\b|einloggen|\bregistrieren\b|passwort|benutzername|\bkonto erstellen|"
              r"pflichtfeld|(?:zugang zum|digitalen) archiv",
        "es": r"iniciar sesión|inicia sesión|contraseña|regístrate|nombre de usuario",
        "fr": r"se connecter|connectez-vous|mot de passe|identifiant|créer un compte",
        "it": r"accedi|registrati|nome utente",
        "pl": r"zaloguj|hasło|zarejestruj|nazwa użytkownika",
        "tr": r"giriş yap|üye ol|şifre|kullanıcı adı",
        "ar": r"تسجيل الدخول|كلمة المرور|اسم المستخدم",
        "ru": r"войти|пароль|зарегистрир",
    },
    "consent": {
        "all": r"cookie|çerez|ciasteczk|ملفات تعريف الارتباط|куки",
        "en": r"privacy (?:policy|notice|settings)|(?:your|give) consent|personal data|our (?:web)?site|third[- ]part",
        "de": r"datenschutz|einwillig|zustimm|einverstanden|unsere[rn]? (?:web)?seite|werbenetzwerk|personenbezogene",
        "es": r"privacidad|consentimiento|nuestro sitio|datos personales",
        "fr": r"confidentialité|consentement|notre site|données personnelles",
        "pl": r"prywatno|zgod[aęy]\b|witryn|przetwarzani[ae] danych|zaakceptuj|dan(?:e|ych) osobow|ochron\w* danych|"
              r"gromadzonych danych|nasz(?:ego|ej|ym) (?:serwis|portal)",
        "tr": r"gizlilik|kişisel veri|sitemiz",
        "ar": r"سياسة الخصوصية",
    },
    "adblock": {
        "all": r"ad[- ]?block|ublock|werbeblocker|bloqueur de pub|bloqueador de anuncios|blocco (?:degli )?annunci|"
               r"reklam engelleyici|blokowani[ae] reklam|blocking ads",
    },
    "robot": {
        "all": r"(?:i'?m|i am) not a robot|nie jestem robotem|je ne suis pas un robot|no soy un robot|"
               r"ich bin kein roboter|non sono un robot|robot değilim|لست روبوت|captcha|"
               r"\bIP address\b|adres(?:u|ie)? IP|IP-Adresse|dirección IP|unusual traffic|"
               r"ogromn[aą] (?:ilość|liczbę) połączeń",
    },
    "notice": {  # a copyright line or a syndicator's disclaimer where the text should be
        "en": r"all rights reserved|may not be (?:published|reproduced|redistributed)|without (?:prior )?(?:written )?"
              r"permission|disclaimer",
        "de": r"alle rechte vorbehalten|haftungsausschluss",
        "es": r"todos los derechos reservados|aviso legal",
        "fr": r"tous droits réservés|avertissement juridique",
        "ar": r"جميع الحقوق محفوظة|دون أي تعهدات|إخلاء (?:لمسؤوليتنا|المسؤولية|مسؤولية)|مزود المقال",
    },
    "error": {
        "en": r"page (?:not found|cannot be found|you requested)|(?:404|403)\b|no longer available|"
              r"something went wrong|access denied",
        "de": r"seite (?:nicht gefunden|existiert nicht)|nicht mehr verfügbar|zugriff verweigert",
        "es": r"página no (?:encontrada|existe)|ya no está disponible",
        "fr": r"page (?:introuvable|non trouvée)|n'est plus disponible",
        "pl": r"strona nie (?:istnieje|została znaleziona)|nie jest już dostępn",
        "tr": r"sayfa bulunamadı|artık mevcut değil",
        "ar": r"الصفحة غير موجودة|الصفحة المطلوبة",
    },
}
_WALL_RE = {kind: re.compile("|".join(f"(?:{p})" for p in tab.values()), re.IGNORECASE)
            for kind, tab in WALL_VOCAB.items()}
# every kind's phrases in one pattern: the leftmost wall phrase of any kind (``find_wall_phrase``)
_WALL_ANY = re.compile("|".join(f"(?:{p})" for tab in WALL_VOCAB.values() for p in tab.values()), re.IGNORECASE)
#: A wall is short: at most this many words besides the headline (the longest wall page of
#: the SemEval training articles, a cookie-consent page, has ~110; articles that keep a wall
#: *beside* the text are longer and keep their text, ``storyfeatures.story_text``).
WALL_MAX_WORDS = 200
#: ... and dominated by that vocabulary: at least this share of its words are in sentences
#: that name a wall phrase (half: more wall than anything else), and it names at least
#: ``WALL_MIN_HITS`` of them (a wall repeats its vocabulary; one word of it in a long
#: run-on sentence is a topic, such as an article on privacy). Not fitted.
WALL_SHARE = 0.5
WALL_MIN_HITS = 2
_SEGMENT = re.compile(r"\n+|(?<=[.!?…])\s+|(?<=[^\W\d_]{2}[.!?])(?=[^\W\d_])|\s{2,}")


def wall_phrase(line: str) -> bool:
    """True when ``line`` names a wall phrase (``WALL_VOCAB``)."""
    return find_wall_phrase(line) is not None


def find_wall_phrase(text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
    """The leftmost wall phrase (``WALL_VOCAB``, any kind) in ``text[pos:endpos]``, or None."""
    return _WALL_ANY.search(text, pos, len(text) if endpos is None else endpos)


def wall_kind(text: str, title: str | None = None) -> str | None:
    """The kind of wall (a key of ``WALL_VOCAB``) that ``text`` is instead of an article,
    or None. ``title``: the article's headline (not counted: a wall keeps the real
    headline above it); without one, a first line free of wall phrases is taken as the
    headline."""
    body = (text or "").strip()
    if title:
        t = title.strip()
        if body.startswith(t):
            body = body[len(t):]
    else:
        first, _, rest = body.partition("\n")
        if rest.strip() and not wall_phrase(first):
            body = rest
    if len(body.split()) > WALL_MAX_WORDS:  # most texts: no segmenting
        return None
    segs = [s for s in _SEGMENT.split(body) if s and s.strip()]
    total = sum(len(s.split()) for s in segs)
    if not total or total > WALL_MAX_WORDS:
        return None
    walled = 0
    hits: Counter[str] = Counter()
    for s in segs:
        kinds = [k for k, r in _WALL_RE.items() if r.search(s)]
        if kinds:
            walled += len(s.split())
            for k in kinds:
                hits[k] += len(_WALL_RE[k].findall(s))
    if walled < WALL_SHARE * total or sum(hits.values()) < WALL_MIN_HITS:
        return None
    return min(hits, key=lambda k: (-hits[k], list(WALL_VOCAB).index(k)))
