"""What the plumbing says to people: errors about dates that staff and coaches type.

How to edit (keep every {placeholder}): docs/texts.md.
"""

DATE_EXAMPLES = "vrijdag, morgen, over 2 weken, 24 oktober of 24-10"
DATE_MISSING = "Er ontbreekt een datum. Typ bijvoorbeeld {examples}."
DATE_NOT_AT_START = "Vooraan in ‘{typed}’ vind ik geen datum. Begin met bijvoorbeeld {examples}."
DATE_NOT_UNDERSTOOD = "De datum ‘{typed}’ snap ik niet. Typ bijvoorbeeld {examples}."
