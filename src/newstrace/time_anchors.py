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
                 r"Präsident(?:en)?|Staatspräsident(?:en)?|Staatschef)",
    "chancellor": r"(?:Chancellor|chancellor|Chancelière|chancelière|Chancelier|chancelier|"
                  r"Canciller|canciller|Bundeskanzlerin|Bundeskanzler|Kanzlerin|Kanzler)",
    "prime_minister": r"(?:Prime Minister|prime minister|PM|Premier ministre|premier ministre|"
                      r"Primer Ministro|primer ministro|presidente del Gobierno|"
                      r"jefe del Gobierno|Premierministerin|Premierminister|"
                      r"Ministerpräsident(?:in)?|Regierungschef(?:in)?)",
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
