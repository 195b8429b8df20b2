"""Layer-1 rules for acute danger: being at a place to jump, holding the means, having just
taken something, an intruder or violence happening now (issue 9's missed emergencies).

Written from the situations a crisis-line trainer lists (roof, bridge, railway, pills, gas,
knife, rope, intruder, violence now), not from any test set. safety5 added rules that look for
a place or a means together with what is done with it in any order ("bro ik sta bovenop die
parkeergarage en ik ga eraf"), emergency services, not breathing, exhaust or poison and
someone getting in; chosen on held-back writers (``safety_eval --validate --by-author``). Same conventions as
``patterns``: normalised, squashed text; "ambiguous" rules are softened by benign cues.
"""

from __future__ import annotations

from .patterns import ABUSE, ACUTE, DV, PILLS, QTY, SELF_HARM, SUICIDE, Rule, _rule

__all__ = ["ACUTE_RULES"]

_I = r"(?:ik|k|i|im|i m|i am)"
_BE_AT = r"(?:sta|staan|stao|zit|zitten|zen|lig|ben|loop|hang|klim|standing|sitting|im|i m|i am)"
# Places that are dangerous to be at in themselves: being there is enough for the acute reply.
_HIGH = (
    r"(?:het dak|t dak|dak van|de brug|brug|spoorbrug|viaduct|de reling|reling|brugleuning|leuning van de brug"
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

# safety5: a place or a means together with what is being done with it, in any order and
# any words around them ("bro ik sta bovenop die parkeergarage en ik ga eraf", "spoor. trein
# komt", "mes. pols. nu"). Phrase rules only know the word orders their authors foresaw; a
# new writer puts the same two things in another order, in dialect or in one-word lines.
_PLACE = (
    r"(?:dak|daken|rooftop|roof|flat|flatgebouw|brug|brugleuning|bridge|viaduct|spoor|spoorbrug"
    r"|rails|tracks|reling|leuning|balkon|balcony|klif|klip|cliff|pier|kade|parkeergarage"
    r"|verdieping|toren|snelweg|highway|vensterbank|raamkozijn|ledge|edge)"
)
_WATER = r"(?:water|zee|rivier|gracht|kanaal|sluis|meer|sea|river|canal)"
# What someone does at a height, on the railway or in the water to die.
_JUMP_ACT = (
    r"(?:spring|springen|sprong|jump|jumping|eraf|er af|eraf springen|naar beneden springen"
    r"|laat me (?:\S+ )?vallen|laat mezelf vallen|mezelf laten vallen|val eraf|ga eraf"
    r"|(?:ga|gaan|spring) er (?:\S+ )?af"
    r"|stap eraf|let go|loslaten|laat los|klim over|over het hek|over de reling"
    r"|(?:trein|trijn|train) (?:\S+ )?(?:komt|komen|aan)|blijf (?:\S+ )?staan|ga (?:\S+ )?liggen|voor de trein"
    r"|ga (?:het|t) (?:nu |zo )?doen|doe (?:het|t) (?:nu|zo)|ga (?:er )?in|ga erin|loop erin"
    r"|kom niet (?:meer )?terug|doorlopen|door te lopen|loop door|naar beneden kijk\w*"
    r"|kijk (?:\S+ )?naar beneden)"
)
_MEANS = (
    rf"(?:{PILLS}|tabletjes|pilletjes|medicijnkast|medicijnkastje|potje|doosje|slaappil"
    r"|mes|mesje|scheermes|scheermesje|stanleymes|blade|knife|razor|touw|strop|rope|noose)"
)
_SWALLOWED = (
    r"(?:op|opgegeten|opgenomen|opgenome|ingenomen|ingenome|genomen|genome|geslikt|geslikd|leeg"
    r"|leeggegeten|leeggemaakt|leeggetrokken|leeg gemaakt|leeg gegeten|opgedronken|took"
    r"|swallowed|taken)"
)
_BODY = r"(?:pols|polsen|keel|hals|nek|arm|armen|ader|aders|wrist|wrists|throat|neck)"
_NOW = r"(?:nu|net|zo|straks|vannacht|vanavond|now|rn|right now|help)"
# Everyday reasons to be at these places or hold these things.
_BENIGN_ACUTE = (
    r"\b(?:haha\w*|hihi\w*|lol\w*|grapje|zwem\w*|zwembad|zomer|pootje|surf\w*|sup\w*|duik\w*"
    r"|bungee\w*|parachute|trampoline|klimhal|speeltuin|boomhut|schuur|bal|foto\w*|selfie"
    r"|uitzicht|view|wacht\w*|vertraging|vertrek\w*|overstap\w*|station|perron|trein naar"
    r"|bus|fiets\w*|school|onderweg|kom eraan|waar moet ik|hoe kom ik|ingang|bij jullie"
    r"|film|serie|game|games|gamen|fortnite|minecraft|gta|boek|verhaal|droom|droomde"
    r"|apotheek|recept|huisarts|dokter|koken|kook|taart|brood|groente\w*|snijplank|ui|uien"
    r"|vis|vissen|hengel|scouting|knutsel\w*|wond|pleister|kerst|verbouw\w*|klussen|dakgoot"
    r"|antenne|zonnepanelen|schilder\w*|opa|oma|hond|kat|duif|vogel|vakantie|strand|parkour"
    r"|freerun\w*|hobby|met de klas|met (?:\S+ )?(?:vrienden|vriendinnen)"
    r"|op de (?:trein|bus|tram|fiets|boot))\b"
)

ACUTE_RULES: tuple[Rule, ...] = (
    _rule(
        "place_and_jump",
        "ambiguous",
        (SUICIDE, ACUTE),
        rf"\b{_PLACE}\b.{{0,60}}\b{_JUMP_ACT}\b",
        rf"\b{_JUMP_ACT}\b.{{0,40}}\b(?:van|from|off|vanaf|op|on) (?:\S+ ){{0,2}}{_PLACE}\b",
        cues=_BENIGN_ACUTE,
        figurative=False,
    ),
    _rule(
        # Walking into the water: ordinary on a summer day, so the model or danger words near
        # it must agree (Rule.support).
        "into_the_water",
        "ambiguous",
        (SUICIDE, ACUTE),
        rf"\b(?:loop|lopen|ga|gaan|stap|wade|walk\w*|going) (?:\S+ ){{0,3}}(?:het |de |t |the |in the )?{_WATER} in\b",
        r"\b(?:sta|zit|ben|loop|lig) (?:\S+ ){0,3}in (?:de |het )?(?:zee|rivier|gracht|kanaal|sluis)\b",
        rf"\b(?:bij|aan|op) (?:het |de )?{_WATER}\b.{{0,40}}\b(?:niemand ziet|niemand weet|donker|ga erin|kom niet terug)\b",
        cues=r"\b(?:haha\w*|lol\w*|zwem\w*|zwembad|zomer|pootje|surf\w*|sup|suppen|duik\w*|kano\w*"
        r"|boot|zeilen|vissen|hond|warm|hitte|afkoelen|met (?:\S+ )?(?:vrienden|familie|klas))\b",
        figurative=False,
        support=True,
    ),
    _rule(
        "in_front_of_traffic",
        "ambiguous",
        (SUICIDE, ACUTE),
        r"\b(?:voor|onder) (?:een |de |die |the |a )?(?:trein|vrachtwagen|truck|auto|bus|tram"
        r"|train|car) (?:\S+ )?(?:lopen|springen|stappen|gaan liggen|liggen|jump\w*|step\w*)\b",
        r"\b(?:de |op de )?snelweg (?:\S+ )?(?:op|oplopen|op lopen|op fietsen|oprennen)\b",
        r"\b(?:trein|trijn|train) (?:\S+ ){0,3}(?:aankomen|aan komen|komt eraan|komt|coming)\b.{0,40}"
        r"\b(?:blijf (?:\S+ )?staan|ga (?:\S+ )?liggen|stap (?:\S+ )?(?:voor|op)|spring)\b",
        cues=r"\b(?:uit|oversteken|stoplicht|zebrapad|rijles|rijbewijs|examen|haha\w*|lol)\b",
        figurative=False,
    ),
    _rule(
        "all_the_pills_taken",
        "ambiguous",
        (SUICIDE, ACUTE),
        rf"\b(?:{QTY}|al (?:mijn|mn|de)|heel de|de hele|het hele|zoveel|zo veel|\d\d+) (?:\S+ ){{0,3}}"
        rf"{_MEANS} (?:\S+ ){{0,6}}{_SWALLOWED}\b",
        rf"\b{_MEANS} (?:\S+ ){{0,2}}{_SWALLOWED} (?:\S+ )?(?:alles|allemaal|all of them|everything)\b",
        rf"\b(?:alles|everything) (?:\S+ ){{0,5}}(?:uit|van|in) (?:\S+ ){{0,2}}(?:medicijnkast\w*|la|lade"
        rf"|badkamerkast\w*|potje|doosje) (?:\S+ ){{0,4}}{_SWALLOWED}\b",
        r"\b(?:alles|all) (?:wat|that) (?:\S+ ){0,3}(?:had|kon vinden|could find) (?:\S+ ){0,2}"
        r"(?:ingenomen|ingenome|genomen|geslikt|opgegeten|took|swallowed)\b",
        rf"\b(?:mijn|mn|m|my) (?:\S+ ){{0,2}}{PILLS} (?:\S+ ){{0,2}}(?:allemaal|tegelijk|in een keer|at once)"
        rf" (?:\S+ )?(?:genomen|ingenomen|geslikt|op|took|taken)\b",
        rf"\b{PILLS}\b.{{0,30}}\b(?:niet per ongeluk|expres|on purpose)\b",
        rf"\b{_MEANS} (?:\S+ ){{0,4}}(?:leeg gemaakt|leeggemaakt|leeggegeten|leeg gegeten|leeggetrokken"
        r"|leeg getrokken)\b",
        r"\b(?:alles|everything) (?:\S+ )?(?:ingenomen|ingenome|geslikt|opgegeten|genomen|took|swallowed)"
        r" (?:wat|that) (?:ik|k|i) (?:\S+ )?(?:had|kon vinden|vond|could find)\b",
        rf"\b{PILLS} van (?:mama|papa|oma|opa|mam|pap|ma|pa)\b (?:\S+ ){{0,2}}(?:genomen|ingenomen|geslikt"
        r"|op|opgegeten|opgenomen)\b",
        r"\b(?:overdosis|overdose) (?:\S+ ){0,2}(?:genomen|gepakt|ingenomen|taken|took)\b"
        r"|\b(?:took|taken|heeft|heb|nam) (?:\S+ )?(?:een |an )?(?:overdosis|overdose)\b",
        cues=r"\b(?:apotheek|recept|nieuwe|halen|bijna op|vergeten|hoofdpijn|griep|koorts|kiespijn"
        r"|nutella|pindakaas|hagelslag|jam|ijs|snoepjes|drop|pepermunt\w*|vitamine\w*"
        r"|snoep|chips|koekjes|pizza|taart|eten|drinken|cola|dokter|voorgeschreven)\b",
        figurative=False,
    ),
    _rule(
        "knife_at_the_body",
        "ambiguous",
        (SELF_HARM, ACUTE),
        rf"\b(?:mes|mesje|scheermes|scheermesje|stanleymes|blade|knife|razor|glas|scherf)\b.{{0,25}}\b{_BODY}\b",
        rf"\b{_BODY}\b.{{0,25}}\b(?:mes|mesje|scheermes|scheermesje|blade|knife|razor)\b",
        rf"\b{_BODY} (?:\S+ )?(?:opengesneden|open gesneden|doorgesneden|slit)\b",
        cues=_BENIGN_ACUTE,
        figurative=False,
    ),
    _rule(
        # One-word writers: "brug. nu." "spoor. trein komt". The place and "now" alone: the
        # model or danger words near it must agree.
        "place_now",
        "ambiguous",
        (SUICIDE, ACUTE),
        rf"^(?:\S+ )?(?:{_PLACE}|{_MEANS}) (?:\S+ ){{0,2}}{_NOW}\b",
        cues=_BENIGN_ACUTE,
        figurative=False,
        support=True,
    ),
    _rule(
        "emergency_services",
        "ambiguous",
        (ACUTE,),
        r"\b(?:bel|call) (?:\S+ )?(?:de |een |the |an |a )?(?:politie|ambulance|112|police|911)\b",
        r"\b(?:kan|kun|wil|can|could) (?:iemand|jij|je|someone|you) (?:\S+ ){0,2}(?:de |een )?"
        r"(?:politie|ambulance|112|police) (?:bellen|call\w*)\b",
        r"\b(?:heb|have|need) (?:\S+ ){0,2}(?:een |an |the )?(?:ambulance|politie|police) (?:nodig|now|nu)\b"
        r"|\bneed an ambulance\b",
        cues=r"\b(?:film|serie|game|speelgoed|spel|wanneer|waarom|wat als|moet ik|mag ik|fiets"
        r"|gestolen|gejat|werken bij|stage|beroep|later|als je|verdacht\w*|zegt|zei)\b",
        figurative=False,
    ),
    _rule(
        "not_breathing",
        "ambiguous",
        (ACUTE,),
        r"\b(?:ademt|adem) (?:\S+ ){0,2}(?:niet|nie|nauwelijks|bijna niet|heel langzaam|zo langzaam"
        r"|heel traag|raar|gek)\b|\b(?:not breathing|cant breathe|kan niet ademen|krijg geen lucht)\b",
        r"\b(?:bewusteloos|buiten bewustzijn|unconscious|passed out)\b",
        r"\b(?:zegt|reageert|beweegt) (?:\S+ )?(?:niks|niets|niet|nie) meer\b",
        cues=r"\b(?:film|serie|game|ehbo|cursus|zwemles|duik\w*|yoga|meditatie|verkouden|neus"
        r"|hardlopen|sport\w*|astma|lachen|haha\w*|slaapt|slaap|telefoon|app|appt|mobiel"
        r"|vriendin (?:\S+ )?boos|ruzie)\b",
        figurative=False,
    ),
    _rule(
        "exhaust_or_poison",
        "ambiguous",
        (SUICIDE, ACUTE),
        r"\buitlaat\w*\b.{0,30}\b(?:binnen|slang|auto|raam)\b|\bslang\b.{0,30}\buitlaat\w*\b",
        r"\bmotor (?:\S+ ){0,2}(?:draait|aan|loopt)\b.{0,60}\b(?:garage|deur (?:\S+ )?dicht|ramen dicht)\b",
        r"\bgarage\b.{0,60}\bmotor (?:\S+ ){0,2}(?:draait|aan|loopt)\b",
        r"\b(?:chloor|wc eend|ontstopper|gootsteenontstopper|schoonmaakmiddel|schoonmaakspul"
        r"|afwasmiddel|wasmiddel|bleach|antivries|lampolie|onder de gootsteen)\b.{0,40}"
        r"\b(?:gedronken|opgedronken|geslikt|drank|dronk|drunk|drinkt|opgegeten)\b",
        r"\b(?:gedronken|opgedronken|geslikt|dronk|drank|drunk) (?:\S+ ){0,6}(?:chloor|wc eend|ontstopper"
        r"|schoonmaakmiddel|schoonmaakspul|afwasmiddel|wasmiddel|bleach|antivries|lampolie"
        r"|onder de gootsteen)\b",
        cues=r"\b(?:auto wassen|repareren|monteur|garagebox|kapot|apk|schoonmaken|poetsen|per ongeluk niet)\b",
        figurative=False,
    ),
    _rule(
        "someone_getting_in",
        "ambiguous",
        (ACUTE,),
        r"\b(?:iemand|een man|een vreemde|een vent|someone|somebody|a man) (?:\S+ ){0,6}(?:probeert|wil"
        r"|trying|tries) (?:\S+ ){0,3}(?:binnen|in te komen|open te maken|open te breken|get in"
        r"|break in|to get in)\b",
        r"\b(?:iemand|een man|een vreemde|iemant) (?:\S+ )?(?:binnengekomen|binnen gekomen|binnengekome|binnen gekome"
        r"|binnengedrongen|ingebroken)\b",
        r"\biemand (?:\S+ )?in (?:ons |mijn |het |t )?huis\b.{0,20}\b(?:help|112|bang|politie)\b",
        r"\b(?:slaat|trapt|schopt|beukt|bonkt) (?:\S+ )?(?:de |onze |mijn )?deur (?:\S+ )?in\b"
        r"|\bdeur (?:\S+ )?(?:ingetrapt|ingeslagen|in getrapt)\b|\bkicked (?:\S+ )?door in\b",
        r"\b(?:mijn|mn|my|me|onze|de|die|deze) (?:\S+ )?(?:vader|pa|papa|stiefvader|stiefpa|moeder|ma"
        r"|broer|vriend|ex|oom|buurman|dad|stepdad|father|brother|boyfriend|uncle|neighbour)"
        r" (?:\S+ )?(?:heeft|has|got|houdt|pakt|grabbed|holds) (?:\S+ )?(?:een |a |zijn |his |het )?"
        r"(?:mes|knife|pistool|gun|wapen|bijl|hamer|honkbalknuppel)\b",
        cues=r"\b(?:film|serie|game|droom|droomde|boek|verhaal|nieuws|gekregen|cadeau|verjaardag"
        r"|gekocht|keuken|koken|kook|vis|vissen|zakmes|scouting|klussen|timmeren|tuin doen"
        r"|pakket|bezorger|post|monteur|loodgieter|sleutel\w*|vergeten|kat|hond)\b",
        figurative=False,
    ),
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
        r"\b(?:bloed|bloet) (?:\S+ )?(?:stopt|houdt|gaat) (?:\S+ )?(?:niet|nie)\b|\bbloet (?:heel erg|zo erg|heel veel)\b|"
        r"\bbloed (?:\S+ )?door (?:\S+ )?(?:handdoek|verband|pleister|kleren|shirt)\b|\bte diep (?:gesneden"
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
        r"\bmet (?:een |zijn |haar )?\S+ (?:te )?zwaaien\b|\bzwaait (?:\S+ )?met\b",
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
        r"\b(?:komt|komen|rent|rennen) (?:\S+ )?achter (?:me|mij|ons) aan\b|\bcoming after me\b",
        r"\blaat me niet uitstappen\b|\bmag (?:\S+ )?niet weg\b",
        r"\b(?:neergestoken|gestoken|stabbed)\b",
        r"\b(?:reageert|reageerd) (?:\S+ )?(?:niet|nie)\b|\bwordt niet (?:meer )?wakker\b"
        r"|\bwont wake up\b",
        cues=r"\b(?:pech|instagram|insta|tiktok|volgers|snap|twitter|x|youtube|broertje|zusje|overal"
        r"|hond|kat|wesp|bijen|mug|kamer op slot|straf|terug|bericht|app|appje|whatsapp)\b",
        figurative=False,
    ),
)
