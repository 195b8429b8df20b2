"""Layer-1 rules for the languages young people in the Netherlands also write in.

A few unmistakable phrases each (wanting to die, killing oneself, a parent who hits, sexual
abuse), so that such a message is never left to a model that has seen only a handful of lines
in that language. Latin-script languages (Turkish, Polish, German, French, Spanish,
Portuguese, Papiamento, Moroccan Arabic written in Latin letters) follow ``patterns``'
conventions: normalised, squashed, accents stripped ("ölmek" -> "olmek", "chcę" -> "chce").
Arabic and Cyrillic text loses its letters in ``normalise``, so ``SCRIPT_RULES`` are matched
against the casefolded text as written. Written from dictionaries and crisis-line phrasing,
not from any test set.
"""

from __future__ import annotations

import re

from .model import CrisisCategory
from .patterns import ABUSE, SELF_HARM, SUICIDE, Rule, _rule

__all__ = ["LANGUAGE_RULES", "SCRIPT_RULES"]

_PARENT = (
    r"(?:babam|annem|abim|ojciec|matka|ojczym|tata|mama|vater|mutter|stiefvater|papa|pere"
    r"|mere|beau pere|padre|madre|padrastro|pai|mae|padrasto|novio|namorado|copain)"
)

LANGUAGE_RULES: tuple[Rule, ...] = (
    _rule(
        "suicide_other_languages",
        "crisis",
        (SUICIDE,),
        # Turkish
        r"\bolmek istiyorum\b|\bolmek isterim\b|\bintihar\w*|\bkendimi oldur\w*"
        r"|\byasamak istemiyorum\b|\bartik yasamak\b",
        # Polish
        r"\bchce umrzec\b|\bzabije sie\b|\bzabic sie\b|\bnie chce (?:juz )?zyc\b|\bsamobojst\w*",
        # German
        r"\bich (?:will|mochte) sterben\b|\bich (?:will|mochte) nicht mehr leben\b"
        r"|\bmich umbringen\b|\bbringe mich um\b|\bselbstmord\w*|\bsuizid\w*",
        # French
        r"\bje veux mourir\b|\bme suicider\b|\b(?:vais|veux) me tuer\b|\bplus envie de vivre\b|\bveux plus vivre\b",
        # Spanish, Portuguese
        r"\bquiero morir\w*|\bme quiero matar\b|\bquiero matarme\b|\bsuicidarme\b"
        r"|\bno quiero vivir\b|\bya no quiero vivir\b|\bquero morrer\b|\b(?:vou|quero) me matar\b"
        r"|\bnao quero (?:mais )?viver\b",
        # Papiamento, Moroccan Arabic in Latin letters
        r"\bmi (?:kier|ke) muri\b|\bbghit nmout\b|\bbghit nmut\b",
    ),
    _rule(
        "self_harm_other_languages",
        "crisis",
        (SELF_HARM,),
        r"\bkendime zarar\b|\btne sie\b|\britze mich\b|\bme scarifie\b|\bme corto\b",
    ),
    _rule(
        "abuse_other_languages",
        "crisis",
        (ABUSE,),
        rf"\b{_PARENT} (?:beni )?dov\w*|\bbeni dov\w*|\btecavuz\w*",
        rf"\b{_PARENT} mnie (?:bije|bil|dotyka)\w*|\bzgwalc\w*",
        rf"\b{_PARENT} (?:schlagt|schlug|beruhrt) mich\b|\bvergewaltig\w*",
        rf"\b{_PARENT} me (?:frappe|bat|touche)\b|\bviol(?:e|ee) par\b",
        rf"\b{_PARENT} me (?:pega|golpea|toca|bate)\b|\bme violo\b|\bme violaron\b",
        figurative=False,
    ),
)

# (pattern, categories) on the casefolded text as written.
SCRIPT_RULES: tuple[tuple[re.Pattern[str], tuple[CrisisCategory, ...]], ...] = (
    # Arabic: "I want to die", "suicide", "kill myself", "I don't want to live"
    (
        re.compile(r"أريد أن أموت|اريد ان اموت|انتحار|أقتل نفسي|اقتل نفسي|لا أريد أن أعيش"),
        (SUICIDE,),
    ),
    # Russian / Ukrainian: "want to die", "kill myself", "suicide", "don't want to live"
    (
        re.compile(
            r"хочу умереть|убить себя|убью себя|покончить с собой|суицид|самоубийств"
            r"|не хочу жить|хочу померти"
        ),
        (SUICIDE,),
    ),
    # Arabic "hits me"; Russian "hits me", "touches me"
    (
        re.compile(r"يضربني|يغتصبني|бь[её]т меня|меня бь[её]т|трогает меня|меня трогает|изнасил"),
        (ABUSE,),
    ),
)
