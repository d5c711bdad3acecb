"""Internal data for `newstrace.dates`: terms that date a text ("era anchors").

Vocabulary dating (de Jong et al. 2005; Kanhabua & Nørvåg 2008; Chambers 2012) uses
words whose use begins (or ends) at a known time. Here that knowledge is an explicit,
reviewable table of public facts, not a trained model: names of organisations and
things that did not exist before a date (ISIL, COVID-19, Brexit, the Syrian Democratic
Forces...) and office holders named with their title ("President Obama": 2009-2017).
Each entry gives the interval in which publication is possible and why; entries are
added here (the patterns are compiled once, on first use). Anchor ids start with the
office's country or body ("us_", "fr_", "un_", "pope_"): holders of one office share it.

Patterns are regular expressions, matched in any language (names of organisations are
given in en, fr, es and de). Office holders are matched only after a title (on the same
line) and not after "former", "ex-", "Vice", "a", "ancien", "ehemalige" ...; their
interval ends at the end of the term plus `newstrace.dates.ERA_GRACE_DAYS`. The offices
are the id prefix plus the title ("us" + "president"): when a text names several holders
of one office with the title, the earlier ones are history ("adviser to President Bill
Clinton" in a text that also names "President Obama") and only the latest dates it.
"""
from __future__ import annotations

__all__ = ["ANCHORS", "HISTORY_PREFIX", "HISTORY_SUFFIX", "NOVELTY_PREFIX", "NEGATIVE_PREFIX",
           "TITLES"]

# A term introduced by "new"/"novel" is young: see NOVELTY_MAX_DAYS in newstrace.dates.
NOVELTY_PREFIX = r"(?i:\b(?:new|novel|nouveau|nouvelle|nuevo|nueva|neue[nmrs]?|neuartige[nmrs]?)\s+)$"
# An office holder named as a former, past or possible holder ("former Republican
# President George W. Bush", "the first President Bush", "a President Trump", "would-be
# president Donald Trump"), or the title as part of another one ("Vice President Joe
# Biden"), does not date the text to the term. One word (a party, a nationality) may
# stand between the qualifier and the title.
NEGATIVE_PREFIX = (r"(?i:\b(?:former|ex|late|then|first|previous|past|onetime|one-time|"
                   r"erstwhile|vice|deputy|a|an|would-be|future|"
                   r"potential|possible|prospective|hypothetical|"
                   r"ancien|ancienne|feu|l'ex|exPresidente|"
                   r"expresidente|ex presidente|antiguo|ehemalige[nmrs]?|früher(?:e[nmrs]?)?|"
                   r"damalige[nmrs]?|Alt|vice-?presidente|vizepräsident(?:en)?)\b"
                   r"[\s-]*(?:U\.?S\.?\s+|US-|[A-Za-zÀ-ÿ]+\s+)?)$")

# An office holder named only as the point of reference of a period or of a post
# ("under President Bill Clinton", "an adviser to President George W. Bush", "appointed
# by", "the administration of", "during President Clinton's tenure") may be history:
# such mentions alone date the text only after the start of the term. One mention outside
# these frames ("President Obama said", "a letter to President Obama") dates it to the term.
HISTORY_PREFIX = (r"(?i:\b(?:under|during|(?:advis[eo]rs?|aides?|speechwriters?|officials?|"
                  r"agents?|appointees?|secretary|spokes(?:man|woman))\s+(?:to|for|in|of|under)|"
                  r"(?:appointed|nominated|named|picked)(?:\s+[\w-]+){0,4}\s+by|"
                  r"(?:administration|agenda|presidency|era|tenure|term|impeachment)\s+of|"
                  r"sous|durant|pendant|bajo|durante|unter|während)\s+(?:the\s+|le\s+|la\s+|"
                  r"el\s+|dem\s+)?)$")
HISTORY_SUFFIX = (r"^(?:['’]s?\s+(?:\w+\s+)?(?:administration|tenure|term|terms|presidency|"
                  r"era|years|time|days|government|cabinet|aides?|advisers?|"
                  r"legacy|White House)|\s+(?:in|during)\s+the\s+(?:19|20)\d0s|"
                  r"\s+administration)\b")

TITLES = {
    "president": r"(?:President|president|Président|président|Presidente|presidente|"
                 r"Präsident(?:en)?|Staatspräsident(?:en)?|Staatschef|[Pp]rezydent(?:a|em)?|"
                 r"Cumhurbaşkanı)",
    "chancellor": r"(?:Chancellor|chancellor|Chancelière|chancelière|Chancelier|chancelier|"
                  r"Canciller|canciller|Bundeskanzlerin|Bundeskanzler|Kanzlerin|Kanzler)",
    "prime_minister": r"(?:Prime Minister|prime minister|PM|Premier ministre|premier ministre|"
                      r"Primer Ministro|primer ministro|presidente del Gobierno|"
                      r"jefe del Gobierno|Premierministerin|Premierminister|"
                      r"Ministerpräsident(?:in)?|Regierungschef(?:in)?|[Pp]remier(?:a|em)?|Başbakan|"
                      r"[Pp]residente del Consiglio)",
    "secretary_general": r"(?:Secretary[- ]General|secretary[- ]general|secrétaire général|"
                         r"Secrétaire général|secretario general|Secretario General|"
                         r"Generalsekretär)",
    "pope": r"(?:Pope|pope|[Pp]ape|[Pp]apa|Papst)",
    "vice_president": r"(?:Vice[- ]President|vice[- ]president|[Vv]ice-président|"
                      r"[Vv]icepresidente|Vizepräsident(?:en)?)",
    "secretary_of_state": r"(?:Secretary of State|secretary of state|"
                          r"secrétaire d['’]État américain|[Ss]ecretario de Estado|"
                          r"US-Außenminister(?:in)?)",
    "president_elect": r"(?:President-elect|president-elect|[Pp]résident élu|"
                       r"[Pp]residente electo|designierte[nr]? (?:US-)?Präsident(?:en)?)",
    # offices below the head of government that news names with the title every day
    "speaker": r"(?:House Speaker|Speaker of the House|Speaker|[Pp]résidente? de la Chambre des "
               r"représentants|[Pp]residente? de la Cámara de Representantes|"
               r"Sprecher(?:in)? des (?:US-)?Repräsentantenhauses)",
    "attorney_general": r"(?:Attorney General|attorney general|US-Justizminister(?:in)?|"
                        r"[Ff]iscal [Gg]eneral de (?:EE\.? ?UU\.?|Estados Unidos))",
    "majority_leader": r"(?:Senate Majority Leader|Majority Leader|majority leader)",
    "minority_leader": r"(?:Senate Minority Leader|House Minority Leader|Minority Leader|"
                       r"minority leader)",
    "fbi_director": r"(?:FBI [Dd]irector|[Dd]irecteur du FBI|[Dd]irector del FBI|FBI-(?:Direktor|Chef)(?:in)?)",
    "fed_chair": r"(?:(?:Fed|Federal Reserve) (?:[Cc]hair(?:man|woman)?)|Fed-Chef(?:in)?|"
                 r"[Pp]résidente? de la (?:Fed|Réserve fédérale)|[Pp]residente? de la (?:Fed|Reserva Federal))",
    "treasury_secretary": r"(?:Treasury Secretary|treasury secretary|Secretary of the Treasury|"
                          r"[Ss]ecrétaire au Trésor|[Ss]ecretario del Tesoro|US-Finanzminister(?:in)?)",
    "defense_secretary": r"(?:Defen[cs]e Secretary|defen[cs]e secretary|Secretary of Defen[cs]e|"
                         r"secretary of defen[cs]e|[Ss]ecrétaire à la Défense|[Ss]ecretario de Defensa|"
                         r"US-Verteidigungsminister(?:in)?)",
}

# (id, title key or None, pattern, [(start, end or None)], why)
ANCHORS: list[tuple[str, str | None, str, list[tuple[str, str | None]], str]] = [
    # --- organisations, movements, things with a known first use
    ("isil", None, r"\bISIL\b|\bISIS\b|\bDa(?:'|e)e?sc?h\b|\bDaech\b|"
     r"Islamic State of Iraq and (?:the )?(?:Levant|Syria|al-Sham)|"
     r"[EÉ]tat islamique en Irak et au Levant|Estado Isl[áa]mico (?:de|en) Irak y (?:el )?Levante|"
     r"Islamische[nr]? Staat(?:es)? im Irak und (?:in )?(?:Syrien|der Levante)",
     [("2013-04-08", None)], "ISIL/Daesh was proclaimed on 8 April 2013"),
    ("islamic_state", None, r"\bIslamic State\b|[EÉ]tat islamique|Estado Isl[áa]mico|"
     r"Islamische[nr]? Staat", [("2006-10-15", None)],
     "the 'Islamic State of Iraq' was proclaimed on 15 October 2006"),
    ("pmu", None, r"Popular Mobili[sz]ation (?:Units|Forces|Committee)|Hashd\b|Hachd\b|"
     r"Unités de mobilisation populaire|Unidades de Movilización Popular|"
     r"Volksmobilisierung", [("2014-06-13", None)],
     "the Popular Mobilisation Units (Hashd al-Sha'abi) were formed after the fatwa of 13 June 2014"),
    ("sdf", None, r"Syrian Democratic Forces|Forces démocratiques syriennes|"
     r"Fuerzas Democráticas (?:de )?Sirias?|Demokratischen? Kräfte Syriens",
     [("2015-10-10", None)], "the Syrian Democratic Forces were founded on 10 October 2015"),
    ("hts", None, r"Hay(?:['a]|')at Tahrir al-(?:Sham|Cham)|Haiat Tahrir asch-Scham",
     [("2017-01-28", None)], "Hayat Tahrir al-Sham was formed on 28 January 2017"),
    ("wagner", None, r"Wagner Group|groupe Wagner|Grupo Wagner|Wagner-Gruppe",
     [("2014-05-01", None)], "the Wagner Group appeared in 2014"),
    ("covid", None, r"(?i:\bcovid(?:-?19)?\b)|SARS-CoV-2", [("2020-02-11", None)],
     "the WHO named COVID-19 (and SARS-CoV-2 was named) on 11 February 2020"),
    ("covid_pandemic", None, r"(?i:(?:corona(?:virus)?|covid(?:-?19)?)[ -]?pandemi[ec]|"
     r"pandemic of (?:the )?(?:new |novel )?(?:coronavirus|covid)|"
     r"pandémie (?:de |du )(?:nouveau )?(?:coronavirus|covid)|"
     r"pandemia (?:de |del )(?:nuevo )?(?:coronavirus|covid)|"
     r"(?:corona|covid)(?:virus)?-pandemie)", [("2020-03-11", None)],
     "the WHO declared the coronavirus pandemic on 11 March 2020"),
    ("brexit", None, r"\bBrexit\b", [("2012-05-15", None)], "the word 'Brexit' was coined in May 2012"),
    ("arab_spring", None, r"Arab Spring|[Pp]rintemps arabe|[Pp]rimavera [áa]rabe|"
     r"Arabische[nr]? Frühling", [("2011-01-14", None)],
     "the Arab Spring began in December 2010 and was named in January 2011"),
    ("sept11", None, r"September 11(?:th)? attacks|\b9/11\b|attentats du 11[ -]septembre|"
     r"atentados del 11[ -]S|atentados del 11 de septiembre|Anschläge vom 11\. September",
     [("2001-09-11", None)], "the attacks of 11 September 2001"),
    ("euromaidan", None, r"Euroma[iï]d[aá]n", [("2013-11-21", None)],
     "the Euromaidan protests began on 21 November 2013"),
    ("crimea", None, r"annexation of Crimea|annexion de la Crimée|anexión de Crimea|"
     r"Annexion der Krim", [("2014-03-18", None)], "Russia annexed Crimea on 18 March 2014"),
    ("full_scale_invasion", None, r"full-scale invasion|invasion à grande échelle|"
     r"invasión a gran escala|großangelegten? Invasion|vollumfängliche[nr]? Invasion",
     [("2022-02-24", None)], "Russia's full-scale invasion of Ukraine began on 24 February 2022"),
    ("metoo", None, r"#?MeToo\b", [("2017-10-15", None)], "the #MeToo hashtag spread from 15 October 2017"),
    ("gilets_jaunes", None, r"mouvement des gilets jaunes|\bGilets jaunes\b|yellow vest (?:movement|protest)|"
     r"\bGelbwesten\b|chalecos amarillos", [("2018-10-10", None)],
     "the yellow-vest movement began in October 2018"),
    ("fff", None, r"Fridays for Future|Greta Thunberg", [("2018-08-20", None)],
     "Greta Thunberg's school strike began on 20 August 2018"),
    ("twitter", None, r"\bTwitter\b|\btweet(?:ed|s)?\b", [("2006-03-21", None)],
     "Twitter launched in March 2006"),
    ("facebook", None, r"\bFacebook\b", [("2004-02-04", None)], "Facebook launched on 4 February 2004"),
    ("youtube", None, r"\bYouTube\b", [("2005-02-14", None)], "YouTube launched in February 2005"),
    ("iphone", None, r"\biPhone\b", [("2007-01-09", None)], "the iPhone was announced on 9 January 2007"),
    ("instagram", None, r"\bInstagram\b", [("2010-10-06", None)], "Instagram launched on 6 October 2010"),
    ("whatsapp", None, r"\bWhatsApp\b", [("2009-02-24", None)], "WhatsApp was founded in February 2009"),
    ("tiktok", None, r"\bTikTok\b", [("2016-09-20", None)], "TikTok (Douyin) launched in September 2016"),
    ("chatgpt", None, r"\bChatGPT\b", [("2022-11-30", None)], "ChatGPT was released on 30 November 2022"),
    ("bitcoin", None, r"\b[Bb]itcoins?\b", [("2008-10-31", None)], "the Bitcoin paper appeared on 31 October 2008"),
    # --- office holders (title + name)
    ("us_clinton", "president", r"(?:Bill\s+)?Clinton", [("1993-01-20", "2001-01-20")], "Bill Clinton's presidency"),
    ("us_bush", "president", r"(?:George\s+(?:W\.?\s+|H\.?\s*W\.?\s+)?)?Bush",
     [("1989-01-20", "1993-01-20"), ("2001-01-20", "2009-01-20")], "the Bush presidencies"),
    ("us_obama", "president", r"(?:Barack\s+)?Obama", [("2009-01-20", "2017-01-20")], "Barack Obama's presidency"),
    ("us_trump", "president", r"(?:Donald\s+(?:J\.\s+)?)?Trump",
     [("2017-01-20", "2021-01-20"), ("2025-01-20", None)], "Donald Trump's presidencies"),
    ("us_biden", "president", r"(?:Joe\s+)?Biden", [("2021-01-20", "2025-01-20")], "Joe Biden's presidency"),
    ("fr_chirac", "president", r"(?:Jacques\s+)?Chirac", [("1995-05-17", "2007-05-16")], "Jacques Chirac's presidency"),
    ("fr_sarkozy", "president", r"(?:Nicolas\s+)?Sarkozy", [("2007-05-16", "2012-05-15")], "Nicolas Sarkozy's presidency"),
    ("fr_hollande", "president", r"(?:François\s+)?Hollande", [("2012-05-15", "2017-05-14")], "François Hollande's presidency"),
    ("fr_macron", "president", r"(?:Emmanuel\s+)?Macron", [("2017-05-14", None)], "Emmanuel Macron's presidency"),
    ("ru_putin", "president", r"(?:Vladimir\s+|Wladimir\s+)?(?:Putin|Poutine)",
     [("1999-12-31", "2008-05-07"), ("2012-05-07", None)], "Vladimir Putin's presidencies"),
    ("ru_medvedev", "president", r"(?:Dmitry\s+|Dmitri\s+)?(?:Medvedev|Medwedew|Medvédev)",
     [("2008-05-07", "2012-05-07")], "Dmitry Medvedev's presidency"),
    ("ua_zelensky", "president", r"(?:Volodymyr\s+|Wolodymyr\s+)?(?:Zelenskyy?|Zelensky|Zelenski|Selenskyj)",
     [("2019-05-20", None)], "Volodymyr Zelensky's presidency"),
    ("ir_ahmadinejad", "president", r"(?:Mahmoud\s+)?Ahmadinejad|Ahmadinedschad",
     [("2005-08-03", "2013-08-03")], "Mahmoud Ahmadinejad's presidency"),
    ("ir_rouhani", "president", r"(?:Hassan\s+)?(?:Rouhani|Rohani|Ruhani)",
     [("2013-08-03", "2021-08-03")], "Hassan Rouhani's presidency"),
    ("ir_raisi", "president", r"(?:Ebrahim\s+)?(?:Ra[iï]s[iíy]|Raïssi)",
     [("2021-08-03", "2024-05-19")], "Ebrahim Raisi's presidency"),
    ("sy_assad", "president", r"(?:Bashar\s+|Bachar\s+|Baschar\s+)?(?:al-|el-)?Assad",
     [("2000-07-17", "2024-12-08")], "Bashar al-Assad's presidency"),
    ("de_schroeder", "chancellor", r"(?:Gerhard\s+)?Schr(?:ö|oe)der", [("1998-10-27", "2005-11-22")], "Gerhard Schröder's chancellorship"),
    ("de_merkel", "chancellor", r"(?:Angela\s+)?Merkel", [("2005-11-22", "2021-12-08")], "Angela Merkel's chancellorship"),
    ("de_scholz", "chancellor", r"(?:Olaf\s+)?Scholz", [("2021-12-08", "2025-05-06")], "Olaf Scholz's chancellorship"),
    ("de_merz", "chancellor", r"(?:Friedrich\s+)?Merz", [("2025-05-06", None)], "Friedrich Merz's chancellorship"),
    ("uk_blair", "prime_minister", r"(?:Tony\s+)?Blair", [("1997-05-02", "2007-06-27")], "Tony Blair's premiership"),
    ("uk_brown", "prime_minister", r"Gordon\s+Brown", [("2007-06-27", "2010-05-11")], "Gordon Brown's premiership"),
    ("uk_cameron", "prime_minister", r"(?:David\s+)?Cameron", [("2010-05-11", "2016-07-13")], "David Cameron's premiership"),
    ("uk_may", "prime_minister", r"Theresa\s+May", [("2016-07-13", "2019-07-24")], "Theresa May's premiership"),
    ("uk_johnson", "prime_minister", r"Boris\s+Johnson", [("2019-07-24", "2022-09-06")], "Boris Johnson's premiership"),
    ("uk_sunak", "prime_minister", r"(?:Rishi\s+)?Sunak", [("2022-10-25", "2024-07-05")], "Rishi Sunak's premiership"),
    ("uk_starmer", "prime_minister", r"(?:Keir\s+)?Starmer", [("2024-07-05", None)], "Keir Starmer's premiership"),
    ("es_aznar", "prime_minister", r"(?:José María\s+)?Aznar", [("1996-05-05", "2004-04-17")], "José María Aznar's premiership"),
    ("es_zapatero", "prime_minister", r"(?:José Luis\s+)?(?:Rodríguez\s+)?Zapatero", [("2004-04-17", "2011-12-21")], "José Luis Rodríguez Zapatero's premiership"),
    ("es_rajoy", "prime_minister", r"(?:Mariano\s+)?Rajoy", [("2011-12-21", "2018-06-02")], "Mariano Rajoy's premiership"),
    ("es_sanchez", "prime_minister", r"Pedro\s+S[áa]nchez", [("2018-06-02", None)], "Pedro Sánchez's premiership"),
    ("iq_maliki", "prime_minister", r"(?:Nouri\s+|Nuri\s+)?(?:al-)?Maliki", [("2006-05-20", "2014-09-08")], "Nouri al-Maliki's premiership"),
    ("iq_abadi", "prime_minister", r"(?:Haider\s+)?(?:al-)?Abadi", [("2014-09-08", "2018-10-25")], "Haider al-Abadi's premiership"),
    ("iq_abdulmahdi", "prime_minister", r"(?:Adel\s+)?Abd(?:ul|el|ul-|el-|ol)[ -]?Mahdi", [("2018-10-25", "2020-05-07")], "Adil Abdul-Mahdi's premiership"),
    ("iq_kadhimi", "prime_minister", r"(?:Mustafa\s+)?(?:al-)?K[ae]dh?imi", [("2020-05-07", "2022-10-27")], "Mustafa al-Kadhimi's premiership"),
    ("iq_sudani", "prime_minister", r"(?:Mohammed\s+Shia\s+)?(?:al-)?Sudani|Soudani", [("2022-10-27", None)], "Mohammed Shia al-Sudani's premiership"),
    ("il_netanyahu", "prime_minister", r"(?:Benjamin\s+)?Netanyahu|Netanjahu|Netanyahou",
     [("1996-06-18", "1999-07-06"), ("2009-03-31", "2021-06-13"), ("2022-12-29", None)], "Benjamin Netanyahu's premierships"),
    ("il_bennett", "prime_minister", r"(?:Naftali\s+)?Bennett", [("2021-06-13", "2022-07-01")], "Naftali Bennett's premiership"),
    ("un_annan", "secretary_general", r"(?:Kofi\s+)?Annan", [("1997-01-01", "2006-12-31")], "Kofi Annan's term as UN Secretary-General"),
    ("un_ban", "secretary_general", r"Ban Ki-?moon", [("2007-01-01", "2016-12-31")], "Ban Ki-moon's term as UN Secretary-General"),
    ("un_guterres", "secretary_general", r"(?:António\s+|Antonio\s+)?Guterres", [("2017-01-01", None)], "António Guterres's term as UN Secretary-General"),
    ("us_gore", "vice_president", r"(?:Al\s+)?Gore", [("1993-01-20", "2001-01-20")], "Al Gore's vice presidency"),
    ("us_cheney", "vice_president", r"(?:Dick\s+)?Cheney", [("2001-01-20", "2009-01-20")], "Dick Cheney's vice presidency"),
    ("us_biden", "vice_president", r"(?:Joe\s+)?Biden", [("2009-01-20", "2017-01-20")], "Joe Biden's vice presidency"),
    ("us_pence", "vice_president", r"(?:Mike\s+)?Pence", [("2017-01-20", "2021-01-20")], "Mike Pence's vice presidency"),
    ("us_harris", "vice_president", r"(?:Kamala\s+)?Harris", [("2021-01-20", "2025-01-20")], "Kamala Harris's vice presidency"),
    ("us_vance", "vice_president", r"(?:J\.?\s*D\.?\s+)?Vance", [("2025-01-20", None)], "JD Vance's vice presidency"),
    ("us_albright", "secretary_of_state", r"(?:Madeleine\s+)?Albright", [("1997-01-23", "2001-01-20")], "Madeleine Albright's term as US Secretary of State"),
    ("us_powell", "secretary_of_state", r"(?:Colin\s+)?Powell", [("2001-01-20", "2005-01-26")], "Colin Powell's term as US Secretary of State"),
    ("us_rice", "secretary_of_state", r"(?:Condoleezza\s+)?Rice", [("2005-01-26", "2009-01-21")], "Condoleezza Rice's term as US Secretary of State"),
    ("us_hclinton", "secretary_of_state", r"(?:Hillary\s+(?:Rodham\s+)?)?Clinton", [("2009-01-21", "2013-02-01")], "Hillary Clinton's term as US Secretary of State"),
    ("us_kerry", "secretary_of_state", r"(?:John\s+)?Kerry", [("2013-02-01", "2017-01-20")], "John Kerry's term as US Secretary of State"),
    ("us_tillerson", "secretary_of_state", r"(?:Rex\s+)?Tillerson", [("2017-02-01", "2018-03-31")], "Rex Tillerson's term as US Secretary of State"),
    ("us_pompeo", "secretary_of_state", r"(?:Mike\s+)?Pompeo", [("2018-04-26", "2021-01-20")], "Mike Pompeo's term as US Secretary of State"),
    ("us_blinken", "secretary_of_state", r"(?:Antony\s+|Tony\s+)?Blinken", [("2021-01-26", "2025-01-20")], "Antony Blinken's term as US Secretary of State"),
    ("us_rubio", "secretary_of_state", r"Marco\s+Rubio", [("2025-01-21", None)], "Marco Rubio's term as US Secretary of State"),
    # heads of state and government of more countries and unions
    ("ca_harper", "prime_minister", r"(?:Stephen\s+)?Harper", [("2006-02-06", "2015-11-04")], "Stephen Harper's premiership"),
    ("ca_trudeau", "prime_minister", r"(?:Justin\s+)?Trudeau", [("2015-11-04", "2025-03-14")], "Justin Trudeau's premiership"),
    ("au_howard", "prime_minister", r"John\s+Howard", [("1996-03-11", "2007-12-03")], "John Howard's premiership"),
    ("au_rudd", "prime_minister", r"(?:Kevin\s+)?Rudd", [("2007-12-03", "2010-06-24"), ("2013-06-27", "2013-09-18")], "Kevin Rudd's premierships"),
    ("au_gillard", "prime_minister", r"(?:Julia\s+)?Gillard", [("2010-06-24", "2013-06-27")], "Julia Gillard's premiership"),
    ("au_abbott", "prime_minister", r"Tony\s+Abbott", [("2013-09-18", "2015-09-15")], "Tony Abbott's premiership"),
    ("au_turnbull", "prime_minister", r"(?:Malcolm\s+)?Turnbull", [("2015-09-15", "2018-08-24")], "Malcolm Turnbull's premiership"),
    ("au_morrison", "prime_minister", r"Scott\s+Morrison", [("2018-08-24", "2022-05-23")], "Scott Morrison's premiership"),
    ("au_albanese", "prime_minister", r"(?:Anthony\s+)?Albanese", [("2022-05-23", None)], "Anthony Albanese's premiership"),
    ("it_berlusconi", "prime_minister", r"(?:Silvio\s+)?Berlusconi", [("1994-05-10", "1995-01-17"), ("2001-06-11", "2006-05-17"), ("2008-05-08", "2011-11-16")], "Silvio Berlusconi's premierships"),
    ("it_monti", "prime_minister", r"Mario\s+Monti", [("2011-11-16", "2013-04-28")], "Mario Monti's premiership"),
    ("it_letta", "prime_minister", r"Enrico\s+Letta", [("2013-04-28", "2014-02-22")], "Enrico Letta's premiership"),
    ("it_renzi", "prime_minister", r"(?:Matteo\s+)?Renzi", [("2014-02-22", "2016-12-12")], "Matteo Renzi's premiership"),
    ("it_gentiloni", "prime_minister", r"(?:Paolo\s+)?Gentiloni", [("2016-12-12", "2018-06-01")], "Paolo Gentiloni's premiership"),
    ("it_conte", "prime_minister", r"Giuseppe\s+Conte", [("2018-06-01", "2021-02-13")], "Giuseppe Conte's premiership"),
    ("it_draghi", "prime_minister", r"Mario\s+Draghi", [("2021-02-13", "2022-10-22")], "Mario Draghi's premiership"),
    ("it_meloni", "prime_minister", r"(?:Giorgia\s+)?Meloni", [("2022-10-22", None)], "Giorgia Meloni's premiership"),
    ("jp_koizumi", "prime_minister", r"(?:Junichiro\s+)?Koizumi", [("2001-04-26", "2006-09-26")], "Junichiro Koizumi's premiership"),
    ("jp_abe", "prime_minister", r"(?:Shinzo\s+)?Abe|Abe\s+Shinzo", [("2006-09-26", "2007-09-26"), ("2012-12-26", "2020-09-16")], "Shinzo Abe's premierships"),
    ("jp_suga", "prime_minister", r"(?:Yoshihide\s+)?Suga", [("2020-09-16", "2021-10-04")], "Yoshihide Suga's premiership"),
    ("jp_kishida", "prime_minister", r"(?:Fumio\s+)?Kishida", [("2021-10-04", "2024-10-01")], "Fumio Kishida's premiership"),
    ("in_msingh", "prime_minister", r"Manmohan\s+Singh", [("2004-05-22", "2014-05-26")], "Manmohan Singh's premiership"),
    ("in_modi", "prime_minister", r"(?:Narendra\s+)?Modi", [("2014-05-26", None)], "Narendra Modi's premiership"),
    ("fr_valls", "prime_minister", r"(?:Manuel\s+)?Valls", [("2014-03-31", "2016-12-06")], "Manuel Valls's premiership"),
    ("fr_philippe", "prime_minister", r"[ÉE]douard\s+Philippe", [("2017-05-15", "2020-07-03")], "Édouard Philippe's premiership"),
    ("fr_castex", "prime_minister", r"(?:Jean\s+)?Castex", [("2020-07-03", "2022-05-16")], "Jean Castex's premiership"),
    ("fr_borne", "prime_minister", r"[ÉE]lisabeth\s+Borne", [("2022-05-16", "2024-01-09")], "Élisabeth Borne's premiership"),
    ("ru_medvedevpm", "prime_minister", r"(?:Dmitry\s+|Dmitri\s+)?(?:Medvedev|Medwedew|Medvédev)", [("2012-05-08", "2020-01-16")], "Dmitry Medvedev's premiership"),
    ("tr_erdoganpm", "prime_minister", r"(?:Recep\s+Tayyip\s+)?Erdo[gğ]an", [("2003-03-14", "2014-08-28")], "Recep Tayyip Erdoğan's premiership"),
    ("tr_davutoglu", "prime_minister", r"(?:Ahmet\s+)?Davuto[gğ]lu", [("2014-08-28", "2016-05-24")], "Ahmet Davutoğlu's premiership"),
    ("tr_yildirim", "prime_minister", r"(?:Binali\s+)?Y[ıi]ld[ıi]r[ıi]m", [("2016-05-24", "2018-07-09")], "Binali Yıldırım's premiership"),
    ("pl_tusk", "prime_minister", r"(?:Donald\s+)?Tusk", [("2007-11-16", "2014-09-22"), ("2023-12-13", None)], "Donald Tusk's premierships"),
    ("pl_szydlo", "prime_minister", r"(?:Beata\s+)?Szyd[lł]o", [("2015-11-16", "2017-12-11")], "Beata Szydło's premiership"),
    ("pl_morawiecki", "prime_minister", r"(?:Mateusz\s+)?Morawiecki", [("2017-12-11", "2023-12-13")], "Mateusz Morawiecki's premiership"),
    ("nl_rutte", "prime_minister", r"(?:Mark\s+)?Rutte", [("2010-10-14", "2024-07-02")], "Mark Rutte's premiership"),
    ("cn_hu", "president", r"Hu\s+Jintao", [("2003-03-15", "2013-03-14")], "Hu Jintao's presidency"),
    ("cn_xi", "president", r"Xi\s+Jinping|Xi", [("2013-03-14", None)], "Xi Jinping's presidency"),
    ("kr_lee", "president", r"Lee\s+Myung-?bak", [("2008-02-25", "2013-02-24")], "Lee Myung-bak's presidency"),
    ("kr_park", "president", r"Park\s+Geun-?hye", [("2013-02-25", "2017-03-10")], "Park Geun-hye's presidency"),
    ("kr_moon", "president", r"Moon\s+Jae-?in|Moon", [("2017-05-10", "2022-05-10")], "Moon Jae-in's presidency"),
    ("kr_yoon", "president", r"Yoon\s+Suk-?yeol|Yoon", [("2022-05-10", "2025-04-04")], "Yoon Suk Yeol's presidency"),
    ("tr_gul", "president", r"Abdullah\s+G[üu]l", [("2007-08-28", "2014-08-28")], "Abdullah Gül's presidency"),
    ("tr_erdogan", "president", r"(?:Recep\s+Tayyip\s+)?Erdo[gğ]an", [("2014-08-28", None)], "Recep Tayyip Erdoğan's presidency"),
    ("br_lula", "president", r"(?:Luiz\s+In[áa]cio\s+)?Lula(?:\s+da\s+Silva)?", [("2003-01-01", "2011-01-01"), ("2023-01-01", None)], "Lula's presidencies"),
    ("br_rousseff", "president", r"(?:Dilma\s+)?Rousseff|Dilma", [("2011-01-01", "2016-08-31")], "Dilma Rousseff's presidency"),
    ("br_temer", "president", r"(?:Michel\s+)?Temer", [("2016-08-31", "2019-01-01")], "Michel Temer's presidency"),
    ("br_bolsonaro", "president", r"(?:Jair\s+)?Bolsonaro", [("2019-01-01", "2023-01-01")], "Jair Bolsonaro's presidency"),
    ("mx_calderon", "president", r"Felipe\s+Calder[óo]n", [("2006-12-01", "2012-11-30")], "Felipe Calderón's presidency"),
    ("mx_pena", "president", r"(?:Enrique\s+)?Peña\s+Nieto|Pena\s+Nieto", [("2012-12-01", "2018-11-30")], "Enrique Peña Nieto's presidency"),
    ("mx_amlo", "president", r"(?:Andr[ée]s\s+Manuel\s+)?L[óo]pez\s+Obrador", [("2018-12-01", "2024-09-30")], "Andrés Manuel López Obrador's presidency"),
    ("mx_sheinbaum", "president", r"(?:Claudia\s+)?Sheinbaum", [("2024-10-01", None)], "Claudia Sheinbaum's presidency"),
    ("ar_macri", "president", r"(?:Mauricio\s+)?Macri", [("2015-12-10", "2019-12-10")], "Mauricio Macri's presidency"),
    ("pl_duda", "president", r"(?:Andrzej\s+)?Duda", [("2015-08-06", "2025-08-06")], "Andrzej Duda's presidency"),
    ("eg_mubarak", "president", r"(?:Hosni\s+)?Mubarak", [("1981-10-14", "2011-02-11")], "Hosni Mubarak's presidency"),
    ("eg_morsi", "president", r"(?:Mohamm?ed\s+)?Mors[iy]", [("2012-06-30", "2013-07-03")], "Mohamed Morsi's presidency"),
    ("eg_sisi", "president", r"(?:Abdel\s+Fattah\s+)?(?:el-|al-)?Sis[iy]", [("2014-06-08", None)], "Abdel Fattah el-Sisi's presidency"),
    ("ua_yanukovych", "president", r"(?:Viktor\s+)?Yanukovych|Ianoukovitch|Janukowytsch", [("2010-02-25", "2014-02-22")], "Viktor Yanukovych's presidency"),
    ("ua_poroshenko", "president", r"(?:Petro\s+)?(?:Poroshenko|Porochenko|Poroschenko)", [("2014-06-07", "2019-05-20")], "Petro Poroshenko's presidency"),
    ("euco_vanrompuy", "president", r"(?:Herman\s+)?Van\s+Rompuy", [("2009-12-01", "2014-11-30")], "Herman Van Rompuy's term as President of the European Council"),
    ("euco_tusk", "president", r"Donald\s+Tusk", [("2014-12-01", "2019-11-30")], "Donald Tusk's term as President of the European Council"),
    ("euco_michel", "president", r"Charles\s+Michel", [("2019-12-01", "2024-11-30")], "Charles Michel's term as President of the European Council"),
    ("eucom_barroso", "president", r"(?:Jos[ée]\s+Manuel\s+)?(?:Dur[ãa]o\s+)?Barroso", [("2004-11-22", "2014-10-31")], "José Manuel Barroso's term as President of the European Commission"),
    ("eucom_juncker", "president", r"(?:Jean-Claude\s+)?Juncker", [("2014-11-01", "2019-11-30")], "Jean-Claude Juncker's term as President of the European Commission"),
    ("eucom_vdl", "president", r"(?:Ursula\s+)?von\s+der\s+Leyen", [("2019-12-01", None)], "Ursula von der Leyen's term as President of the European Commission"),
    ("nato_rasmussen", "secretary_general", r"(?:Anders\s+Fogh\s+)?Rasmussen", [("2009-08-01", "2014-10-01")], "Anders Fogh Rasmussen's term as NATO Secretary General"),
    ("nato_stoltenberg", "secretary_general", r"(?:Jens\s+)?Stoltenberg", [("2014-10-01", "2024-10-01")], "Jens Stoltenberg's term as NATO Secretary General"),
    ("nato_rutte", "secretary_general", r"Mark\s+Rutte", [("2024-10-01", None)], "Mark Rutte's term as NATO Secretary General"),
    # offices below the head of government (the title keys of TITLES)
    ("ushouse_hastert", "speaker", r"(?:Dennis\s+|Denny\s+)?Hastert", [("1999-01-06", "2007-01-03")], "Dennis Hastert's term as Speaker of the US House"),
    ("ushouse_pelosi", "speaker", r"(?:Nancy\s+)?Pelosi", [("2007-01-04", "2011-01-03"), ("2019-01-03", "2023-01-03")], "Nancy Pelosi's terms as Speaker of the US House"),
    ("ushouse_boehner", "speaker", r"(?:John\s+)?Boehner", [("2011-01-05", "2015-10-29")], "John Boehner's term as Speaker of the US House"),
    ("ushouse_ryan", "speaker", r"(?:Paul\s+)?Ryan", [("2015-10-29", "2019-01-03")], "Paul Ryan's term as Speaker of the US House"),
    ("ushouse_mccarthy", "speaker", r"(?:Kevin\s+)?McCarthy", [("2023-01-07", "2023-10-03")], "Kevin McCarthy's term as Speaker of the US House"),
    ("ushouse_johnson", "speaker", r"Mike\s+Johnson", [("2023-10-25", None)], "Mike Johnson's term as Speaker of the US House"),
    ("ushouse_pelosimin", "minority_leader", r"(?:Nancy\s+)?Pelosi", [("2003-01-03", "2007-01-03"), ("2011-01-03", "2019-01-03")], "Nancy Pelosi's terms as House Minority Leader"),
    ("ussenate_reidmin", "minority_leader", r"(?:Harry\s+)?Reid", [("2005-01-03", "2007-01-03"), ("2015-01-03", "2017-01-03")], "Harry Reid's terms as Senate Minority Leader"),
    ("ussenate_mcconnellmin", "minority_leader", r"(?:Mitch\s+)?McConnell", [("2007-01-03", "2015-01-03"), ("2021-01-20", "2025-01-03")], "Mitch McConnell's terms as Senate Minority Leader"),
    ("ussenate_schumermin", "minority_leader", r"(?:Chuck\s+)?Schumer", [("2017-01-03", "2021-01-20"), ("2025-01-03", None)], "Chuck Schumer's terms as Senate Minority Leader"),
    ("ussenate_frist", "majority_leader", r"(?:Bill\s+)?Frist", [("2003-01-03", "2007-01-03")], "Bill Frist's term as Senate Majority Leader"),
    ("ussenate_reid", "majority_leader", r"(?:Harry\s+)?Reid", [("2007-01-03", "2015-01-03")], "Harry Reid's term as Senate Majority Leader"),
    ("ussenate_mcconnell", "majority_leader", r"(?:Mitch\s+)?McConnell", [("2015-01-03", "2021-01-20")], "Mitch McConnell's term as Senate Majority Leader"),
    ("ussenate_schumer", "majority_leader", r"(?:Chuck\s+)?Schumer", [("2021-01-20", "2025-01-03")], "Chuck Schumer's term as Senate Majority Leader"),
    ("ussenate_thune", "majority_leader", r"(?:John\s+)?Thune", [("2025-01-03", None)], "John Thune's term as Senate Majority Leader"),
    ("us_ashcroft", "attorney_general", r"(?:John\s+)?Ashcroft", [("2001-02-02", "2005-02-03")], "John Ashcroft's term as US Attorney General"),
    ("us_gonzales", "attorney_general", r"(?:Alberto\s+)?Gonzales", [("2005-02-03", "2007-09-17")], "Alberto Gonzales's term as US Attorney General"),
    ("us_mukasey", "attorney_general", r"(?:Michael\s+)?Mukasey", [("2007-11-09", "2009-01-20")], "Michael Mukasey's term as US Attorney General"),
    ("us_holder", "attorney_general", r"(?:Eric\s+)?Holder", [("2009-02-03", "2015-04-27")], "Eric Holder's term as US Attorney General"),
    ("us_lynch", "attorney_general", r"(?:Loretta\s+)?Lynch", [("2015-04-27", "2017-01-20")], "Loretta Lynch's term as US Attorney General"),
    ("us_sessions", "attorney_general", r"(?:Jeff\s+)?Sessions", [("2017-02-09", "2018-11-07")], "Jeff Sessions's term as US Attorney General"),
    ("us_barr", "attorney_general", r"(?:William\s+|Bill\s+)?Barr", [("1991-11-26", "1993-01-20"), ("2019-02-14", "2020-12-23")], "William Barr's terms as US Attorney General"),
    ("us_garland", "attorney_general", r"(?:Merrick\s+)?Garland", [("2021-03-11", "2025-01-20")], "Merrick Garland's term as US Attorney General"),
    ("us_mueller", "fbi_director", r"(?:Robert\s+)?Mueller", [("2001-09-04", "2013-09-04")], "Robert Mueller's term as FBI Director"),
    ("us_comey", "fbi_director", r"(?:James\s+)?Comey", [("2013-09-04", "2017-05-09")], "James Comey's term as FBI Director"),
    ("us_wray", "fbi_director", r"(?:Christopher\s+)?Wray", [("2017-08-02", "2025-01-19")], "Christopher Wray's term as FBI Director"),
    ("us_greenspan", "fed_chair", r"(?:Alan\s+)?Greenspan", [("1987-08-11", "2006-01-31")], "Alan Greenspan's term as Federal Reserve chair"),
    ("us_bernanke", "fed_chair", r"(?:Ben\s+)?Bernanke", [("2006-02-01", "2014-01-31")], "Ben Bernanke's term as Federal Reserve chair"),
    ("us_yellen", "fed_chair", r"(?:Janet\s+)?Yellen", [("2014-02-03", "2018-02-03")], "Janet Yellen's term as Federal Reserve chair"),
    ("us_powellfed", "fed_chair", r"(?:Jerome\s+|Jay\s+)?Powell", [("2018-02-05", None)], "Jerome Powell's term as Federal Reserve chair"),
    ("us_paulson", "treasury_secretary", r"(?:Henry\s+|Hank\s+)?Paulson", [("2006-07-10", "2009-01-20")], "Henry Paulson's term as US Treasury Secretary"),
    ("us_geithner", "treasury_secretary", r"(?:Timothy\s+|Tim\s+)?Geithner", [("2009-01-26", "2013-01-25")], "Timothy Geithner's term as US Treasury Secretary"),
    ("us_lew", "treasury_secretary", r"(?:Jacob\s+|Jack\s+)?Lew", [("2013-02-28", "2017-01-20")], "Jack Lew's term as US Treasury Secretary"),
    ("us_mnuchin", "treasury_secretary", r"(?:Steven\s+|Steve\s+)?Mnuchin", [("2017-02-13", "2021-01-20")], "Steven Mnuchin's term as US Treasury Secretary"),
    ("us_yellentreas", "treasury_secretary", r"(?:Janet\s+)?Yellen", [("2021-01-26", "2025-01-20")], "Janet Yellen's term as US Treasury Secretary"),
    ("us_bessent", "treasury_secretary", r"(?:Scott\s+)?Bessent", [("2025-01-28", None)], "Scott Bessent's term as US Treasury Secretary"),
    ("us_rumsfeld", "defense_secretary", r"(?:Donald\s+)?Rumsfeld", [("2001-01-20", "2006-12-18")], "Donald Rumsfeld's term as US Secretary of Defense"),
    ("us_gates", "defense_secretary", r"(?:Robert\s+)?Gates", [("2006-12-18", "2011-07-01")], "Robert Gates's term as US Secretary of Defense"),
    ("us_panetta", "defense_secretary", r"(?:Leon\s+)?Panetta", [("2011-07-01", "2013-02-26")], "Leon Panetta's term as US Secretary of Defense"),
    ("us_hagel", "defense_secretary", r"(?:Chuck\s+)?Hagel", [("2013-02-27", "2015-02-17")], "Chuck Hagel's term as US Secretary of Defense"),
    ("us_carter", "defense_secretary", r"(?:Ash(?:ton)?\s+)?Carter", [("2015-02-17", "2017-01-20")], "Ash Carter's term as US Secretary of Defense"),
    ("us_mattis", "defense_secretary", r"(?:Jim\s+|James\s+)?Mattis", [("2017-01-20", "2019-01-01")], "Jim Mattis's term as US Secretary of Defense"),
    ("us_esper", "defense_secretary", r"(?:Mark\s+)?Esper", [("2019-07-23", "2020-11-09")], "Mark Esper's term as US Secretary of Defense"),
    ("us_austin", "defense_secretary", r"(?:Lloyd\s+)?Austin", [("2021-01-22", "2025-01-20")], "Lloyd Austin's term as US Secretary of Defense"),
    ("us_hegseth", "defense_secretary", r"(?:Pete\s+)?Hegseth", [("2025-01-25", None)], "Pete Hegseth's term as US Secretary of Defense"),
    # the weeks between a US presidential election and the inauguration
    ("us_pe_clinton", "president_elect", r"(?:Bill\s+)?Clinton", [("1992-11-03", "1993-01-20")], "Bill Clinton was president-elect from the 1992 election to the inauguration"),
    ("us_pe_bush", "president_elect", r"(?:George\s+W\.?\s+)?Bush", [("2000-12-13", "2001-01-20")], "George W. Bush was president-elect from December 2000 to the inauguration"),
    ("us_pe_obama", "president_elect", r"(?:Barack\s+)?Obama", [("2008-11-04", "2009-01-20")], "Barack Obama was president-elect from the 2008 election to the inauguration"),
    ("us_pe_trump", "president_elect", r"(?:Donald\s+(?:J\.\s+)?)?Trump", [("2016-11-08", "2017-01-20"), ("2024-11-05", "2025-01-20")], "Donald Trump was president-elect after the 2016 and 2024 elections"),
    ("us_pe_biden", "president_elect", r"(?:Joe\s+)?Biden", [("2020-11-07", "2021-01-20")], "Joe Biden was president-elect from November 2020 to the inauguration"),
    ("pope_jp2", "pope", r"(?:John Paul II|Jean-Paul II|Juan Pablo II|Johannes Paul II\.?)", [("1978-10-16", "2005-04-02")], "John Paul II's pontificate"),
    ("pope_b16", "pope", r"(?:Benedict XVI|Benoît XVI|Benedicto XVI|Benedikt XVI\.?)", [("2005-04-19", "2013-02-28")], "Benedict XVI's pontificate"),
    ("pope_francis", "pope", r"(?:Francis|François|Francisco|Franziskus)", [("2013-03-13", "2025-04-21")], "Francis's pontificate"),
    ("pope_leo14", "pope", r"(?:Leo XIV|Léon XIV|León XIV|Leo XIV\.)", [("2025-05-08", None)], "Leo XIV's pontificate"),
]
