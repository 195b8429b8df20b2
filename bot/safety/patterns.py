"""The phrase rules of the safety net.

Every rule is written against normalised text (see ``normalise``): lowercase ASCII
letters and digits, single spaces between words, no punctuation or apostrophes
("m'n" -> "mn", "i'm" -> "im"), emoji as separate tokens. Patterns are written with
normal spelling and squashed when compiled (``squash_pattern``), exactly like the text,
so "zelfmoord" also matches "zelfmooooord" and "zellfmoord". Never write a doubled
letter followed by a quantifier (``oo?``): squashing would change its meaning.

Tiers:
- ``crisis``: always a crisis, whatever the context.
- ``ambiguous``: a crisis, unless a figurative/benign cue is near the match
  ("ik ga dood van het lachen", "gestoken door een wesp") and no "I mean it" cue is.
  Then it is only a check-in.
- ``weak``: at most a check-in ("this song is killing me", "kys" without a target).
- ``despair``: a check-in with a figurative cue near it ("ik kan niet meer 😂"), otherwise
  only a "distress" signal: layer 2 decides ("ik kan niet meer").

The rules are deliberately over-inclusive: a false alarm costs a friendly message, a
miss may cost much more. When in doubt a phrase belongs in ``crisis``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .model import CrisisCategory
from .normalise import squash_pattern

__all__ = [
    "ANTI_CUES",
    "BEREAVED_BY_SUICIDE",
    "COMPACT_RULES",
    "DANGER_CONTEXT",
    "FAMILY_OR_HOME",
    "FIGURATIVE_CUES",
    "RULES",
    "SUICIDE_AS_TOPIC",
    "Rule",
    "compile_squashed",
]

Tier = Literal["crisis", "ambiguous", "weak", "despair"]

SUICIDE = CrisisCategory.SUICIDE
SELF_HARM = CrisisCategory.SELF_HARM
ABUSE = CrisisCategory.ABUSE
DV = CrisisCategory.DOMESTIC_VIOLENCE
ACUTE = CrisisCategory.ACUTE_DANGER


def compile_squashed(*alternatives: str) -> re.Pattern[str]:
    """Join alternatives with ``|``, squash them like the text, compile."""
    source = "|".join(f"(?:{alt})" for alt in alternatives)
    return re.compile(squash_pattern(source))


@dataclass(frozen=True)
class Rule:
    name: str
    tier: Tier
    categories: tuple[CrisisCategory, ...]
    regex: re.Pattern[str]
    # Extra benign cues for an ambiguous rule, besides FIGURATIVE_CUES.
    cues: re.Pattern[str] | None = None
    # Whether the general FIGURATIVE_CUES ("lol", "haha", "😂") may soften this rule. Not for
    # abuse: "mijn vader slaat me haha" can be nervous laughter, not a joke.
    figurative: bool = True
    # A word that is also everyday (a platform, the gas, a farewell): a match is a crisis only
    # with support: danger words near it (``DANGER_CONTEXT``), layer 2's agreement or earlier
    # distress (``net.assess``). Alone, ``assess_rules`` reports it as a crisis with the signal
    # "unconfirmed" (so without the model the rules stay over-inclusive).
    support: bool = False
    # Spans removed from the text before this rule is tried ("mijn oom heeft zelfmoord
    # gepleegd": a loss, not this person's intent; the model and the grief reply take it).
    mask: re.Pattern[str] | None = None


def _rule(
    name: str,
    tier: Tier,
    categories: tuple[CrisisCategory, ...],
    *alternatives: str,
    cues: str | None = None,
    figurative: bool = True,
    support: bool = False,
    mask: str | None = None,
) -> Rule:
    return Rule(
        name=name,
        tier=tier,
        categories=categories,
        regex=compile_squashed(*alternatives),
        cues=compile_squashed(cues) if cues else None,
        figurative=figurative,
        support=support,
        mask=compile_squashed(mask) if mask else None,
    )


# --- building blocks --------------------------------------------------------------------

NEG = r"(?:niet|nie|ni|geen|nooit|not|never|dont|didnt|nt|no)"


def gap(n: int, extra_stop: str = "") -> str:
    """Up to ``n`` words that are not a negation (nor one of ``extra_stop``)."""
    stop = NEG if not extra_stop else f"(?:{NEG}|{extra_stop})"
    return rf"(?:(?!{stop}\b)\S+ ){{0,{n}}}"


def anygap(n: int) -> str:
    return rf"(?:\S+ ){{0,{n}}}"


I_NL = r"(?:ik|k|ikke|ikzelf|kga|kben)"
WANT_NL = r"(?:wil|wl|wilt|wilde|wou|woud|kwil|wille)"
WANT_EN = r"(?:want|wanna|wana|wnt|wanted|wanting)"
SELF = (
    r"(?:mezelf|mijzelf|mzelf|mezelv|mijzelv|mezelluf|mn zelf|m zelf|mijn zelf|myself|my self"
    r"|meself|mself|myslef|myselfe|mysel)"
)
MY = r"(?:mijn|mn|m|me|my|mijne)"
LIFE = r"(?:leven|leve|levn|lven|lve|lvn|life|lyf|bestaan)"
DEAD = (
    r"(?:dood|doot|dodd|doodgaan|dood gaan|doodgaa|dood te gaan|sterven|dood zijn|dood ga"
    r"|doodga|overlijden|sterve|stervn)"
)
FAMILY = (
    r"(?:vader|moeder|pa|ma|papa|mama|mam|pap|stiefvader|stiefmoeder|stiefpa|stiefma|ouders"
    r"|ouder|broer|broertje|broers|zus|zusje|zussen|oom|tante|opa|oma|neef|nicht|stiefbroer"
    r"|stiefzus|vriend|vriendje|vriendin|ex|partner|dad|mom|mum|father|mother|stepdad|stepmom"
    r"|stepfather|stepmother|parents|brother|sister|uncle|aunt|grandpa|grandma|boyfriend|bf)"
)
PERSON = (
    rf"(?:hij|zij|ze|iemand|die man|die jongen|een man|een jongen|een vrouw|hun"
    rf"|(?:mijn|mn|m|me|onze|ons|de|die|zijn|haar) (?:{FAMILY}|buurman|buurvrouw|trainer|coach"
    rf"|leraar|docent|meester|juf|baas|oppas|leider|begeleider))"
)
EN_PERSON = (
    r"(?:he|she|they|hes|shes|someone|somebody|guy|man|teacher|coach"
    r"|dad|mom|mum|father|mother|stepdad|stepmom|stepfather|stepmother|brother|sister|uncle"
    r"|boyfriend|bf|girlfriend|gf|parents|cousin|neighbour|neighbor)"
)
BODY = (
    r"(?:mijn|mn|m|my|in mijn|in mn|op mijn|op mn|in my|on my) (?:arm|armen|pols|polsen|been"
    r"|benen|dij|dijen|bovenbeen|bovenbenen|huid|buik|heup|heupen|onderarm|onderarmen|wrist"
    r"|wrists|arms|legs|leg|thigh|thighs|skin|hand|handen)"
)
PILLS = (
    r"(?:pillen|pil|pilletjes|pills|pill|tabletten|tablets|paracetamol|ibuprofen|medicijnen"
    r"|medicatie|meds|slaappillen|slaapmiddel|slaapmiddelen|oxazepam|antidepressiva|lithium"
    r"|xanax|oxy|oxycodon|tramadol|diazepam|pijnstillers|pijnstiller|painkillers|slaaptabletten"
    r"|antidepressants|codeine|temazepam|lorazepam|morfine)"
)
QTY = (
    r"(?:al|alle|hele|heel|veel|te veel|teveel|handvol|heleboel|een doos|een pot|strip|strips"
    r"|bunch of|whole|all|a lot of|lots of|loads of|too many|many|overdosis)"
)
END = r"(?: [^a-z0-9 ]+)*$"  # end of the message, trailing emoji allowed


# Words between "wil" and "dood" that make it about someone or something else ("wil je dood?",
# "ik wil de dood van opa verwerken").
_NOT_ME = r"je|jij|jou|u|hem|haar|hun|jullie|hen|hij|zij|ze|de|het|een|zijn|mijn|mn|zn"
_NOT_NEGATED = r"(?<!niet )(?<!geen )(?<!nie )(?<!not )(?<!never )(?<!nooit )(?<!no )"

# --- figurative / benign context --------------------------------------------------------

_FIGURATIVE_EMOJI = "😂🤣😆😹😅💀😜😝🙈🤪😛😁😄😭🥲"

FIGURATIVE_CUES = compile_squashed(
    r"\b(?:lol\w*|lmao|lmfao|rofl|haha\w*|hah|hihi\w*|hehe\w*|xd|jk|grapje|grap|geintje"
    r"|geinig|lachen|gelach|lach|lachend|lachte|lachten|honger|dorst|hitte|warm|warmte"
    r"|koud|kou|saai|verveling|vervelen|verveel|boring|bored|moe|toets\w*|proefwerk\w*"
    r"|examen\w*|huiswerk|wiskunde|test|exam|exams|homework|fortnite|minecraft|roblox|gta"
    r"|fifa|cod|call of duty|game|games|gamen|gaming|level|potje|cringe|schaam\w*|gene"
    r"|embarrass\w*|awkward|cute|schattig|grappig|funny|hilarisch|hilarious|meme|memes|song"
    r"|liedje|film|serie|aflevering|spin|spinnen|zenuwen|spanning|nieuwsgierig"
    r"|benieuwd|workout|training|sporten)\b",
    # "ik ga dood van de honger / het lachen", but not "van binnen" or "van verdriet".
    r"\b(?:dood|sterf|sterven|dying) van (?!binnen|verdriet|eenzaamheid|ellende|pijn)\S+",
    rf"[{_FIGURATIVE_EMOJI}]",
)
# A cue that the words are meant literally: overrides every figurative cue.
ANTI_CUES = compile_squashed(
    r"\b(?:ik meen het|meen het|serieus|echt waar|geen grap|niet als grap|geen geintje"
    r"|no joke|not joking|im serious|i mean it|for real|fr fr|niet grappig|not funny)\b",
)
# Words that make a place, a means or a farewell dangerous ("ik sta op het balkon en ik spring",
# "het gas staat open, dit is mijn laatste bericht"): support for a ``Rule.support`` match.
DANGER_CONTEXT = compile_squashed(
    r"\b(?:spring\w*|sprong|jump\w*|dood|doodgaan|sterven|dying|dead|einde|eind|end it"
    r"|laatste (?:bericht\w*|keer|woorden|appje)|afscheid|vaarwel|goodbye|loslaten|laat los"
    r"|let go|voor de trein|trein komt|niet meer|nie meer|no more|anymore|durf|zelfmoord\w*"
    r"|suicid\w*|help|112|over de rand|over de reling|naar beneden|beneden kijken|klaar mee"
    r"|sorry voor alles|niemand mist|vergeef|pijn|duizelig|slaperig|bewusteloos|ramen (?:\S+ )?dicht"
    r"|raam (?:\S+ )?dicht|deur op slot|niet gered|ademen|my last|i want to die)\b",
)
# A completed suicide is always someone else's: bereavement ("mijn oom heeft zelfmoord
# gepleegd", "het is een jaar geleden dat mijn vriendin zelfmoord pleegde").
BEREAVED_BY_SUICIDE_SOURCE = (
    r"\b(?:zelfmoord|zelfdoding|suicide) (?:\S+ )?(?:gepleegd|pleegde|pleegden)\b"
    r"|\b(?:pleegde|pleegden) (?:\S+ )?(?:zelfmoord|zelfdoding|suicide)\b"
    r"|\b(?:committed|died by) suicide\b|\b(?:overleden|gestorven|dood) (?:\S+ )?(?:door|na)"
    r" (?:\S+ )?(?:zelfmoord|zelfdoding|suicide)\b"
)
BEREAVED_BY_SUICIDE = compile_squashed(BEREAVED_BY_SUICIDE_SOURCE)
# Someone else's death by an overdose (safety5): a loss for the grief reply, not this
# person's method (masked for the "method" rule; not called a suicide either).
LOSS_BY_OVERDOSE_SOURCE = (
    r"\b(?:overleden|gestorven|doodgegaan|omgekomen|overleed|stierf|died|passed away) (?:\S+ ){0,2}"
    r"(?:aan|door|na|van|of|from) (?:een |zijn |haar |an |a )?(?:overdosis|overdose)\b"
    r"|\b(?:overdosis|overdose) (?:\S+ ){0,3}(?:overleden|gestorven|doodgegaan|overleed|stierf|died)\b"
)
# Suicide as the subject of a book, a film or school work ("een boekverslag over zelfmoord",
# "in die serie pleegt de hoofdpersoon zelfmoord"): not this person's intent by itself; the
# model decides, and it is a distress marker (a not-understood message gets the check-in).
SUICIDE_AS_TOPIC_SOURCE = (
    r"\b(?:boek|boeken|boekverslag|film|serie|aflevering|documentaire|docu|werkstuk"
    r"|profielwerkstuk|spreekbeurt|presentatie|gastles|les|artikel|verhaal|gedicht|hoofdpersoon"
    r"|personage|karakter|book|movie|show|essay|presentation)\b (?:(?!\b(?:ik|k|i|me|mij)\b)"
    r"\S+ ){0,8}(?:zelfmoord\w*|zelfdoding|suicide)\b"
)
SUICIDE_AS_TOPIC = compile_squashed(SUICIDE_AS_TOPIC_SOURCE)

# Abuse in the family or at home -> also domestic violence.
# Squashed, "oom" (uncle) reads "om", so family words count only after a possessive.
FAMILY_OR_HOME = compile_squashed(
    r"\b(?:thuis|home|familie|family|gezin|ouders|parents|stiefvader|stiefmoeder|stepdad"
    r"|stepmom)\b",
    rf"\b(?:mijn|mn|m|me|onze|ons|my|our|de|die|haar|zijn|his|her|door|van|by) {FAMILY}\b",
)

_ACCIDENT = (
    r"\b(?:per ongeluk|ongeluk|ongelukje|papiertje|papier|koken|keuken|mes uitgeschoten"
    r"|accident|accidentally|by accident|cooking|playing|voetbal|training|fiets|gevallen"
    r"|fell|scheren|shaving)\b"
)
_SOCIAL = (
    r"\b(?:insta|instagram|tiktok|snap|snapchat|twitter|account|volgers|followers|socials"
    r"|online|youtube|twitch)\b"
)
_SPORT_OR_INSECT = (
    r"\b(?:wesp|wespen|door een bij|bijen|mug|muggen|kwal|brandnetel\w*|insect\w*|bee|wasp|mosquito"
    r"|wedstrijd|potje|match|team|voetbal|psv|ajax|feyenoord|game|fortnite|minecraft)\b"
)
_KIDDING_CONTEXT = r"\b(?:te laat|cijfer\w*|rapport|toets\w*|grades|late)\b"
_GAME = (
    r"\b(?:met|in|bij|with|at) (?:\S+ )?(?:fifa|tafeltennis|pingpong|schaken|schaak|dammen"
    r"|voetbal|tennis|badminton|mario ?kart|uno|monopoly|kaarten|potje|spel|spelletje|game"
    r"|games|fortnite|cod|smash|nba|racen|chess|ping pong|basketbal|hockey|padel)\b"
    r"|\b(?:fifa|tafeltennis|schaken|fortnite|potje|mario ?kart|uno)\b"
)
_SIBLING_HYPERBOLE = (
    r"\b(?:zus|zusje|broer|broertje|beste vriendin|vriendinnen|juf|meester|leraar|docent"
    r"|mentor|trui|kleren|spullen|make ?up|oplader|snoep|kamer|fiets|sister|brother)\b"
)


# --- the rules --------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    # ---------------------------------------------------------------- suicide
    _rule(
        "suicide_keyword",
        "crisis",
        (SUICIDE,),
        # Bare "zelfmoord" after "is/echt/..." may be the idiom "dat is (echt) zelfmoord"
        # (= reckless): see suicide_idiom. Compounds and "zelfmoord plegen" always count.
        # "niet/geen zelfmoord..." is a check-in (weak_dead_dying), unless "plegen" follows.
        r"(?<!\bis )(?<!\bwas )(?<!\becht )(?<!\bpure )(?<!\bpuur )(?<!\bgewoon )(?<!\bbijna )"
        rf"{_NOT_NEGATED}\bzelfmoord\b|{_NOT_NEGATED}\bzelfmoord(?!actie|preventie)\w+"
        r"|(?<=[a-z])zelfmoord(?!preventie)|\b(?:zlfmrd|zelfmrd|zlfmoord|zlfmord)\b",
        r"\bzelfmoord (?:\S+ )?(?:plegen|pleeg|pleegt|gepleegd)|\bpleeg\w* (?:\S+ )?zelfmoord",
        r"\b(?:zelf moord\w*|zelfdoding\w*|zelfmoordpoging\w*)",
        rf"{_NOT_NEGATED}\b(?:suicid(?!e squad|e prevention|epreventie)\w*|suicda\w*)",
        r"\b(?:sewerslide|sewer slide|unaliv\w*|un alive\w*)",
        r"(?<=[a-z])suicid\w*",
        r"\bkys (?:my ?self|me)\b",
        r"\bvan het leven (?:te )?beroven\b",
        r"\b(?:self ?delet\w*|delete myself|commit sudoku|sudoku plegen)\b",
        r"\b(?:kms|kmss|kmsl)\b",
        r"\bsuicide note\b",
        # Squashed compounds: "ikwildood", "iwanttodie", "ikwilnietmeerleven".
        r"(?<!\S)(?:ik|k)?wil+(?:dood|sterven|doodgaan)(?!\S)",
        r"wilnietmeer(?:leven|bestaan|zijn)|iwanttodie|wanttodie|wannadie|endmylife",
        r"kil+(?:ing)?myself|(?<!\S)(?:ik|k)?(?:snij|kras)mezelf",
        mask=f"{BEREAVED_BY_SUICIDE_SOURCE}|{SUICIDE_AS_TOPIC_SOURCE}",
    ),
    _rule(
        "want_to_die_nl",
        "crisis",
        (SUICIDE,),
        # "ik wil dood", "wil gewoon dood", "soms wil ik dood", "kwil dood"
        rf"\b{WANT_NL} (?:{I_NL} )?{gap(3, _NOT_ME)}"
        rf"{DEAD}\b",
        # verb-final: "dat ik dood wil", "hij zegt dat hij dood wil", "ik zou dood willen"
        rf"\b(?:{I_NL}|hij|zij|ze) {gap(2)}{DEAD} (?:wil|wl|wou|wilde|willen|zou willen)\b",
        rf"\b{DEAD} (?:wil|wl|wou) (?:ik|k)\b",
        rf"\b(?:liever|beter|liefst) {gap(2)}{DEAD}\b",
        r"\bwas (?:ik|k) maar (?:\S+ )?(?:dood|nooit geboren|er niet)\b",
        r"\b(?:wou|wilde|wens|zou willen) dat (?:ik|k) (?:\S+ ){0,2}(?:dood|nooit geboren|niet"
        r" bestond|er niet (?:meer )?was)\b",
        rf"\b(?:hoop|hoopte) (?:dat )?(?:ik|k) {gap(3)}(?:dood ?ga\w*|dood zal|dood ben|sterf|"
        r"overlijd|niet meer wakker|nooit meer wakker|niet meer besta|er niet meer ben|een"
        r" ongeluk krijg|aangereden word|verongeluk)",
        rf"\bik wil {gap(2)}sterven\b",
        r"\bwaarom (?:zou|moet) (?:ik|k) (?:nog |eigenlijk |nog wel |uberhaupt )*(?:leven"
        r"|doorgaan|bestaan)\b",
        r"\bwhy (?:should|would) i (?:even )?(?:live|go on|keep living)\b",
        r"\bwhy am i (?:even )?alive\b",
        r"\bals (?:ik|k) (?:er )?(?:\S+ )?(?:dood (?:ben|was|zou zijn|ga)|(?:niet|nie) meer (?:ben"
        r"|was|zou zijn)|doodga|sterf|zou sterven|dood zou gaan)\b",
        rf"\bwaarom (?:zou|moet) (?:ik|k) (?:nog )?(?:blijven|er zijn|hier zijn){END}",
        r"\b(?:nobody|no one|noone|niemand) (?:\S+ ){0,2}(?:cares|care|would care|will care"
        r"|would notice|will notice|would even notice) (?:\S+ ){0,2}if i (?:die|died|was gone"
        r"|disappear|disappeared|kill myself)\b",
        r"\b(?:zichzelf|zich|jezelf|haarzelf|hemzelf|himself|herself|themselves) (?:\S+ ){0,3}"
        r"(?:iets|wat) (?:\S+ )?(?:aandoen|aan doen|aan te doen)\b",
        r"\b(?:zichzelf|herself|himself|themselves) (?:\S+ ){0,2}(?:snijdt|snijden|krast|krassen"
        r"|pijn doet|pijn doen|ophangen|doodmaken|vermoorden|van kant|kill|killing)\b",
        r"\b(?:kill|kills|killing|hurt|hurts|hurting|cut|cuts|cutting) (?:himself|herself"
        r"|themselves|themself)\b",
        r"\bniemand (?:\S+ ){0,3}als (?:ik|k) (?:er )?(?:\S+ )?(?:dood|weg ben|weg was|verdwijn"
        r"|verdwenen|niet meer|nie meer|sterf|doodga|er niet ben)\b",
        r"\b(?:niks|niets) (?:\S+ )?(?:heeft|lijkt) (?:nog |meer |echt )*zin\b",
        r"\bif i (?:died|was gone|were gone|disappeared|killed myself)\b",
        rf"\b{WANT_NL} (?:\S+ ){{0,2}}(?:verdwijnen|disappear)\b (?:\S+ )?(?:voor altijd"
        r"|forever|van"
        r" de aardbodem|uit deze wereld)\b",
        r"\b(?:dont|do not|cant|cannot) see (?:the|any) point (?:in|of) (?:living|life|going on"
        r"|being alive)\b|\bno point (?:in|of) (?:living|going on|being alive)\b",
        r"\b(?:geen|niet) (?:\S+ )?(?:zin|nut) (?:\S+ ){0,3}(?:om te leven|van het leven|van"
        r" leven|in leven|meer te leven)\b",
        r"\bdenk (?:\S+ ){0,3}aan (?:de dood|doodgaan|dood gaan|sterven|het einde|dood zijn)\b",
        r"\b(?:eeuwige rust|eindelijk rust als (?:ik|k))\b",
        r"\b(?:beter|blijer|fijner|makkelijker|gelukkiger|rustiger)\b (?:\S+ ){0,4}als (?:ik|k)"
        r" er (?:\S+ )?(?:niet|nie) (?:meer )?(?:was|ben|zou zijn)\b",
        r"\b(?:verdien|verdiende) (?:het |het eigenlijk )?(?:niet|nie) (?:om )?te leven\b",
        r"\b(?:verdien|deserve|deserves) (?:\S+ ){0,2}(?:dood te gaan|te sterven|to die|to be dead"
        r"|to live)\b",
        r"\b(?:stop|stopping) (?:existing|living|being alive)\b|\bstoppen met bestaan\b",
        r"\b(?:wil|hoop|wou) (?:dat )?(?:het|alles) (?:\S+ )?(?:stopt|ophoudt|over is|voorbij is)"
        r" (?:\S+ )?voor altijd\b",
        r"\bwaarom (?:leef|besta) (?:ik|k)\b|\bwaarom ben (?:ik|k) (?:\S+ )?(?:geboren|op deze"
        r" wereld)\b",
        r"\b(?:niet|nooit) geboren (?:\S+ )?(?:willen )?(?:worden|zijn)\b|\bwish i (?:was|were"
        r"|had) never (?:been )?born\b",
        r"\b(?:sta|zit|ben|loop|lig) (?:\S+ ){0,2}(?:bij|op|langs|naast) het (?:spoor|rails)\b"
        r".{0,60}"
        r"\b(?:denk|erover|springen|trein|wachten|dood|klaar|nadenken|afscheid)\b",
        r"\b(?:opgezocht|gegoogeld|googelen|opzoeken|searched|googled|looked up)\b.{0,40}"
        r"\b(?:ophang\w*|zelfmoord|dood te gaan|sterven|overdosis|kill myself|hang myself)\b",
        r"\bhoe je (?:jezelf|je zelf|zelf) (?:\S+ ){0,2}(?:ophangt|doodmaakt|vermoordt|van kant"
        r" maakt|om het leven brengt|ophangen)\b",
        r"\b(?:wil|hoop|wou) dat (?:iemand|hij|ze|het) (?:me|mij) (?:\S+ )?(?:doodmaakt|vermoordt"
        r"|doodschiet|afmaakt|overrijdt|aanrijdt)\b|\bwant someone to kill me\b",
    ),
    _rule(
        "disappear",
        "ambiguous",
        (SUICIDE,),
        rf"\b{WANT_NL} {gap(2)}verdwijnen\b|\b{WANT_EN} (?:to )?(?:just )?disappear\b",
        # "morgen ben ik er niet meer" - or "volgende keer ben ik er niet meer, ik verhuis"
        r"\b(?:ben|is) (?:ik|k) er (?:\S+ )?(?:niet|nie) meer\b",
        r"\b(?:ik|k) (?:ben|zal) er (?:morgen |straks |snel |binnenkort |vanavond |zo )?"
        r"(?:niet|nie)"
        rf" meer(?: zijn)?{END}",
        # "ik wil niet meer" - or a reply: "nee ik wil niet meer (weten)"
        rf"\b{I_NL} (?:wil|wl) (?:het |echt |gewoon |gwn |echt gewoon )?(?:niet|nie) (?:meer|mr)"
        rf"(?: (?:echt|hoor|ofzo|man|jongens|gewoon|oke))?{END}",
        r"\b(?:mijn|mn|my) laatste (?:bericht|berichtje|appje|woorden)\b|\bmy last (?:message"
        r"|words|text)\b",
        cues=r"\b(?:slapen|welterusten|doei|bye|voor vandaag|vanavond|even|vakantie|weekend"
        r"|batterij|data|beltegoed|tegoed|verhuiz\w*|verhuis\w*|te oud|volgende keer|avond"
        r"|avonden|bijeenkomst|stage|werk|club|join us|nee|hoeft|info|informatie|weten|vragen"
        r"|berichten|meldingen|herinnering\w*|tips|eten|nodig|vanaf|kamers|studeren|studie"
        r"|maanden|weken|jaar|januari|februari|maart|april|mei|juni|juli|augustus|september"
        r"|oktober|november|december|zomer)\b",
    ),
    _rule(
        "veiled_suicide",
        "ambiguous",
        (SUICIDE,),
        r"\b(?:er|het) (?:\S+ ){0,2}punt (?:achter|aan) (?:\S+ )?(?:zetten|zet)\b",
        r"\b(?:mijn|mn) leven is (?:\S+ )?(?:klaar|voorbij|over|afgelopen|zinloos|kapot|niks waard"
        r"|een hel)\b|\bmy life is (?:\S+ )?(?:over|pointless|worthless)\b",
        rf"\b{WANT_NL} (?:\S+ ){{0,2}}weg\b (?:\S+ ){{0,2}}voor altijd\b",
        rf"\b{I_NL} (?:ga|wil|gaat) (?:\S+ ){{0,2}}springen\b",
        r"\b(?:touw|strop)\b (?:\S+ ){0,4}(?:liggen|klaar|gekocht|verstopt)\b",
        r"\b(?:mes|mesje|mesjes|scheermesje\w*|touw|strop|pillen)\b (?:\S+ ){0,2}(?:klaarliggen"
        r"|klaargelegd|klaar liggen|klaar gelegd|klaarstaan|klaar)\b",
        r"\b(?:going to|gonna|might|will|ga|gaan|ik ga) (?:\S+ )?(?:do something stupid|iets stoms"
        r" doen|iets doms doen)\b",
        cues=r"\b(?:voetbal|club|relatie|school|studie|werk|baan|sport|hobby|vriendschap|met hem"
        r"|met haar|trampoline|zwembad|water|duiken|bungee|paard|dansen|verspringen|hoogspringen"
        r"|gym|taart|koken|eten|brood|groente|appel|dorp|stad|land|verhuiz\w*|telefoon|mobiel"
        r"|prank|grap|springtouw|klimmen|kamperen|tent|boot|zeilen|schommel|vakantie|klas"
        r"|groep|laatste dag|buitenland|uitwisseling|kamp|opruimen|goede doel|kringloop"
        r"|marktplaats|verkocht|te klein)\b",
    ),
    _rule(
        # Farewells and giving things away happen every day (a team, a school, old clothes):
        # a crisis only with support (``Rule.support``). Layer 2 reads the veiled ones.
        "farewell",
        "ambiguous",
        (SUICIDE,),
        r"\bafscheid (?:\S+ ){0,2}(?:genomen|nemen|neem) (?:\S+ ){0,2}van (?:mijn|mn|iedereen"
        r"|al mijn)\b|\bsaid goodbye to (?:everyone|all my)\b",
        r"\b(?:al|alle) (?:mijn|mn) (?:spullen|dingen|kleren|bezittingen) (?:\S+ )?(?:weggegeven"
        r"|weg gegeven|weggeven|verdeeld)\b|\bgave away (?:all )?my (?:stuff|things)\b",
        r"\bafscheidsbrie\w*|\bgoodbye note\b",
        cues=r"\b(?:voetbal|club|team|school|klas|stage|stageplek|werk|baan|bijbaan|juf|meester"
        r"|mentor|leraar|collega\w*|pensioen|verhuiz\w*|verhuis\w*|vakantie|kamp|uitwisseling"
        r"|kringloop|marktplaats|goede doel|te klein|opruimen|nichtje|neefje|groep|vereniging)\b",
        support=True,
    ),
    _rule(
        # Goodbye for good (safety5): "doei voor altijd", "this is goodbye", "goodbye forever".
        "goodbye_for_good",
        "ambiguous",
        (SUICIDE,),
        r"\b(?:doei|dag|daag|bye|byee|goodbye|vaarwel|tot ziens) (?:\S+ ){0,2}(?:voor altijd"
        r"|voorgoed|forever|for good|for ever)\b(?! (?:vrienden|samen|bff|friends|jouw|van jou|love"
        r"|liefde|fan))",
        r"\b(?:this is|dit is|dit was) (?:\S+ )?(?:goodbye|my goodbye|mijn afscheid|mijn vaarwel"
        r"|vaarwel|het einde)\b|\bgoodbye (?:everyone|everybody|world|allemaal|iedereen)\b",
        cues=r"\b(?:vakantie|verhuiz\w*|verhuis\w*|school|\w*klas|team|club|stage|werk|baan|account"
        r"|insta\w*|tiktok|snap\w*|app|\w*groep|whatsapp|roblox|game|serie|seizoen|aflevering|film|boek"
        r"|haha\w*|lol|kamp|zomer|feest|tot morgen|tot straks|welterusten)\b",
        figurative=False,
    ),
    _rule(
        # Last times and a date (safety5): everyday too ("mijn laatste dag op school"), so the
        # model or danger words near it must agree.
        "last_time_or_date",
        "ambiguous",
        (SUICIDE,),
        r"\b(?:mijn|mn|my) laatste (?:verjaardag|kerst|kerstmis|zomer|winter|nacht|avond|birthday"
        r"|christmas|summer)\b",
        r"\b(?:haal|overleef|red|make it to) (?:\S+ )?(?:de zomer|kerst|mijn verjaardag|het weekend"
        r"|het nieuwe jaar|oud en nieuw|christmas|my birthday|the summer) (?:\S+ )?(?:niet|nie|not)\b"
        r"|\b(?:wont|won t|will not) make it to (?:christmas|my birthday|summer)\b",
        r"\b(?:een |de )?(?:datum|dag) (?:\S+ )?(?:gekozen|geprikt|uitgekozen|vastgesteld|bepaald)\b",
        cues=r"\b(?:feest|bruiloft|afspraak|examen\w*|toets\w*|vakantie|verhuiz\w*|verhuis\w*|school"
        r"|klas|stage|werk|baan|bijbaan|club|team|training|concert|reis|kamp|uitwisseling|voor het"
        r"|voor de|verjaardag van|afscheidsfeest|diploma|uitreiking|op de basisschool|hier)\b",
        figurative=False,
        support=True,
    ),
    _rule(
        "cannot_go_on",
        "ambiguous",
        (SUICIDE,),
        # Serious as it stands; "...met dat huiswerk" is a check-in.
        r"\bzie (?:het|t|alles|het leven|het allemaal) (?:\S+ ){0,2}(?:niet|nie) meer zitten\b",
    ),
    _rule(
        "suicide_idiom",
        "ambiguous",
        (SUICIDE,),
        r"\b(?:is|was|echt|pure|puur|gewoon|bijna) zelfmoord\b",
    ),
    _rule(
        "want_to_die_en",
        "crisis",
        (SUICIDE,),
        r"(?<!dont )(?<!do not )(?<!didnt )(?<!dnt )(?<!never )(?<!not )"
        rf"\b(?:{WANT_EN}|ready|deserve|deserves|rather|wish to|wish i could|i could just)"
        r" (?:to |2 )?(?:just |really |literally |fucking )?(?:die|be dead|not exist|not be"
        r" alive|disappear forever)\b",
        r"\b(?:wish|wished|hope) i (?:was|were|would|d|could|had) (?:\S+ )?(?:dead|die|never been"
        r" born|disappear forever|not exist|never existed)\b",
        r"\bbetter off dead\b",
        r"\b(?:kill|killing|killed|kil) (?:my ?self|me self|meself|myslf|mysel|myslef)\b",
        r"\b(?:end|ending) myself\b|\b(?:neck|rope|hang|hanging) myself\b|\bnoose\b",
        r"\b(?:i|im|ima|imma|ik|k|me|gonna|should|shud|wanna|finna|gaan|wil|moet|time to"
        r"|about to|tijd om|ready to|going to|need to|might|will|just)\b (?:\S+ ){0,2}kys\b",
    ),
    _rule(
        "end_life",
        "crisis",
        (SUICIDE,),
        rf"\b(?:eind|einde|end|ende)\b (?:\S+ ){{0,2}}(?:aan )?{MY} (?:eigen |own )?{LIFE}\b",
        r"\b(?:er|het) (?:\S+ ){0,2}(?:eind|einde) aan (?:\S+ )?(?:maken|te maken|maak|gemaakt)\b",
        r"\b(?:maak|maakt|maken) (?:er|het) (?:\S+ )?(?:een )?(?:eind|einde) aan\b",
        rf"\b{MY} (?:eigen |own )?{LIFE} (?:\S+ ){{0,2}}(?:nemen|beeindigen|beeindig|take|end"
        r"|ending)\b",
        rf"\b(?:take|taking|took) my (?:own )?life\b|\b{LIFE} (?:te )?beeindigen\b",
        r"\b(?:end|ending) (?:it all|everything|my life|this life)\b",
        rf"\b(?:end|ending) it(?: (?:tonight|today|now|soon|forever|all))?{END}",
        rf"\b(?:stop|stoppen) met {LIFE}\b",
    ),
    _rule(
        "not_want_to_live",
        "crisis",
        (SUICIDE,),
        rf"\b{WANT_NL}\b (?:\S+ ){{0,3}}(?:niet|nie|ni|geen|nooit) (?:meer |langer |mr |echt"
        rf" |gewoon |gwn |verder )*(?:{LIFE}|besta)\b",
        rf"\b{WANT_NL} (?:mijn|mn|m|dit|het|zo n|zon) {LIFE} (?:\S+ )?(?:niet|nie) ?(?:meer)?\b",
        rf"\b(?:het |dit |mijn |mn )?{LIFE} (?:\S+ )?(?:zat|beu)\b"
        rf"|\b(?:zat|beu|moe) van het {LIFE}\b"
        r"|\blevensmoe\b|\bben het leven moe\b",
        r"\b(?:tired|sick|done) (?:of|with) (?:living|life|being alive|existing)\b",
        r"\b(?:eind|einde) (?:\S+ )?maken aan (?:alles|mijn leven|mn leven|het leven|mezelf|het"
        r" allemaal)\b",
        r"\b(?:een|mijn|mn|m) poging (?:gedaan|ondernomen)\b(?! (?:om|tot) (?!zelfmoord|zelfdoding"
        r"|mezelf|er een))",
        rf"\b{WANT_NL}\b (?:\S+ ){{0,3}}(?:niet|nie|ni|nooit) (?:meer|langer|mr) (?:echt |gewoon"
        r" )?(?:hier )?(?:zijn|wakker|ademen)\b",
        r"\b(?:dont|do not|dnt|no longer|didnt) (?:\S+ )?(?:want|wanna|wana|wish) (?:to )?(?:live"
        r"|be alive|exist|wake up|go on|keep living)\b",
        r"\b(?:dont|do not|dnt) (?:\S+ )?(?:want|wanna|wana) (?:to )?be (?:here|around)"
        r"(?: \S+){0,2} (?:anymore|any more|no more)\b",
        r"\b(?:no|geen) (?:reason|reden) (?:meer )?(?:to live|om te leven|om door te gaan)\b",
        r"\bnothing (?:left )?to live for\b|\bniets? (?:meer )?om voor te leven\b",
        rf"\bgeen zin (?:meer )?in (?:het|mijn|mn|m|dit|t) {LIFE}\b",
        rf"\b{LIFE}\b (?:\S+ ){{0,3}}(?:heeft|heb) (?:\S+ ){{0,2}}geen (?:zin|nut|betekenis)\b",
        r"\b(?:alles|niks|niets)\b (?:\S+ )?(?:heeft|is) (?:\S+ )?(?:geen zin|zinloos|nutteloos)\b",
        r"\bzie geen (?:uitweg|uitkomst)\b|\bno way out\b",
        r"\b(?:what s|whats) the point of (?:living|life|anything)\b",
    ),
    _rule(
        "nobody_would_miss_me",
        "crisis",
        (SUICIDE,),
        r"\bniemand\b (?:(?:\S+ ){0,2}(?:me|mij) (?:\S+ ){0,2}(?:missen|mis|mist)|(?:\S+ ){0,2}"
        r"(?:mist|mis) (?:me|mij))\b",
        r"\b(?:nobody|no one|noone|no1)\b (?:\S+ ){0,3}miss me\b",
        r"\bbeter af (?:\S+ )?(?:zonder (?:mij|me)|als (?:ik|k) (?:er )?(?:niet|nie) (?:meer )?"
        r"(?:ben|was|besta|zou zijn|leef))\b",
        r"\bbetter off (?:without me|if i (?:was|were|wasnt|werent) (?:gone|dead|not here|here))\b",
        rf"\b{I_NL} (?:ben|bn) (?:\S+ ){{0,3}}(?:een )?last voor\b",
        rf"\b{I_NL} (?:ben|bn) (?:\S+ )?(?:alleen maar |gewoon |echt )?(?:een|n) last\b(?! van)",
        r"\b(?:im|i am|i m) (?:\S+ ){0,2}(?:a )?burden\b",
    ),
    _rule(
        "never_wake_up",
        "crisis",
        (SUICIDE,),
        r"\bnooit (?:meer )?wakker (?:te )?(?:worden|word|wordt)\b",
        r"\b(?:niet|nie) meer wakker (?:te )?(?:worden|word|wordt)\b",
        r"\bslapen en (?:\S+ )?(?:nooit|niet) meer wakker\b",
        r"\bnever wake up\b",
        r"\b(?:hope|want|wish|wanna) (?:\S+ ){0,3}(?:not|dont|never) (?:to )?wake up\b",
    ),
    _rule(
        "sleep_forever",
        "ambiguous",
        (SUICIDE,),
        r"\b(?:voor altijd|eeuwig) (?:\S+ )?slapen\b|\bsleep forever\b",
    ),
    _rule(
        "method",
        "crisis",
        (SUICIDE,),
        r"\boverdos\w*|\b(?:od|overdose) (?:on|op)\b",
        rf"\b{QTY} (?:\S+ ){{0,3}}{PILLS}\b",
        rf"\b{PILLS}\b (?:\S+ ){{0,5}}(?:om (?:\S+ )?dood te gaan|om te sterven|to die|to end it"
        r"|om er een eind|om (?:niet|nooit) meer wakker)",
        r"\b(?:manier|methode|hoe|snelste|pijnloos|pijnloze|pijnloosste|how to|ways to|best way)"
        r"\b (?:\S+ ){0,4}(?:dood te gaan|te sterven|zelfmoord|dood gaan|doodgaan|sterven"
        r"|dood (?:kan|kun|kunt) gaan|(?:kan|kun|kunt) sterven"
        r"|kill myself)\b",
        # "die" is English only after English words (Dutch "die" = that/those: "hoe je die maakt").
        r"\b(?:how to|ways to|best way to|easiest way to|painless way to|how (?:do|can|could|would)"
        r" (?:i|you|u|someone)) (?:\S+ ){0,2}die\b",
        rf"\b(?:{SELF}|me|mij) (?:\S+ ){{0,3}}(?:ophangen|op te hangen|ophang|verhangen"
        r"|verdrinken|vergiftigen|doodschieten|neerschieten|overrijden)\b",
        rf"\b{SELF} (?:\S+ ){{0,3}}(?:vermoorden|vermoord|doden|dood maken|doodmaken|van kant"
        r"|om het leven|ombrengen|ombreng|afmaken|iets aandoen|iets aan te doen|wat aandoen)\b",
        r"\b(?:doe|doet|deed) (?:mezelf|mijzelf|mzelf) (?:\S+ ){0,2}(?:iets|wat) aan\b",
        r"\b(?:strop|touw)\b (?:\S+ ){0,5}(?:mezelf|nek|hals|ophangen|op te hangen)\b",
        rf"\b{PILLS} (?:\S+ ){{0,2}}(?:verzameld|gespaard|opgespaard|verstopt|gehamsterd|bewaard"
        r"|stockpiled|saved up|saving up|hoarding)\b",
        rf"\b(?:verzamel|spaar|hamster|stockpile|stockpiling|hoard) (?:\S+ ){{0,2}}{PILLS}\b",
        rf"\b(?:dodelijk\w*|lethal|fatal|deadly)\b.{{0,40}}\b{PILLS}\b|\b{PILLS}\b.{{0,40}}"
        r"\b(?:dodelijk\w*|lethal|fatal|deadly)\b",
        # Asking how one dies of a medicine: "hoe lang duurt het voor je doodgaat van ...".
        rf"\b(?:doodgaat|dood gaat|doodga|sterft|overlijdt|die from|die of|dies from)\b"
        rf" (?:\S+ ){{0,3}}{PILLS}\b",
        r"\b(?:wil|ga|gaan|denk|durf|wilt|want|going to|gonna|about to|om te)\b (?:\S+ ){0,3}"
        r"(?:springen|spring|jump)\b.{0,60}\b(?:dak|brug|flat|balkon|raam|rand|roof|bridge|ledge"
        r"|window)\b",
        r"\b(?:dak|brug|flat|balkon|raam|rand|roof|bridge|ledge|window)\b.{0,60}\b(?:wil|ga|gaan"
        r"|denk|durf|wilt|want|going to|gonna|about to|om te)\b (?:\S+ ){0,3}(?:springen|spring"
        r"|jump)\b",
        mask=LOSS_BY_OVERDOSE_SOURCE,
    ),
    _rule(
        "jump",
        "ambiguous",
        (SUICIDE,),
        r"\b(?:spring|springen|sprong|gesprongen|jump|jumping|gooi|gooien)\b (?:\S+ ){0,4}"
        r"(?:voor (?:de|een) (?:trein|metro|auto|vrachtwagen|bus|tram)|van (?:een |de |het |mijn"
        r" |ons )?(?:brug|dak|flat|gebouw|balkon|toren|klif)|off (?:a |the |my )?(?:bridge|roof"
        r"|building|balcony|cliff)|in front of (?:a |the )?(?:train|car|bus|truck))\b",
        r"\b(?:voor (?:de|een) (?:trein|metro|tram)|van (?:een |de |het )?(?:brug|dak|flat"
        r"|gebouw|balkon)) (?:\S+ ){0,2}(?:springen|spring|sprong|gooien|gaan liggen|lopen)\b",
        cues=r"\b(?:zomer|water|kanaal|zwembad|rivier|zwemmen|duiken|plons|meer|zee|strand"
        r"|bommetje|trampoline|parachute|bungee\w*|elastiek|klimhal|minecraft|game|film)\b",
    ),
    _rule(
        "self_harm_and_suicide",
        "crisis",
        (SUICIDE, SELF_HARM),
        rf"\b{SELF} (?:\S+ ){{0,3}}(?:iets|wat) (?:aandoen|aan doen|aandoe|aan te doen|aan)\b",
        r"\b(?:polsen|pols|wrists|wrist|aders|ader)\b (?:\S+ ){0,3}(?:doorsnijden|doorgesneden"
        r"|doorsnij|doorsneed|opensnijden|opengesneden|snijden|gesneden|slit|cut|cutting|open)\b",
        r"\b(?:slit|cut|slash|slashing|snij|snijd|sneed|doorsnijden)\b (?:\S+ ){0,2}(?:my|mijn"
        r"|mn|m) (?:polsen|pols|wrists|wrist|aders)\b",
    ),
    # ---------------------------------------------------------------- self-harm
    _rule(
        "self_harm_keyword",
        "crisis",
        (SELF_HARM,),
        r"\b(?:zelfbeschadig\w*|zelf beschadig\w*|zelfverwond\w*|(?:self|slf|sel) ?harm\w*"
        r"|self ?injur\w*|automutilatie)",
        r"\b(?:weer|again|opnieuw) (?:gesneden|gekrast|snijden|krassen)\b",
        r"\b(?:started|start|been|im|keep|kept|relapsed|back to|stop) cutting\b|\bcutting again\b",
        r"\bsh (?:again|scars|wounds|relapse)\b|\brelapsed? on sh\b",
    ),
    _rule(
        "self_harm_act",
        "ambiguous",
        (SELF_HARM,),
        # verb ... myself / body: "ik snij mezelf", "i cut my arms", "ik kras in mn armen"
        r"\b(?:snij|snijd|snijdt|snijden|sneed|gesneden|kras|krast|krassen|kraste|gekrast|brand"
        r"|branden|verbrand|verbranden|beschadig|beschadigen|verwond|verwonden|cut|cutting|cuts"
        r"|burn|burning|burned|harm|harming|scratch|scratching|opensnijden|opengesneden|knip"
        r"|knippen|geknipt|krab|krabben|krabde|openkrabben|opengekrabd"
        rf"|openhalen|opengehaald|pijn doen|pijn gedaan|pijn doe|hurt|hurting)\b (?:\S+ ){{0,3}}"
        rf"(?:{SELF}|{BODY})\b",
        # myself / body ... verb (Dutch verb-final): "mezelf pijn doen", "in mijn arm gesneden"
        rf"\b(?:{SELF}|{BODY}) (?:\S+ ){{0,3}}(?:snijden|gesneden|snij|snijd|krassen|gekrast"
        r"|kras|branden|verbranden|verbrand|beschadigen|beschadig|verwonden|pijn doen|pijn doe"
        r"|pijn gedaan|opensnijden|opengesneden|openhalen|opengehaald|geknipt|openkrabben"
        r"|opengekrabd|straffen)\b",
        rf"\b(?:{SELF}|{BODY})\b.{{0,40}}\b(?:tot het bloedt|tot ik bloed|until i bleed|until it"
        r" bleeds)\b",
        r"\bpunish(?:ing)? myself\b",
        r"\b(?:mesje|mesjes|scheermesje\w*|blades?|razors?)\b.{0,60}\b(?:als het slecht gaat|voor"
        r" als|noodgeval|when it gets bad|for emergencies|just in case)\b",
        r"\b(?:sigaret\w*|peuk\w*|aansteker|lighter|cigarette\w*)\b.{0,40}\b(?:mijn|mn|my)"
        r" (?:arm|armen|hand|huid|been|benen|skin|arms|wrist|pols)\b",
        r"\b(?:i|ive|i ve) (?:\S+ )?(?:cut|cutted|burned|burnt|relapsed)\b (?:again|today|tonight"
        r"|last night|yesterday)\b",
        r"\b(?:arms|wrists|legs|thighs|armen|polsen|benen|dijen)\b (?:\S+ ){0,3}(?:cuts|scars"
        r"|sneeen|sneden|littekens|krassen|wondjes)\b",
        r"\b(?:sneeen|sneden|snee|sneetjes|wondjes|wonden|littekens|krassen|cuts|scars)\b"
        r" (?:\S+ ){0,4}(?:zelf|mezelf|mijzelf|myself)\b",
        r"\b(?:sneeen|sneden|snee|sneetjes|wondjes|littekens|krassen|cuts|scars) (?:\S+ ){0,3}(?:op"
        r"|in|on) (?:mijn|mn|m|my) (?:arm|armen|pols|polsen|benen|been|dijen|wrists|arms|legs"
        r"|thighs)\b",
        rf"\b{I_NL} (?:\S+ ){{0,2}}(?:snij|snijd|kras|brand) (?:me|mij)\b",
        rf"\b(?:doe|doet|deed) (?:\S+ )?{SELF} (?:\S+ )?pijn\b",
        # "ik kras", "ik heb weer gekrast" but not "ik heb een kras op mijn telefoon"
        rf"\b{I_NL} {gap(2, 'een|de|die|het|dat|veel|wat')}(?:kras|krast|gekrast|kraste|krassen)\b"
        r"(?! (?:op|in) (?:mijn|mn|de|het|je|m|die|dat) (?:scherm|telefoon|mobiel|auto|fiets|bril"
        r"|laptop|tafel|deur|muur|hoes|screen))",
        cues=_ACCIDENT,
    ),
    _rule(
        "self_harm_hit",
        "ambiguous",
        (SELF_HARM,),
        rf"\b(?:sla|slaan|bonk|bonken|hit|hitting|punch|punching|bang|banging|bijt|bijten|knijp"
        rf"|knijpen)\b (?:\S+ ){{0,2}}{SELF}\b",
        rf"\b{SELF} (?:\S+ ){{0,2}}(?:slaan|sla|bonken|bijten|knijpen|uithongeren)\b",
        r"\b(?:bonk|bonken|sla|slaan) (?:\S+ ){0,2}(?:mijn|mn|m) (?:hoofd|kop) (?:\S+ ){0,2}"
        r"(?:tegen|op) (?:de|het) (?:muur|deur|tafel|grond)\b",
        cues=r"\b(?:kop|voor mijn kop|voor mn kop|stom|dom|vergeten|idioot|wel|zo stom)\b|"
        + _ACCIDENT,
    ),
    # ---------------------------------------------------------------- figurative-prone
    _rule(
        "going_to_die",
        "ambiguous",
        (SUICIDE,),
        rf"\b{I_NL} {gap(2)}(?:ga|gaat|gaan|zal) {gap(2)}(?:dood|doodgaan|dood gaan|sterven)\b",
        rf"\b(?:ga|gaat|zal) (?:ik|k) {gap(2)}(?:dood|doodgaan|dood gaan|sterven)\b",
        rf"\b{I_NL} {gap(2)}(?:sterf|sterft)\b",
        r"\bom (?:\S+ )?dood te gaan\b",
        r"(?<!dont )(?<!not )\b(?:gonna|going to|about to|will) (?:\S+ )?die\b",
        # "ik ga ff dood op de bank liggen": lying like dead, resting.
        cues=_KIDDING_CONTEXT + r"|\b(?:bank|netflix\w*|chillen|bankhangen|hangen|liggen"
        r"|gegeten|eten|chips|snoep|pizza|vol|buikpijn|spierpijn"
        r"|uitslag)\b",
    ),
    _rule(
        "weak_dead_dying",
        "weak",
        (SUICIDE,),
        r"\b(?:im|i am|i m) (?:\S+ )?(?:dead|dying|ded)\b"
        r"(?! (?:to|tired|serious|sure|set|wrong)\b)",
        r"\b(?:killing|killed|kills|kill) me\b",
        r"\b(?:ik|k) (?:ben|bn) (?:zo |echt |gewoon |bijna |zowat )?dood\b(?! (?:moe|op|ziek|bang"
        r"|eng|normaal|gewoon|leuk|stil|serieus|simpel|nerveus|zenuwachtig|benieuwd|jammer|zonde"
        r"|saai|kapot|blij|gelukkig|verlegen)\b)",
        r"\bkys\b|\bkill (?:yourself|urself|jezelf)\b",
        rf"^(?:dood|dead|die|sterven)\b{END}",
        r"\b(?:wil|want|wanna) (?:niet|not) (?:dood|die|sterven)\b",
        r"\bdont (?:want|wanna) (?:to )?die\b",
        r"\bzelfmoordactie\b|\b(?:niet|geen|nie|not|never|nooit|no) (?:suicid\w*|zelfmoord\w*)",
    ),
    _rule(
        # Despair without a word of danger: not the light "figuurlijk?" touch (that is for
        # "ik kan niet meer 😂"), but a distress marker; layer 2 decides whether it is a crisis.
        "despair_cant_go_on",
        "despair",
        (SUICIDE,),
        rf"\b{I_NL} (?:kan|kn) (?:het |dit )?(?:echt |gewoon )?(?:niet|nie) (?:meer|mr)"
        rf"(?: aan)?{END}",
        r"\b(?:kan|hou|houd) (?:het |dit )?(?:echt |gewoon )?(?:niet|nie) (?:meer|langer) "
        r"(?:aan|vol)\b|\btrek (?:het|dit) (?:echt )?(?:niet|nie) (?:meer|langer)\b",
    ),
    # ---------------------------------------------------------------- abuse
    _rule(
        "abuse_keyword",
        "crisis",
        (ABUSE,),
        r"\b(?:verkracht\w*|aangerand|aanranding\w*|aanrander|seksueel (?:misbruik\w*"
        r"|geweld|overschrijdend)|kindermisbruik|incest|loverboy\w*|sextortion|gegroomd"
        r"|ongewenst (?:aangeraakt|betast|aanraken)|ongewenste aanraking\w*)\b",
        r"\b(?:raped|rape|molested|molest\w*|sexually (?:abused|assaulted|harassed)|sexual"
        r" (?:abuse|assault)|(?:being|been|was|got|getting|am|im) (?:\S+ )?abused|groomed)\b",
    ),
    _rule(
        "abuse_passive",
        "ambiguous",
        (ABUSE,),
        r"\b(?:word|wordt|werd|ben|bn|was|worden|werden|zijn|wor|is)\b (?:\S+ ){0,6}(?:misbruikt"
        r"|mishandeld|mishandelt|geslagen|geschopt|in elkaar geslagen|in elkaar getrapt"
        r"|getrapt|gewurgd|geknepen|betast|uitgebuit|gechanteerd|afgeperst|geintimideerd"
        r"|gestalkt|gestalked|vastgebonden|aangeraakt|geduwd|gestompt|gemept)\b",
        r"\b(?:im|i am|i m|i was|i get|i got|ive been|getting|being) (?:\S+ )?(?:hit|beaten"
        r"|beat up|kicked|choked|strangled|touched|hurt|threatened|blackmailed)\b",
        cues=r"\b(?:gegevens|data|account|wachtwoord|vertrouwen|wedstrijd|potje|match|team"
        r"|voetbal|psv|ajax|feyenoord|met \d|\d \d|bal|by a ball|bal tegen)\b",
    ),
    _rule(
        "abuse_perfect",
        "ambiguous",
        (ABUSE,),
        r"\b(?:heeft|hebben|had|hadden|heb) (?:me|mij|ons) (?:\S+ ){0,3}(?:misbruikt|mishandeld"
        r"|verkracht|aangerand|geslagen|geschopt|getrapt|betast|bedreigd|gechanteerd|gewurgd"
        r"|aangeraakt|in elkaar geslagen|pijn gedaan|gestompt|gemept|opgesloten)\b",
        cues=r"\b(?:wedstrijd|potje|match|team|voetbal|psv|ajax|feyenoord|met \d|\d \d|bal)\b",
    ),
    _rule(
        "abuse_hitting",
        "ambiguous",
        (ABUSE,),
        # "hij slaat me", "mijn vader slaat me" - but "hij slaat me altijd met fifa"
        r"\b(?:slaat|sloeg|slaan|sloegen|verslaat|versloeg)\b (?:\S+ ){0,2}(?:me|mij|ons|(?:mijn"
        rf"|mn|m) {FAMILY})\b",
        # verb-final: "omdat mijn vader me slaat", "als hij me weer slaat"
        r"\b(?:me|mij|ons) (?:\S+ ){0,2}(?:slaat|slaan|sloeg|sloegen)\b",
        cues=_GAME,
        figurative=False,
    ),
    _rule(
        "abuse_active",
        "crisis",
        (ABUSE,),
        # "mijn moeder schopt me", "stiefvader mishandelt mijn moeder"
        r"\b(?:mept|mepte|meppen|schopt|schopte|schoppen|trapt|trapte"
        r"|stompt|stompte|wurgt|wurgde|knijpt|kneep|duwt|duwde|misbruikt|misbruikte|misbruiken"
        r"|mishandelt|mishandelde|mishandelen|verkracht|verkrachtte|betast|betastte|bedreigt"
        r"|bedreigde|bedreigen|chanteert|chanteerde|chanteren|intimideert|stalkt|terroriseert)\b"
        rf" (?:\S+ ){{0,2}}(?:me|mij|ons|(?:mijn|mn|m) {FAMILY})\b",
        rf"\b{PERSON} (?:\S+ ){{0,2}}(?:doet|deed|doen|heeft|hebben) (?:me|mij) (?:\S+ )?(?:pijn"
        r"|iets aan|wat aan|iets aangedaan|pijn gedaan)\b",
        rf"\b{EN_PERSON} (?:\S+ ){{0,2}}(?:hits|hit|hitting|beats|beat|beating|kicks|kicked"
        r"|kicking|chokes|choked|choking|strangles|abuses|abused|abusing|rapes|raped|molests"
        r"|molested|touches|touched|touching|threatens|threatened|hurts|hurt|hurting|slaps"
        r"|slapped|punches|punched|grabs|grabbed) (?:\S+ )?(?:me\b(?! up\b)|my (?:mom|mum|mother"
        r"|sister|brother|dad|little|baby))",
        r"\b(?:doet|deed|doen|deden) (?:\S+ )?dingen (?:met|bij) (?:me|mij)\b",
        r"\b(?:me|mij) (?:\S+ ){0,2}(?:schopt|schopte|schoppen|mishandelt|mishandelde|misbruikt"
        r"|misbruikte|verkracht|verkrachtte|betast|betastte|bedreigt|bedreigde|wurgt|wurgde|stompt"
        r"|trapt|mept|pijn doet|pijn deed|chanteert)\b",
        r"\b(?:fotos?|foto|filmpjes?|videos?|pics?|screenshots?)\b.{0,40}\b(?:dreigt|dreigde"
        r"|chanteert|chanteren|threatens|threatened)\b|\b(?:dreigt|dreigde|threatens|threatened)"
        r"\b.{0,40}\b(?:fotos?|foto|filmpjes?|videos?|pics?)\b",
        r"\b(?:gedwongen|dwong|dwingt|dwingen|forced|forces)\b (?:\S+ ){0,3}(?:tot |om |to |into )?"
        r"(?:seks|sex|pijpen|te pijpen|zoenen|te zoenen|naakt|have sex)\b",
        r"\b(?:gedrogeerd|drugged|spiked my drink|iets in mijn drankje|iets in mn drankje)\b",
        r"\b(?:vastgepakt|vastgegrepen|gegrepen|pakte|pakt|knijpt|kneep|dichtgeknepen|grabbed"
        r"|squeezed)\b (?:\S+ ){0,3}(?:keel|nek|hals|throat|neck)\b",
        r"\b(?:trekt|trok|trekken) (?:\S+ ){0,2}aan (?:mijn|mn|m) (?:haren|haar|oren)\b",
        r"\b(?:gedwongen|dwingt|dwong|dwingen|forced)\b.{0,40}\b(?:seks|sex|prostitutie|klanten)\b",
        r"\b(?:geld|betaald)\b.{0,30}\bseks\b|\bseks\b.{0,30}\b(?:geld|betaald|klanten)\b",
        r"\buithuwelijk\w*|\bgedwongen (?:te )?trouwen\b|\bforced (?:to )?marr\w*"
        r"|\bmeisjesbesnijdenis\b|\bbesneden worden\b",
        # Made to marry a stranger or against one's will: forced marriage.
        r"\b(?:trouwen|trouw|huwelijk|marry|married|marriage)\b.{0,50}\b(?:die ik (?:niet|nie"
        r"|nooit) (?:ken|gezien|wil)|(?:niet|nie) wil|tegen mijn wil|i (?:dont|do not|never)"
        r" (?:know|want)|against my will)\b",
        r"\b(?:ik|k) (?:\S+ ){0,2}(?:moet|moeten) (?:\S+ ){0,6}trouwen\b",
        r"\b(?:filmpje|filmpjes|foto|fotos|video|videos)\b (?:\S+ ){0,3}(?:van mij|van me|of me)\b"
        r".{0,60}\b(?:dronken|naakt|bloot|zonder toestemming|stiekem|sliep|zonder dat ik)\b",
        rf"\b(?:blauwe plekken|blauwe plek|bruises|blauw oog|black eye)\b (?:\S+ ){{0,3}}(?:van"
        rf"|door|from) (?:mijn|mn|m|my|hem|haar|him|her) ?(?:{FAMILY})?\b",
        r"\b(?:sluit|sluiten|sloot|sloten) (?:me|mij) (?:\S+ ){0,3}op\b",
        r"\b(?:stuur|sturen|stuurde|send|sent|laten zien|show)\b.{0,60}\b(?:ondergoed|naakt|bloot"
        r"|zonder kleren|topless|underwear|nudes?|naked)\b",
        r"\b(?:ondergoed|naakt|bloot|zonder kleren|topless|underwear|naked)\b.{0,60}\b(?:stuur"
        r"|sturen|stuurde|send|sent|laten zien|show)\b",
        r"\b(?:fotos?|foto|filmpjes?|videos?|pics?) (?:\S+ ){0,3}(?:online|op internet|rond"
        r"|verspreid\w*|delen|zet|zetten|post\w*)\b.{0,40}\bals (?:ik|k) (?:niet|nie|geen)\b",
        rf"\b{I_NL} (?:\S+ ){{0,2}}(?:krijg|kreeg|krijgt|krijgen) (?:\S+ ){{0,2}}(?:klappen|slaag"
        r"|een klap|een pak slaag|een trap|schoppen|een schop|een mep|meppen|een dreun"
        r"|klappen)\b",
        rf"\b(?:{PERSON}|{EN_PERSON})\b (?:\S+ ){{0,3}}(?:dwingt|dwong|dwingen|forces|forced"
        r"|pressures|pressured) (?:\S+ ){0,2}(?:me|mij)\b.{0,60}\b(?:seks|sex|naakt|uitkleden"
        r"|aanraken|aan te raken|pijpen|zoenen|kussen|dingen die ik (?:niet|nie) wil|things i"
        r" dont want|fotos|foto)",
    ),
    _rule(
        "unwanted_touch",
        "crisis",
        (ABUSE,),
        r"\b(?:raakt|raakte|aanraken|aangeraakt|aanrakt|zit|zat|zitten|betast|betasten|voelt"
        r"|voelde|kust|kuste|zoent|zoende|touches|touched|touching|grabs|grabbed|kissed|kisses"
        r"|doet|deed|dingen)\b"
        r".{0,60}\b(?:terwijl ik (?:dat|het) (?:niet|nie) wil|zonder dat ik (?:dat|het) wil"
        r"|ook al wil ik (?:dat|het) (?:niet|nie)|(?:en|maar) ik wil (?:dat|het) (?:niet|nie)"
        r"|tegen (?:mijn|mn) (?:zin|wil)|when i dont want|without my consent|against my will"
        r"|even though i said no|ik zei nee|ik zeg nee|dat wil ik (?:niet|nie)|ik wil dat (?:niet"
        r"|nie)|i dont want (?:it|that|him|her|them) to|i said no)\b",
        r"\b(?:zit|zat|zitten|kwam|komt|kwamen|aanzitten)\b (?:\S+ ){0,2}aan (?:me|mij|mijn"
        r" (?:borsten|billen|kont|lichaam|kruis|onderbroek|benen|lijf))\b",
        r"\braakt (?:me|mij) (?:\S+ ){0,2}aan\b",
    ),
    _rule(
        "sextortion",
        "crisis",
        (ABUSE,),
        r"\b(?:naakt ?fotos?|naakt ?foto|naaktfilmpjes?|naakt ?beelden|nudes|nude|naaktjes"
        r"|naakte fotos|sexy fotos|pikante fotos|dickpics?)\b.{0,60}\b(?:stur\w*|verspreid\w*"
        r"|dreig\w*|chanteer\w*|vraag\w*|vroeg|eist|moet|dwingt|deel\w*|gedeeld|online|rond"
        r"|leak\w*|send|sent|share\w*|post\w*|threat\w*|anders|iedereen)\b",
        r"\b(?:stur\w*|verspreid\w*|dreig\w*|chanteer\w*|eist|dwingt|deel\w*|leak\w*|send|share"
        r"\w*|post\w*|threat\w*|vraagt|vroeg|wil)\b.{0,60}\b(?:naakt ?fotos?|naakt ?foto"
        r"|naaktfilmpjes?|naakt ?beelden|nudes|naaktjes|naakte fotos)\b",
    ),
    _rule(
        "afraid_of_person",
        "crisis",
        (ABUSE, ACUTE),
        r"\bbang (?:\S+ ){0,3}(?:me|mij) (?:\S+ ){0,3}(?:iets (?:aan ?doet|aandoet|doet)|wat"
        r" (?:aandoet|doet)|pijn doet|slaat|vermoordt|vermoord|doodmaakt|komt halen|te lijf)\b",
        r"\b(?:scared|afraid|terrified|bang)\b (?:\S+ ){0,4}(?:hurt|kill|hit|rape|beat|touch|stab)"
        r" me\b",
    ),
    _rule(
        "grooming",
        "ambiguous",
        (ABUSE,),
        r"\b(?:trainer|coach|leraar|docent|meester|juf|oom|man|volwassene|iemand|hij|begeleider"
        r"|stiefvader|jongen)\b.{0,40}\b(?:wil|vraagt|vroeg|eist|dwingt)\b (?:\S+ ){0,3}(?:fotos?"
        r"|foto|filmpjes?|pics?) (?:\S+ ){0,3}(?:stuur|sturen|send)\b",
        r"\brare (?:berichten|appjes|dingen|fotos)\b",
        r"\b(?:komt|kwam|kruipt|kroop|comes|came|gets) (?:\S+ ){0,3}(?:in|into|naar)"
        r" (?:mijn|mn|m|my)"
        r" (?:bed|kamer|room)\b",
        r"\bif i tell (?:anyone|anybody|someone)\b|\bals (?:ik|k) het (?:aan )?(?:iemand|iets)"
        r" (?:vertel|zeg)\b",
        cues=r"\b(?:vakantie|verjaardag|huiswerk|opdracht|school|klassenfoto|hond|kat|taart|groep"
        r"|team|bang|onweer|nachtmerrie\w*|knuffel\w*|broertje|zusje|verrassing\w*|surprise"
        r"|cadeau\w*|spam|reclame|oma|opa)\b",
        figurative=False,
    ),
    _rule(
        "afraid_for_someone",
        "ambiguous",
        (ABUSE, ACUTE),
        r"\bbang (?:dat|voor) (?:\S+ ){1,5}(?:vermoordt|vermoord|slaat|iets aandoet|pijn doet"
        r"|doodmaakt)\b",
        cues=_KIDDING_CONTEXT,
        figurative=False,
    ),
    _rule(
        "secrecy",
        "ambiguous",
        (ABUSE,),
        r"\b(?:mag|moet) (?:het |dit |dat )?(?:aan )?niemand (?:\S+ )?(?:vertellen|zeggen)\b",
        r"\b(?:niemand|aan niemand) (?:\S+ )?(?:mag|mogen) (?:\S+ )?(?:weten|vertellen)\b",
        r"\bour (?:little )?secret\b|\bons (?:kleine )?geheimpje\b",
        cues=r"\b(?:verrassing\w*|surprise|cadeau\w*|kado\w*|feest\w*|verjaardag|jarig|party)\b",
        figurative=False,
    ),
    _rule(
        "afraid_of_family",
        "ambiguous",
        (DV,),
        rf"\bbang (?:voor|van) (?:mijn|mn|m) {FAMILY}\b",
        rf"\b(?:scared|afraid|terrified) of my {FAMILY}\b",
        cues=_KIDDING_CONTEXT + r"|\b(?:reactie|boos|4|3|onvoldoende)\b",
    ),
    # ---------------------------------------------------------------- domestic violence
    _rule(
        "domestic_violence",
        "crisis",
        (DV,),
        r"\bhuiselijk geweld\b|\b(?:slaan|schoppen|mishandelen|bedreigen) elkaar\b",
        r"\bdomestic (?:violence|abuse)\b",
        r"\b(?:durf|durft|durfde) (?:\S+ ){0,2}(?:niet|nie) (?:meer )?(?:naar huis|thuis"
        r" (?:te )?(?:komen|zijn|slapen))\b",
        r"\bbang (?:om )?(?:\S+ )?(?:naar huis|thuis te (?:zijn|komen|slapen))\b",
        r"\b(?:scared|afraid|terrified) (?:to|of) (?:go|going) home\b",
        r"\bthuis\b (?:\S+ ){0,3}(?:niet|nie) veilig\b|\bonveilig (?:thuis|bij ons thuis)\b",
        r"\b(?:not safe|unsafe) at home\b|\bhome (?:is not|isnt) safe\b",
        r"\b(?:ouders|vader|moeder|pa|ma|stiefvader|stiefmoeder|parents) (?:\S+ ){0,2}(?:vechten"
        r"|vecht|vochten|gooien (?:met|dingen)|fight physically)\b",
        r"\bhoor (?:mijn|mn|m) (?:moeder|ma|mama|zus|zusje|broer|broertje|vader) (?:\S+ )?(?:gillen"
        r"|schreeuwen om hulp|huilen van de pijn)\b",
        r"\b(?:weggelopen|weg gelopen|ontsnapt|gevlucht) (?:van|uit) (?:huis|thuis)\b|\b(?:van|uit)"
        r" (?:huis|thuis) (?:weggelopen|gevlucht|ontsnapt)\b|\bran away from home\b",
    ),
    # ---------------------------------------------------------------- acute danger
    _rule(
        "weapon",
        "ambiguous",
        (ACUTE,),
        r"\b(?:iemand|hij|zij|ze|man|jongen|jongens|vrouw|er|someone|somebody|guy|he|she|they"
        r"|dude|theres|there s|there is)\b (?:\S+ ){0,4}(?:met|heeft|had|hebben|trekt|trok|pakt"
        r"|pakte|draagt|zwaait|richt|with|has|had|pulled|got|holding|pointing) (?:\S+ ){0,2}"
        r"(?:mes|messen|pistool|wapen|wapens|geweer|vuurwapen|bijl|machete|knife|gun|weapon"
        r"|blade)\b",
        r"\b(?:bedreigd|bedreigt) (?:\S+ ){0,3}(?:mes|pistool|wapen|geweer|knife|gun)\b",
        cues=r"\b(?:\w*film\w*|serie|game|boek|verhaal|droom\w*|gedroomd|movie|show|book|dream\w*"
        r"|waterpistool|speelgoed|nep|toy|fake|koken|keuken|handvaardigheid)\b",
        figurative=False,
    ),
    _rule(
        "intruder",
        "crisis",
        (ACUTE,),
        r"\b(?:er staat|staat er|iemand staat|er is iemand|there s someone|theres someone|someone"
        r" is|er loopt)\b (?:\S+ ){0,4}(?:bij|voor|aan|at|outside|rond|om) (?:mijn|mn|m|de|het"
        r"|onze|ons|my|the) (?:raam|deur|voordeur|huis|window|door|house)\b.{0,60}\b(?:bang"
        r"|alleen thuis|eng|help|scared|afraid|alone|weet niet wie)\b",
        r"\b(?:er wordt|wordt er) (?:\S+ )?(?:geschoten|gestoken)\b|\b(?:schietpartij"
        r"|steekpartij|active shooter|someone is shooting|theres a shooting|there s a shooting)\b",
        r"\b(?:me|mij) (?:\S+ )?(?:niet|nie) (?:laat|laten|liet) (?:gaan|weg|los|eruit|uitstappen"
        r"|uit|naar huis)\b",
    ),
    _rule(
        "attacked",
        "ambiguous",
        (ACUTE,),
        r"\b(?:bedreigd|aangevallen|overvallen|beroofd|gestoken|neergestoken|neergeschoten"
        r"|beschoten|attacked|robbed|stabbed|mugged|threatened me|threatening me|threatens me"
        r"|getting threatened|being threatened)\b",
        cues=_SPORT_OR_INSECT,
    ),
    _rule(
        "followed",
        "ambiguous",
        (ACUTE,),
        r"\b(?:achtervolgd|achtervolgt|achtervolgen|stalkt|gestalkt|gestalked|stalked|stalking me"
        r"|following me|followed me)\b",
        r"\b(?:iemand|hij|een man|een auto|er) (?:\S+ ){0,2}volgt (?:me|mij)\b",
        r"\b(?:loopt|rijdt|fietst|rent|liep|reed|volgt)\b (?:\S+ ){0,6}achter (?:me|mij) aan\b",
        r"\b(?:me|mij) (?:\S+ )?(?:volgt|volgen|achtervolgt)\b",
        cues=_SOCIAL
        + r"|\b(?:pech|ongeluk|nachtmerrie\w*|gedachte\w*|verleden|droom\w*|gedroomd|dream\w*"
        r"|\w*film\w*|serie|game)\b",
    ),
    _rule(
        "kill_me_threat",
        "ambiguous",
        (ACUTE,),
        r"\b(?:wil|wilt|willen|gaat|gaan|ga|dreigt|dreigde|probeert|probeerde|going to|gonna"
        r"|wants to|tried to|trying to|threatened to|is going to)\b (?:\S+ ){0,2}(?:me|mij)"
        r" (?:\S+ ){0,2}(?:vermoorden|doodmaken|dood maken|doden|neersteken|neerschieten|kill"
        r"|stab|shoot)\b",
        r"\b(?:vermoordt|vermoorden) (?:me|mij)\b",
        r"\b(?:me|mij) (?:\S+ )?(?:gaat|gaan|wil|wilt|willen|zal|zullen) (?:\S+ ){0,3}(?:vermoorden"
        r"|doodmaken|dood maken|doden|neersteken|neerschieten)\b",
        r"\b(?:going to|gonna|wants to|tried to|trying to|threatened to|will|threatens to|hell"
        r"|shell|theyll|hes gonna|shes gonna)"
        r" (?:\S+ )?(?:kill|hurt|stab|shoot|rape) me\b",
        r"\bdoodsbedreiging\w*|\bmet de dood bedreigd\b",
        cues=_KIDDING_CONTEXT
        + "|"
        + _SIBLING_HYPERBOLE
        + r"|\bals (?:hij|ze|zij) (?:dit|dat|het) (?:\S+ )?(?:ziet|hoort|weet|leest|merkt"
        r"|ontdekt)\b|\berachter komt\b",
    ),
    _rule(
        "in_danger",
        "crisis",
        (ACUTE,),
        rf"\b(?:{I_NL}|we|wij) (?:ben|bn|zijn|zit|zitten|voel me|voel mij) (?:\S+ ){{0,2}}(?:in"
        r" gevaar|niet veilig|nie veilig|onveilig|in nood|opgesloten|ontvoerd|gegijzeld"
        r"|vastgebonden)\b",
        r"\b(?:im|i am|i m|we are|were) (?:\S+ ){0,2}(?:in danger|not safe|unsafe|trapped"
        r"|locked in|kidnapped)\b",
        r"\blaat (?:me|mij) (?:\S+ )?(?:niet|nie) (?:gaan|weg|los|eruit)\b",
        r"\b(?:wont|doesnt|will not) let me (?:go|leave)\b",
        r"\b(?:bel|bellen|gebeld|call|calling|called|belde) (?:\S+ ){0,2}112\b|\b112 (?:bellen"
        r"|gebeld|bel)\b",
        r"\b(?:er is|het is|there s a|theres a|there is a) (?:\S+ )?(?:brand|fire)\b",
    ),
    _rule(
        "acute_other",
        "crisis",
        (ACUTE,),
        r"\b(?:trying to break in|breaking in|broke in|probeert (?:\S+ ){0,2}in te breken|is aan"
        r" het inbreken|er is een inbreker|inbreker in|breekt (?:\S+ ){0,2}in)\b",
        r"\bingebroken\b.{0,40}\b(?:nog|binnen|in huis|hier|beneden|boven)\b",
        r"\b(?:deur|raam|voordeur)\b (?:\S+ )?(?:open te breken|openbreken|in te trappen|intrappen"
        r"|te forceren|forceren)\b|\b(?:probeert|probeerde) (?:\S+ ){0,3}(?:binnen te komen|in te"
        r" breken|open te breken)\b",
        r"\bbloedt (?:\S+ )?(?:erg|veel|hard|heel erg|zo erg)\b|\bbleeding (?:a lot|badly|heavily"
        r"|so much)\b",
        r"\bbewusteloos\b|\b(?:ademt|ademde) (?:\S+ )?(?:niet|nie)\b|\bnot breathing\b"
        r"|\bunconscious\b",
    ),
    _rule(
        "held",
        "crisis",
        (ABUSE, ACUTE),
        r"\b(?:houdt|hield|houden) (?:me|mij) (?:\S+ )?vast\b.{0,40}\b(?:kan (?:\S+ )?(?:niet|nie)"
        r" weg|niet weg|laat (?:me|mij) (?:niet|nie)|pijn|help|tegen (?:mijn|mn) (?:zin|wil))",
    ),
    _rule(
        "pills_swallowed",
        "ambiguous",
        (SUICIDE, ACUTE),
        r"\b(?:heeft|heb|hebt|hebben|has|have) (?:net |zojuist |een paar |wat )?(?:pillen|tabletten"
        r"|pills) (?:\S+ )?(?:geslikt|ingenomen|genomen|taken|swallowed)\b",
        rf"\b{PILLS} (?:\S+ ){{0,3}}(?:geslikt|ingenomen|genomen)\b.{{0,40}}\b(?:reageert|ademt"
        r"|wakker|bewusteloos|flauw|overgeven|spugen|kotsen|ziekenhuis)",
        cues=r"\b(?:hoofdpijn|griep|koorts|buikpijn|allergie|hooikoorts|dokter|huisarts"
        r"|voorgeschreven|ongesteld|kiespijn|migraine|headache)\b",
    ),
    _rule(
        "on_the_tracks",
        "crisis",
        (SUICIDE, ACUTE),
        r"\b(?:sta|staan|zit|lig|ben|loop) (?:\S+ ){0,2}op (?:het )?(?:spoor|rails|treinspoor)\b",
        r"\b(?:on|standing on) the (?:tracks|railway|train tracks)\b",
    ),
    _rule(
        "pills_taken",
        "crisis",
        (SUICIDE, ACUTE),
        rf"\b(?:heb|hebt|net|just)\b (?:\S+ ){{0,3}}{QTY} (?:\S+ ){{0,3}}{PILLS} (?:\S+ ){{0,3}}"
        r"(?:genomen|ingenomen|geslikt|ingeslikt|op)\b",
        rf"\b(?:took|taken|swallowed|ate|slikte|nam)\b (?:\S+ ){{0,3}}{QTY} (?:\S+ ){{0,2}}"
        rf"{PILLS}\b",
        rf"\b{PILLS} (?:\S+ ){{0,3}}(?:genomen|ingenomen|geslikt|ingeslikt) (?:\S+ ){{0,3}}om"
        r" (?:dood te gaan|te sterven|er een eind)",
        rf"\b(?:alcohol|drank|wodka|vodka|wijn|bier|fles|drugs|alcohol|booze)\b.{{0,30}}\b{PILLS}"
        r"\b.{0,20}\b(?:genomen|ingenomen|geslikt|op|took|taken)\b",
        rf"\b{PILLS}\b.{{0,30}}\b(?:alcohol|drank|wodka|vodka|wijn|bier|drugs|booze)\b",
    ),
    _rule(
        "number_of_pills",
        "ambiguous",
        (SUICIDE,),
        rf"\b(?:[1-9]\d|\d{{3}}) (?:\S+ )?{PILLS}\b|\bhoeveel (?:\S+ )?{PILLS}\b",
        cues=r"\b(?:hoofdpijn|griep|koorts|buikpijn|allergie|hooikoorts|dokter|huisarts"
        r"|voorgeschreven|ongesteld|kiespijn|migraine|headache|per dag|mg)\b",
    ),
)

# Matched against the message with every space removed ("sui cide", "zelf moord plegen"),
# only for short messages. Key words only: anything shorter would match across words.
COMPACT_RULES: tuple[Rule, ...] = (
    _rule(
        "compact_suicide",
        "crisis",
        (SUICIDE,),
        r"zelfmoord(?!actie)|zelfdoding|suicid(?!esquad)|kil+(?:ing)?myself|unaliv"
        r"|wanttodie(?!t)|wannadie(?!t)|wilnietmeerleven",
    ),
    _rule("compact_self_harm", "crisis", (SELF_HARM,), r"selfharm|zelfbeschadig"),
)
