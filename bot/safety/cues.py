"""Danger cues: does a message name death, self-harm, a means, a place, a farewell or violence?

Layer 2 (the model) reads loneliness and sadness as crisis too often ("ik haat mijn leven",
"ik ben weer gedumpt door iedereen"): on the blind v2 set the full crisis reply went to 9 of
153 loneliness messages. A message in which layer 1 found nothing, which speaks of loneliness
or sadness (``LONELY_CUES``) and names none of the danger cues below is not given the full
crisis reply on the model's word alone (unless it is very sure): it gets the direct question
of a crisis-line trainer ("Bedoel je dat je jezelf iets wilt aandoen?") with the lines
(``net.assess``, signal "ask"). The danger cues are deliberately broad: a cue costs nothing
but a possible false alarm; a missing cue turns a model-only crisis into a question.
"""

from __future__ import annotations

from .detector import spellings
from .patterns import PILLS, compile_squashed

__all__ = [
    "DANGER_CUES",
    "EXPLICIT_CUES",
    "FAREWELL_CUES",
    "LONELY_CUES",
    "has_danger_cue",
    "has_explicit_cue",
    "has_farewell_cue",
    "has_lonely_cue",
    "is_now",
]

# Words of loneliness, sadness, being left out or bullied, and venting about one's life. The
# question instead of the crisis reply is only for a message with one of these and no danger
# cue: a danger message in words nobody foresaw (another language, slang, a veiled farewell)
# keeps the model's crisis reply. (Requiring a danger cue for every model-only crisis was
# measured on the by-source split and dropped: 59 of 299 held-back danger lines, 15 of them
# acute, would have got the question.)
LONELY_CUES = compile_squashed(
    r"\b(?:alleen|eenzaam\w*|niemand|vrienden|vriendin\w*|vriendschap\w*|vriendengroep"
    r"|groepje\w*|groepsapp|gepest|pest\w*|buitengesloten|buitensluiten|genegeerd|negeren"
    r"|negeert|uitgelachen|uitlachen|lachen me uit|uitgescholden|scholden|gedumpt|dumpen"
    r"|erbij|nergens bij|hoor er niet bij|onzichtbaar|huil\w*|gehuild|jank\w*|gejankt|tranen"
    r"|verdrietig\w*|verdriet|somber\w*|down|sad|lonely|alone|friends|bullied|left out"
    r"|leeg|rot|kut|kutdag|waardeloos|niks waard|niets waard|saai|verveel\w*|mis|mist|missen"
    r"|haat (?:mijn|mn|m|dit) (?:leven|leve|life)|haat mezelf|hate my life|mijn leven is"
    r"|mn leven is|leven is (?:\S+ )?(?:kut|saai|zooi|puinhoop|grap|shit)|fml|life sucks"
    r"|puinhoop|zooi|verloren|nooit uitgenodigd|uitgenodigd"
    # a parent who has no time or attention (safety5)
    r"|nooit tijd|geen tijd|weinig tijd|geen aandacht|nooit aandacht|luistert (?:\S+ )?(?:nooit|niet)"
    r"|nooit thuis|altijd (?:aan het )?werk\w*|altijd druk|op (?:haar|zijn) telefoon|boeit niet"
    r"|never (?:have |has )?time|no time for me)\b",
)

_EXPLICIT = (
    # death, dying, suicide (Dutch "die" is a pronoun: English "die" only after want/to/i)
    r"\b(?:dood\w*|dode|doot|sterf\w*|sterv\w*|gestorven|overlijd\w*|zelfmoord\w*|zelfdoding"
    r"|suicid\w*|suizid\w*|kill\w*|dying|dead|death|begrafenis|funeral|graf|kist|doodmaken"
    r"|van kant|hemel|heaven)\b",
    r"\b(?:to|wanna|i|gonna|just|should|could|will) die\b",
    # the end of one's life, not existing, being gone for good, a burden
    r"\b(?:einde|eind|end it|end my|end this|beeindig\w*|leven nemen|mijn leven|mn leven"
    r"|my life)\b (?:\S+ ){0,3}?(?:aan|maken|nemen|beeindigen|stoppen|eruit|weg|end\w*)\b",
    r"\beind aan\b|\been einde\b|\bend (?:it|my life)\b|\bbeeindig\w*|\bophoud\w*|\bophouden\b",
    r"\b(?:stopt|stoppen|ophoudt|voorbij) (?:\S+ )?(?:voor altijd|voorgoed)\b|\bwil dat (?:het|alles) (?:\S+ )?(?:stopt|ophoudt)\b",
    r"\b(?:geen reden|no reason|door te gaan|doorgaan met leven|alive|klaar met (?:het |mijn |mn )?leven"
    r"|om voor te leven|to live for|niet van terug\w*|never come back|ongeluk krijg\w*)\b",
    r"\b(?:niet meer|nie meer|nooit meer|geen) (?:\S+ ){0,2}?(?:leven|leve|bestaan|wakker"
    r"|zijn|ben|was|is|wordt|word|ademen)\b",
    r"\b(?:wil|wl|wou|kan|kn) (?:\S+ )?(?:niet|nie) meer\b",
    r"\b(?:not|never) (?:wake up|be here|exist|be alive|want to live|want to be here)\b",
    r"\b(?:cant|can't) (?:do this|go on|take it) anymore\b|\bno reason to\b",
    r"\bgeen zin meer\b|\bzinloos\b|\bpointless\b",
    r"\b(?:voorgoed|voor altijd weg|for good|forever gone|verdwijnen voor altijd)\b",
    r"\b(?:wil|wl|wou|want to|wanna) (?:\S+ )?(?:verdwijnen|disappear)\b",
    r"\b(?:missen|mist|merken|merkt|miss|notice) (?:\S+ ){0,2}?(?:als|if|when) (?:ik|k|i)\b",
    # a burden; "zonder mij" only as "better without me" ("ze maken plannen zonder mij" is
    # being left out, safety5)
    r"\b(?:tot last|een last|last voor|burden)\b",
    r"\b(?:beter|blijer|gelukkiger|makkelijker|rustiger|better|happier) (?:\S+ ){0,3}(?:af )?(?:zonder mij"
    r"|without me)\b|\b(?:zonder mij|without me) (?:\S+ ){0,3}(?:beter|blijer|gelukkiger|makkelijker"
    r"|rustiger|better|happier)\b",
    # not being there any more: "dan ben ik er niet meer" (safety5)
    r"\b(?:ben|zijn|is|zal|zou) (?:\S+ ){0,2}er (?:\S+ )?(?:niet|nie|nooit) meer\b",
    r"\bafscheit\w*|\bafscheidsbrie\w*",
    # self-harm
    r"\b(?:snij\w*|sneed|gesneden|kras\w*|cut\w*|self ?harm\w*|selfharm\w*|bloed\w*|bleed\w*"
    r"|aandoen|aan te doen|pijn (?:te )?doen|pijn aandoen|hurt (?:my|me)self|hurt myself"
    r"|sla mezelf|mezelf slaan|hoofd tegen de muur|brand\w*|gebrand|verbrand\w*|aansteker|sigaret\w*"
    r"|mezelf (?:\S+ )?pijn|mezelf (?:\S+ )?aan|verdien het|deserve it|aan doen)\b",
    # means and places
    rf"\b{PILLS}\b",
    r"\b(?:touw|strop|rope|noose|ophang\w*|hang\w*|opgehangen|mes|messen|mesje\w*|knife"
    r"|scheermes\w*|gif|vergif\w*|bleek\w*|gas|pistool|wapen\w*|gun|overdosis|overdose"
    r"|spring\w*|sprong|gesprongen|jump\w*|dak|flat|brug|bridge|roof|spoor|trein\w*|train"
    r"|perron|rails|overweg|balkon|reling|raam|snelweg|hoe hoog|overleven|survive"
    r"|onder een (?:auto|trein|bus)|verdrinken|drown\w*"
    r"|\w*knuppel\w*|bat|stok|hamer|schaar|kapmes|machete|bijl|boksbeugel|taser|vuurwapen\w*"
    r"|verstik\w*|stikken|uitlaatgassen|motor aan|viaduct|water in|zee in|de zee|haven|pier"
    r"|kookplaat|ramen dicht|bewusteloos|flauw\w*|chok\w*|wurg\w*|gewurgd|insuline|ingespoten"
    r"|ingenomen|genomen|geslikt|medicijnkast|knuppel\w*|nek|neck|rand|vensterbank|loslaten"
    r"|laat (?:\S+ )?los|gedrogeerd|drugs|a\d+|lopen langs|autos razen)\b",
    # being put down by someone: emotional abuse names no violence word (safety5)
    r"\b(?:zegt|zei|zeggen|roept|noemt|noemen|scheldt|schelden) (?:\S+ ){0,3}(?:dat ik|me|mij|ons)\b"
    r".{0,40}\b(?:niks|niets|waardeloos|dom|lelijk|stom|mislukt|fout|schuld|geboren|haat|hate)\b",
    # neglect or put-downs at home (these stay danger cues beside loneliness words)
    r"\b(?:thuis|ouders|vader|moeder|pa|ma|papa|mama|stiefvader|stiefmoeder|parents|dad|mom)\b"
    r".{0,40}\b(?:uitgescholden|gekleineerd|uitgelachen|vernederd|zonder eten|niks te eten"
    r"|is er niks|alleen (?:laten|gelaten|thuis)|laten (?:me|ons|mij) (?:\S+ ){0,2}alleen"
    r"|zorg\w* (?:\S+ )?(?:niet|nooit) voor|let (?:\S+ )?op (?:mij|me)|telefoon af|mag niemand"
    r"|week alleen|dagen alleen)\b",
    r"\b(?:uitgescholden|gekleineerd|vernederd|alleen gelaten)\b.{0,30}\bthuis\b"
    r"|\bthuis (?:\S+ ){0,3}(?:uitgescholden|gekleineerd|vernederd|alleen gelaten)\b",
    r"\b(?:niet gewassen|geen warm water|niemand (?:\S+ )?(?:regelt|zorgt)|voor (?:haar|hem) zorgen)\b",
    # eating: "alleen water", weight
    r"\b(?:alleen (?:water|thee)|water al|gegeten|weeg\w*|gewicht|calorie\w*|kilo\w*)\b",
    # violence, abuse, threats, coercion, running away, eating-disorder danger
    r"\b(?:sla|slaa\w*|slaat|sloeg|geslagen|schop\w*|mishandel\w*|misbruik\w*|verkracht\w*"
    r"|aanrak\w*|aangeraakt|aan me zitten|aan mij zitten|betast\w*|dreig\w*|bedreig\w*"
    r"|vermoord\w*|moord\w*|chanteer\w*|chantage|naakt\w*|nudes|seks\w*|sex\w*|uithuwelijk\w*"
    r"|trouwen met|eerwraak|eergerelateerd\w*|geweld\w*|violen\w*|abus\w*|rape\w*|hits? me|beats? me|hit me"
    r"|touch\w* me|threat\w*|durf niet naar huis|niet naar huis|van huis weg\w*|weggelopen"
    r"|weglopen van huis|op straat|dakloos|eet niet meer|niet meer eten|overgeven|braken"
    r"|kots\w*|laxeer\w*|112|help|aangerand|aanrand\w*|raakt (?:\S+ )?aan|zit aan me|klappen"
    r"|stomp\w*|duw\w*|tegen de muur|gooit|opgesloten|sluit\w* (?:\S+ )?op|sluiten me|straf"
    r"|geen eten|niks (?:meer )?(?:eten|eet)|eet (?:al )?\S* ?(?:niks|niets)|dunner|afvallen"
    r"|trouw\w*|loverboy|pooier|geheim|niemand (?:\S+ )?vertellen|aan niemand|alleen kom\w*"
    r"|verliefd op me|na school blijven|fotos|foto s|pics|dingen met me|houdt me (?:\S+ )?vast"
    r"|laat me niet|bang|s nachts (?:\S+ )?kamer|op mijn kamer|mijn kamer in|dwing\w*|moet van)\b",
)
# A parent or carer as the actor, home (emotional abuse often names no violence word). Alone
# beside loneliness words it is no danger cue (``has_danger_cue(carer=False)``): "mijn vader
# heeft nooit tijd voor me" is sadness about a busy parent (safety5: such lines got the full
# crisis reply on the model's word).
_CARER = (
    r"\b(?:thuis|(?:mijn|mn|m|me|onze|my) (?:vader|moeder|ouders|pa|ma|papa|mama|stiefvader"
    r"|stiefmoeder|stiefpa|stiefma|pleegvader|pleegmoeder|parents|dad|mom|stepdad|stepmom))\b",
)
# Plans and farewells without saying what: a danger cue, but not an explicit one (after calm
# small talk the question fits them better than the crisis reply, see ``net``).
_VEILED = (
    # plans, farewells, giving things away
    r"\b(?:nadenk\w*|denk\w*|nagedacht) (?:\S+ ){0,4}?hoe (?:ik|k) het\b",
    r"\b(?:afscheid\w*|vaarwel|goodbye|laatste (?:bericht|woorden|keer|appje|brief)|last message"
    r"|weggeven|weg geven|weggegeven|give away|gave away|plan om|a plan|een plan|gedag gezegd"
    r"|brief|sorry voor alles|datum|lange reis|bedankt voor alles|thanks for everything)\b",
    # veiled plans and farewells
    r"\b(?:laatste\w*|spullen|verdeel\w*|verdeeld|hierna|straks (?:niet|geen|niks)"
    r"|zorgen (?:\S+ )?(?:om|over) (?:mij|me)|(?:ga|gaat|gaan) (?:\S+ )?(?:herstellen|oplossen))\b",
)
DANGER_CUES = compile_squashed(*_EXPLICIT, *_CARER, *_VEILED)
_DANGER_BUT_CARER = compile_squashed(*_EXPLICIT, *_VEILED)
# Death, dying, self-harm, a means or a place, violence or abuse named outright.
EXPLICIT_CUES = compile_squashed(*_EXPLICIT, *_CARER)


def has_danger_cue(text: str, *, carer: bool = True) -> bool:
    """Whether any spelling of ``text`` (its first 4000 characters) names a danger cue; with
    ``carer=False`` a parent or home named without any other danger cue does not count."""
    pattern = DANGER_CUES if carer else _DANGER_BUT_CARER
    return any(pattern.search(s) for s in spellings(text[:4000]))


def has_explicit_cue(text: str) -> bool:
    """Whether any spelling of ``text`` names an explicit danger cue (not only a veiled plan)."""
    return any(EXPLICIT_CUES.search(s) for s in spellings(text[:4000]))


def has_lonely_cue(text: str) -> bool:
    """Whether any spelling of ``text`` names loneliness, sadness or venting (``LONELY_CUES``)."""
    return any(LONELY_CUES.search(s) for s in spellings(text[:4000]))


# A farewell note or words anywhere in the message: support for a place that is also
# everyday (a platform, a balcony), however far from it (safety5: "Ik zit op het perron ... Ik
# heb een briefje op mijn bed gelegd" in a long message).
FAREWELL_CUES = compile_squashed(
    r"\b(?:briefje|brief|berichtje) (?:\S+ ){0,3}(?:op|voor|achter|onder) (?:\S+ ){0,2}(?:bed|bureau"
    r"|kussen|tafel|kamer|mijn ouders|mijn moeder|mijn vader|mama|papa)\b",
    r"\b(?:afscheidsbrie\w*|afscheitsbrie\w*|sorry voor alles|vergeef (?:me|mij)|vaarwel|goodbye"
    r"|niemand (?:\S+ )?(?:mist|missen)|mijn laatste (?:bericht|berichtje|appje|woorden))\b",
)


def has_farewell_cue(text: str) -> bool:
    """Whether any spelling of ``text`` names a farewell note or farewell words."""
    return any(FAREWELL_CUES.search(s) for s in spellings(text[:4000]))


# Now, tonight, in a few minutes: a crisis said to happen now is acute danger (112 first).
# "Ben je nu in gevaar? Bel 112" before the rest costs a sentence when it is not acute.
NOW_CUES = compile_squashed(
    r"\b(?:nu|nu meteen|zo meteen|meteen|zometeen|straks|vannacht|vanavond|right now|rn|now"
    r"|tonight|op dit moment|over (?:\S+ )?(?:minuten|minuutje|minuut|uurtje|kwartier))\b",
)


def is_now(text: str) -> bool:
    """Whether any spelling of ``text`` says that something happens now or tonight."""
    return any(NOW_CUES.search(s) for s in spellings(text[:4000]))
