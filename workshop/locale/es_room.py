"""Spanish for the room: moment tags, typed dots, the vote's questions, clocks, who spoke."""

MESSAGES = {
    # participation: what was said, ratings and dots apart
    "spoken": "intervenciones",
    "Spoken": "Intervenciones",
    "What each participant said: moments, expectations, ideas, quotes and notes credited "
    "to them (ratings and dots apart). Yellow: quiet so far.":
        "Lo que ha dicho cada participante: momentos, expectativas, ideas, citas y notas "
        "que se le atribuyen (valoraciones y puntos aparte). En amarillo: quien ha hablado "
        "poco hasta ahora.",
    "What each participant said in the room: the moments, expectations, ideas, quotes and "
    "notes credited to them, and their share of all that was said. Ratings and dots are "
    "shown apart: everyone gave them when asked, so they would make a silent participant "
    "look as active as the rest. A very uneven balance suggests some voices were heard "
    "less than others.":
        "Lo que dijo cada participante en la sala: los momentos, expectativas, ideas, citas "
        "y notas que se le atribuyen, y su parte de todo lo dicho. Las valoraciones y los "
        "puntos se muestran aparte: todos los dieron cuando se les pidió, así que harían "
        "parecer tan activo como los demás a quien no habló. Un reparto muy desigual indica "
        "que algunas voces se oyeron menos que otras.",
    "Said less than half the average (ratings and dots apart): {who}.":
        "Dijeron menos de la mitad de la media (valoraciones y puntos aparte): {who}.",
    # leaving a vote, exporting with one, never revealed
    "This vote is not revealed yet ({dots} dots cast, still hidden). Left hidden, its dots "
    "count nowhere and the report says it was never revealed.":
        "Esta votación aún no se ha revelado ({dots} puntos emitidos, todavía ocultos). Si "
        "queda oculta, sus puntos no cuentan en ningún sitio y el informe dice que nunca se "
        "reveló.",
    "This vote is not revealed yet (1 dot cast, still hidden). Left hidden, its dots count "
    "nowhere and the report says it was never revealed.":
        "Esta votación aún no se ha revelado (1 punto emitido, todavía oculto). Si queda "
        "oculta, sus puntos no cuentan en ningún sitio y el informe dice que nunca se reveló.",
    "Go on, hidden": "Seguir, oculta",
    "key\x04h": "s",
    "Reveal and go on": "Revelar y seguir",
    "key\x04r": "r",
    "Stay": "Quedarse",
    "key\x04s": "q",
    "vote {n} (step {step}: {title})": "la votación {n} (paso {step}: {title})",
    "{what} was never revealed: the report leaves its dots out and says so.":
        "{what} nunca se reveló: el informe deja fuera sus puntos y lo dice.",
    "{n} blind votes in all are not revealed.":
        "En total hay {n} votaciones a ciegas sin revelar.",
    "Export anyway": "Exportar de todos modos",
    "key\x04e": "e",
    "Go to the vote": "Ir a la votación",
    "key\x04g": "i",
    # clocks
    "clocks must be auto (a step's clock starts as the step is entered) or manual (only "
    "with F5), not “{value}”.":
        "clocks debe ser auto (el cronómetro de un paso arranca al entrar en él) o manual "
        "(solo con F5), no «{value}».",
    "≈: where a step's clock was not used, its time is the time between step changes.":
        "≈: donde no se usó el cronómetro de un paso, su tiempo es el que pasó entre un "
        "cambio de paso y el siguiente.",
    "Clocks start as each step is entered.":
        "Los cronómetros se ponen en marcha al entrar en cada paso.",
    "Clocks start only with F5.": "Los cronómetros solo se ponen en marcha con F5.",
    "Clocks: start with F5 only": "Cronómetros: solo con F5",
    "Clocks: start as each step is entered": "Cronómetros: al entrar en cada paso",
    "Now: each step's clock starts as the step is entered":
        "Ahora: el cronómetro de cada paso arranca al entrar en él",
    "Now: a step's clock starts only with F5":
        "Ahora: el cronómetro de un paso solo arranca con F5",
    # moments: tags typed before the words
    "no touchpoint": "sin punto de contacto",
    "Next moment:": "Próximo momento:",
    "{keys}/ {stages} · +{touch} {touch_names}: “{example}/ …”":
        "{keys}/ {stages} · +{touch} {touch_names}: «{example}/ …»",
    "shift+Tab: the list ({stages}, t, e, m, x, a number goes to that moment).":
        "shift+Tab: la lista ({stages}, t, e, m, x; un número lleva a ese momento).",
    "Go to a moment by its number": "Ir a un momento por su número",
    "Touchpoint: direct / indirect (a toggle)":
        "Punto de contacto: directo / indirecto (alterna)",
    # the technique chooser
    "Type to find a technique": "Escriba para buscar una técnica",
    "Type a few letters · ↑/↓ · Enter draws a card of that technique · Escape cancels":
        "Escriba unas letras · ↑/↓ · Enter saca una tarjeta de esa técnica · Escape cancela",
    "No technique matches “{typed}”.": "Ninguna técnica coincide con «{typed}».",
    "Most dots first (vote {n}).": "Primero los de más puntos (votación {n}).",
    # typed dots and refusals on the hint line
    "Reveal the votes (r on the voters)": "Revelar los votos (r en los votantes)",
    "Where the voter's dots go: item numbers, e.g. 3 3 5 (or 335), then Enter":
        "Dónde van los puntos: números de opción, p. ej. 3 3 5 (o 335), y Enter",
    "First moment": "Primer momento",
    "Last moment": "Último momento",
    "everyone has voted: F6 reveals": "ya han votado todos: F6 revela",
    "Tab: the voters (+/− a dot) · F6 reveal": "Tab: los votantes (+/− un punto) · F6 revela",
    "{who}: {left} of {dots} dots left · {keys}":
        "{who}: le quedan {left} de {dots} puntos · {keys}",
    "{who}: {wanted} dots typed, but each has {dots}.":
        "{who}: {wanted} puntos escritos, pero cada persona tiene {dots}.",
    "{who}: at most {cap} dots on one item ({wanted} typed for item {n}).":
        "{who}: como máximo {cap} puntos en una misma opción ({wanted} escritos para la "
        "opción {n}).",
    "{who}: at most {cap} dots on one item.": "{who}: como máximo {cap} puntos en una misma opción.",
    "“{typed}” is not an item number: type the numbers of the items, e.g. 3 3 5 (or 3x2 5).":
        "«{typed}» no es un número de opción: escriba los números de las opciones, p. ej. "
        "3 3 5 (o 3x2 5).",
    "There is no item {n} in this vote (1 to {last}).":
        "No hay opción {n} en esta votación (de 1 a {last}).",
    "{who}: 1 dot recorded.": "{who}: 1 punto anotado.",
    "{who}: {dots} dots recorded.": "{who}: {dots} puntos anotados.",
    "{who}: no dots.": "{who}: sin puntos.",
    # the gaps step, short
    "Imp.: share of the {dots} dots of vote {n}.":
        "Imp.: parte de los {dots} puntos de la votación {n}.",
    "Gap: performance − expected level, paired (n).":
        "Brecha: desempeño − nivel esperado, por parejas (n).",
    "No expected levels: no gap (n/m).": "Sin niveles esperados: sin brecha (n/m).",
    "Cross-hairs on the scale.": "Ejes en la escala.",
    "Cross-hairs at the means.": "Ejes en las medias.",
    # the export form
    "File: {name} · in {folder}": "Archivo: {name} · en {folder}",
    # the 2×2 on screen
    "→ performance today (1–5) · ↑ importance (share of the dots) · numbers: moments (#)":
        "→ desempeño hoy (1–5) · ↑ importancia (parte de los puntos) · números: momentos (#)",
    "{where}: performance {p}, importance {i}": "{where}: desempeño {p}, importancia {i}",
    "→ performance · ↑ importance · numbers: moments (#)":
        "→ desempeño · ↑ importancia · números: momentos (#)",
    "cross-hairs {p}, {i}": "ejes {p}, {i}",
    "┊ the midpoint 3": "┊ el punto medio, 3",
    "{n} not placed (no ratings or no counted vote).":
        "{n} sin colocar (sin valoraciones o sin votación que cuente).",
    # the ranked chart's headings
    "Rank": "Puesto",
    "#: the moment's number along the journey.": "#: el número del momento en el recorrido.",
}
