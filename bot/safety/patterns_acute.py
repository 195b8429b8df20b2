"""Layer-1 rules for acute danger: being at a place to jump, holding the means, having just
taken something, an intruder or violence happening now (issue 9's missed emergencies).

Written from the situations a crisis-line trainer lists (roof, bridge, railway, pills, gas,
knife, rope, intruder, violence now), not from any test set. Same conventions as
``patterns``: normalised, squashed text; "ambiguous" rules are softened by benign cues.
"""

from __future__ import annotations

from .patterns import ABUSE, ACUTE, DV, PILLS, SELF_HARM, SUICIDE, Rule, _rule

__all__ = ["ACUTE_RULES"]

_I = r"(?:ik|k|i|im|i m|i am)"
_BE_AT = r"(?:sta|staan|zit|zitten|lig|ben|loop|hang|klim|standing|sitting|im|i m|i am)"
# Places that are dangerous to be at in themselves: being there is enough for the acute reply.
_HIGH = (
    r"(?:het dak|t dak|dak van|de brug|brug|spoorbrug|viaduct|de reling|reling"
    r"|(?:de |het )?rand van (?:het |t |de |een )?(?:dak|brug|flat|viaduct|balkon|gebouw|klif)"
    r"|the roof|roof|rooftop|the edge of (?:the |a )?(?:roof|bridge|building)|the bridge"
    r"|a bridge|bridge|ledge)"
)
_RAIL = r"(?:het spoor|t spoor|spoor|de rails|rails|spoorwegovergang|train tracks|tracks)"
# Places where young people also are for ordinary reasons (a platform, a balcony, the edge of
# anything): a crisis only with support (``Rule.support``: danger words near, or layer 2 or
# earlier distress agreeing). "ik sta op het perron, de trein heeft vertraging" is a journey.
_HIGH_WEAK = (
    # "de rand van het zwembad / mijn bed": the edge of a thing that is not high is no height.
    r"(?:(?:het randje|de rand)(?! van)|het balkon|balkon|de vensterbank|het raamkozijn|raamkozijn"
    r"|de flat|een flat|een hoog gebouw|hoog gebouw|de parkeergarage|parkeergarage"
    r"|hoogste verdieping|het perron|perron|the edge|edge)"
)
_MY = r"(?:mijn|mn|m|me|my)"
_KNIFE = (
    r"(?:mes|mesje|scheermes|scheermesje|stanleymes|schaar|scherf|glasscherf|pistool|wapen"
    r"|vuurwapen|knife|blade|razor|gun)"
)
_BENIGN_PLACE = (
    r"\b(?:wacht|wachten|te wachten|wachtend|bus|fiets|fietsen|school|uitzicht|foto|fotos"
    r"|selfie|schuur|bal|goot|repareren|repareert|zonnen|feest|terras|waar moet ik|hoe loop"
    r"|hoe kom ik|ingang|locatie|join us|musical|podium|trein naar|trein uit|waiting|wait|view"
    r"|picture|party|station|welke kant|er bijna|boomhut|onderweg|kom eraan|bij jullie|lijst"
    r"|wachtlijst|kat|hond)\b"
)
_BENIGN_KNIFE = (
    r"\b(?:taart|appel|groente|groenten|koken|kook|brood|handvaardigheid|knutsel\w*|film"
    r"|serie|game|scouting|vis|vissen|snijplank|ui|uien|tomaat|kaas|cake|cooking|bread)\b"
)

ACUTE_RULES: tuple[Rule, ...] = (
    _rule(
        "at_a_height_or_the_railway",
        "ambiguous",
        (SUICIDE, ACUTE),
        rf"(?:\b{_I} |^(?:nu |hier )?){_BE_AT} (?:\S+ ){{0,3}}(?:op|bij|aan|naast|boven op|bovenop|over|in|on|at) "
        rf"(?:de |het |t |een |the |a )?(?:{_HIGH}|{_RAIL})\b",
        r"\bvolgende trein is voor mij\b|\b(?:wacht|wachten) op de trein\b.{0,30}\bspoor\b",
        cues=_BENIGN_PLACE,
    ),
    _rule(
        "at_an_ordinary_height_or_place",
        "ambiguous",
        (SUICIDE, ACUTE),
        rf"(?:\b{_I} |^(?:nu |hier )?){_BE_AT} (?:\S+ ){{0,3}}(?:op|bij|aan|naast|boven op|bovenop|over|in|on|at) "
        rf"(?:de |het |t |een |the |a )?{_HIGH_WEAK}\b",
        r"\b(?:loop|ga|fiets|ren|walking|going) (?:\S+ ){0,2}(?:naar|richting|to) "
        r"(?:het |t |de |the )?(?:spoor|rails|brug|dak|train tracks|tracks|bridge|roof)\b",
        r"\b(?:op|on) (?:de |the )?(?:rand|edge)\b(?! van| of)",
        cues=_BENIGN_PLACE,
        support=True,
    ),
    _rule(
        "about_to_jump",
        "ambiguous",
        (SUICIDE, ACUTE),
        r"\b(?:ga|gaan|spring|going to|gonna|about to) (?:\S+ ){0,2}(?:nu |zo |straks |now )?"
        r"(?:springen|spring|jump)\b(?! (?:in|op) (?:het|de) (?:zwembad|trampoline|water))",
        r"\bop het punt (?:om )?(?:te springen|het te doen|mezelf|mijzelf|er een eind)\b",
        r"\b(?:about to|going to) (?:jump|do it|end it)\b",
        cues=r"\b(?:zwembad|trampoline|duikplank|sloot|pool|bungee\w*|parachute|touwtje"
        r"|hoogspringen|verspringen|klimhal)\b",
    ),
    _rule(
        "means_in_hand",
        "ambiguous",
        (SUICIDE, ACUTE),
        rf"\b{_KNIFE} (?:\S+ ){{0,2}}(?:in {_MY} hand|vast\b|tegen {_MY} (?:pols|polsen|arm|keel"
        r"|nek|buik|hals)|to my (?:wrist|throat|arm))",
        rf"\b(?:heb|hou|houd|holding|have) (?:\S+ ){{0,2}}(?:een |het |de |a |my )?{_KNIFE} "
        r"(?:\S+ )?(?:vast|gepakt|in mijn hand|in my hand|klaar)\b",
        rf"\b(?:lig|zit) (?:\S+ ){{0,2}}(?:in bad|in de badkamer) (?:\S+ ){{0,2}}{_KNIFE}\b",
        rf"\b(?:vaders|moeders|{_MY} vader zijn) (?:pistool|wapen)\b|\bik heb een (?:pistool"
        r"|vuurwapen)\b",
        cues=_BENIGN_KNIFE,
    ),
    _rule(
        "rope_gas_poison",
        "ambiguous",
        (SUICIDE, ACUTE),
        r"\b(?:touw|strop|riem|rope|noose|belt)\b (?:\S+ ){0,3}(?:vastgemaakt|hangt|klaar|om"
        r" (?:mijn|mn|m) (?:nek|hals)|around my neck|gemaakt|ready)\b",
        r"\bstrop\b|\bnoose\b|\bhang (?:al )?bijna\b|\bop een stoel met een touw\b",
        r"\bmotor (?:\S+ )?aan in de garage\b",
        r"\b(?:bleek|schoonmaakmiddel|rattengif|gif|antivries|ontstopper|bleach|poison)\b "
        r"(?:\S+ ){0,2}(?:gedronken|genomen|ingenomen|geslikt|opgedronken|drank|drunk|took"
        r"|swallowed)\b",
        cues=r"\b(?:barbecue|bbq|koken|kook|fornuis|pan|eten|kachel|pizza|verwarming|gasrekening"
        r"|gasfles|gas op|springtouw|touwtje|werkstuk|knutsel\w*|broek)\b",
    ),
    _rule(
        # Gas and the oven are on in every kitchen: a crisis only with support (Rule.support).
        "gas_on",
        "ambiguous",
        (SUICIDE, ACUTE),
        r"\b(?:gas|gaskraan|gasfornuis|oven|koolmonoxide|the gas)\b (?:\S+ ){0,2}(?:open|opengezet"
        r"|opengedraaid|open gedraaid|aangezet|aan|on)\b",
        r"\b(?:opengezet|opengedraaid|open gedraaid|aangezet|turned on)\b (?:\S+ ){0,2}(?:het |de |the )?"
        r"(?:gas|gaskraan)\b",
        # "te veel op" is also "te veel op mijn telefoon": a quantity "op" needs support too.
        r"\b(?:alles|te veel|teveel|een potje|een pot|een doos|een handvol|strips|strip|paar"
        r" strips) (?:\S+ ){0,4}op\b",
        cues=r"\b(?:barbecue|bbq|koken|kook|fornuis|pan|eten|kachel|pizza|verwarming|gasrekening"
        r"|gasfles|gas op|pasta|recept|pannenkoek\w*|bakken|soep|thee|rijst|aardappel\w*|eieren|wok|scooter|brommer|auto|telefoon|mobiel"
        r"|geld|zakgeld|snoep|chips)\b",
        support=True,
    ),
    _rule(
        "took_something",
        "ambiguous",
        (SUICIDE, ACUTE),
        r"\b(?:pillen|pil|medicijnen|pills|meds|tabletten|slaappillen) (?:\S+ ){0,3}(?:gnomen"
        r"|genome|genomn|ingenome|geslikt|geslikd|genoomen)\b",
        r"\b(?:pillen|medicijnen|medicatie|slaappillen) van (?:mijn|mn|m) (?:\S+ )?(?:moeder|vader"
        r"|ma|pa|oma|opa|mama|papa|ouders|zus|broer) (?:\S+ ){0,2}(?:genomen|ingenomen|geslikt|op)\b",
        r"\b(?:alles|te veel|teveel|een potje|een pot|een doos|een handvol|strips|strip|paar"
        r" strips) (?:\S+ ){0,4}(?:genomen|ingenomen|geslikt|leeggegeten|leeg gegeten)\b",
        r"\b(?:na|van) (?:die|de) pillen\b|\bpot(?:je)? pillen leeg\b",
        r"\b(?:i|just) (?:took|swallowed|overdosed)\b|\boverdosed\b",
        # Already inside and working: "de tabletten liggen al in mijn maag", "beginnen te werken".
        rf"\b{PILLS}\b.{{0,40}}\b(?:in (?:mijn|mn|m|my) (?:maag|stomach)|beginnen te werken"
        r"|werken al|kicking in)\b",
        # Not wanting to be rescued: something has been done.
        r"\b(?:wil|wl) (?:\S+ )?(?:niet|nie) (?:meer )?gered (?:worden|te worden)\b"
        r"|\bdont (?:want to )?(?:be )?(?:saved|rescued)\b",
        r"\biets in (?:mijn|mn) (?:drankje|drinken|drink)\b|\bdronken gevoerd\b|\bdrugged\b",
        cues=r"\b(?:hoofdpijn|griep|koorts|buikpijn|allergie|hooikoorts|dokter|huisarts"
        r"|voorgeschreven|ongesteld|kiespijn|migraine|headache|adhd|astma|vitamines|antibiotica"
        r"|hoestdrankje|vergeten|de pil|anticonceptie)\b",
    ),
    _rule(
        "bleeding",
        "ambiguous",
        (SELF_HARM, ACUTE),
        r"\bbloed (?:\S+ )?(?:stopt|houdt|gaat) (?:\S+ )?(?:niet|nie)\b|\bte diep (?:gesneden"
        r"|gekrast|gesneden)\b|\bcut too deep\b|\b(?:wont|won t|doesnt) stop bleeding\b"
        r"|\bbloed (?:heel erg|zo erg|heel veel)\b",
        cues=r"\b(?:neus|bloedneus|knie|vinger|papier|tand|lip|ongesteld)\b",
    ),
    _rule(
        "intruder",
        "crisis",
        (ACUTE,),
        r"\ber (?:is|zit|loopt|staat|komt) (?:\S+ )?(?:iemand|een (?:vreemde )?(?:man|vent|vrouw"
        r"|persoon|inbreker)) (?:\S+ ){0,4}(?:in|door|binnen in) (?:ons|mijn|mn|het|m) huis\b",
        r"\ber (?:is|zit) iemand (?:binnen|in huis)\b",
        r"\b(?:someone|somebody|a man|a stranger)(?: is)? (?:\S+ )?(?:in my house|in our house"
        r"|broke into|breaking into|inside)\b",
        r"\bhoor iemand (?:\S+ ){0,2}(?:inbreken|binnenkomen|in huis|in de gang|beneden)\b",
        r"\biemand (?:probeert|wil) (?:\S+ ){0,2}binnen te komen\b|\bkomt iemand binnen die\b",
        r"\bingebroken\b|\binbreken\b.{0,30}\b(?:binnen|beneden|nog|hier|nu)\b",
        r"\bmet een bivakmuts\b",
    ),
    _rule(
        "violence_now",
        "ambiguous",
        (ABUSE, DV, ACUTE),
        r"\b(?:slaat|slaan|schopt|wurgt|mishandelt|hits|hitting|beating|choking) (?:\S+ ){0,3}"
        r"(?:nu|op dit moment|right now|now)\b",
        r"\b(?:is|zijn) (?:\S+ ){0,3}(?:nu )?aan het (?:slaan|vechten|schoppen|wurgen)\b",
        r"\b(?:staat|zwaait|loopt|komt|zit|staan|komen) (?:\S+ ){0,3}met (?:een |zijn |messen"
        r" )?(?:mes|messen|wapen|pistool|knife|gun)\b",
        r"\b(?:hij|ze|zij|he|she|they) (?:heeft|hebben|has|have|got) (?:een |zijn |haar |a )?"
        r"(?:mes|wapen|pistool|knife|gun)\b|\ber ligt een (?:wapen|pistool)\b",
        r"\b(?:komt|komen) (?:me|mij|ons) (?:\S+ ){0,2}(?:vermoorden|doodmaken|neersteken"
        r"|steken)\b",
        r"\b(?:trapt|schopt|bonkt) (?:\S+ )?(?:op )?de deur\b|\bslaat op de deur\b"
        r"|\bdeur in te trappen\b",
        r"\b(?:wurgt|wurgde|gewurgd|choking me|strangl\w*)\b",
        r"\b(?:verstop|verstopt|opgesloten) (?:\S+ ){0,3}(?:want|omdat) (?:hij|ze|zij) (?:\S+ ){0,3}"
        r"(?:boos|slaan|slaat|zoekt|dronken)\b|\bhij zoekt me\b",
        r"\bvoor de deur\b.{0,30}\b(?:bedreig\w*|dreigt|schreeuwt|pakt)\b",
        r"\bdoor het lint\b",
        cues=r"\b(?:film|serie|game|gta|fifa|among us|boek|nieuws|scouting|taart|koken|vis"
        r"|ophalen|brengen|eten)\b",
        figurative=False,
    ),
    _rule(
        "followed_or_held",
        "ambiguous",
        (ABUSE, ACUTE),
        r"\b(?:volgt|achtervolgt|volgde) (?:\S+ ){0,2}(?:mij|me)\b|\b(?:word|wordt|ben) (?:\S+ )?"
        r"(?:gevolgd|achtervolgd) door\b|\bloopt (?:\S+ )?achter me aan\b|\bfollowing me\b",
        r"\b(?:vastgehouden|vastgebonden|ontvoerd|opgesloten)\b|\bkidnapped\b|\blocked in\b",
        r"\blaat me niet uitstappen\b|\bmag (?:\S+ )?niet weg\b",
        r"\b(?:neergestoken|gestoken|stabbed)\b",
        r"\b(?:reageert|reageerd) (?:\S+ )?(?:niet|nie)\b|\bwordt niet (?:meer )?wakker\b"
        r"|\bwont wake up\b",
        cues=r"\b(?:pech|instagram|insta|tiktok|volgers|snap|twitter|x|youtube|broertje|zusje|overal"
        r"|hond|kat|wesp|bij|mug|kamer op slot|straf|terug|bericht|app|appje|whatsapp)\b",
        figurative=False,
    ),
)
