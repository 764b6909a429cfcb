"""Spanish for the analysis (workshop.core.analysis)."""

MESSAGES = {
    # The four quadrants of importance–performance analysis (the same words as es_report).
    "Concentrate here": "Concentrarse aquí",
    "Keep up the good work": "Mantener el buen trabajo",
    "Low priority": "Baja prioridad",
    "Possible overkill": "Posible exceso",
    "Possible overkill, though still below the midpoint":
        "Posible exceso, aunque sigue por debajo del punto medio",
    "Cross-hairs on the scale: performance at its midpoint 3, importance at an equal share "
    "of the dots (1 of n moments).":
        "Ejes en la escala: el desempeño en su punto medio, 3, y la importancia en un reparto "
        "igual de los puntos (1 de n momentos).",
    "Cross-hairs at this group's means: high and low are relative to the other moments.":
        "Ejes en las medias de este grupo: alto y bajo son en comparación con los demás "
        "momentos.",
    "not measured: no expectation ratings in this session":
        "sin medir: en esta sesión no se valoró la expectativa",
    "no gap: nobody rated this moment on both scales":
        "sin brecha: nadie valoró este momento en las dos escalas",
    "No vote counts yet: importance needs a revealed vote.":
        "Aún no cuenta ninguna votación: la importancia necesita una votación revelada.",
    "Importance: each moment's share of the {dots} dots in vote {n} ({voters} voters).":
        "Importancia: la parte de los {dots} puntos de la votación {n} que recibió cada "
        "momento ({voters} votantes).",
    "Importance: each moment's share of the {dots} dots in vote {n} on ideas, each idea "
    "counted for its moment ({voters} voters).":
        "Importancia: la parte de los {dots} puntos de la votación {n} sobre ideas que "
        "recibió cada momento, con cada idea contada para su momento ({voters} votantes).",
    "Expectation was not measured in this session (no expectation ratings), so there is no "
    "gap; importance is a different question and is not turned into an expectation.":
        "La expectativa no se midió en esta sesión (no hay valoraciones de expectativa), así "
        "que no hay brecha; la importancia responde a otra pregunta y no se convierte en "
        "expectativa.",
    "Expectation and performance: each participant's 1–5 ratings of the level they expect "
    "and of how usual providers do it today. Gap: performance minus expectation, paired per "
    "participant, with n.":
        "Expectativa y desempeño: cada participante valoró del 1 al 5 el nivel que espera y "
        "cómo lo hacen hoy sus proveedores habituales. Brecha: desempeño menos expectativa, "
        "emparejados por participante, con su n.",
    # the figures a finding rests on
    "no figure yet": "aún sin cifra",
    "importance": "importancia",
    "expectation": "expectativa",
    "performance": "desempeño",
    "gap": "brecha",
    "weighted priority": "prioridad ponderada",
    "dots": "puntos",
    "{subject}: {measure} ({why})": "{subject}: {measure} ({why})",
    "{subject}: importance {share}% ({dots} of {total} dots)":
        "{subject}: importancia {share} % ({dots} de {total} puntos)",
    "{subject}: {dots} of {total} dots in the vote on ideas":
        "{subject}: {dots} de {total} puntos en la votación de ideas",
    "{subject}: weighted priority {value}": "{subject}: prioridad ponderada {value}",
    "{subject}: gap {value} (n = {n})": "{subject}: brecha {value} (n = {n})",
    "{subject}: expectation {value} of 5 (n = {n})":
        "{subject}: expectativa {value} de 5 (n = {n})",
    "{subject}: performance {value} of 5 (n = {n})":
        "{subject}: desempeño {value} de 5 (n = {n})",
    # workshop show (summary.py)
    "Vote {n} on {target}: {cast} dots cast by {voters} of {people} participants ({dots} each{cap})":
        "Votación {n} sobre {target}: {cast} puntos emitidos por {voters} de {people} "
        "participantes ({dots} cada uno{cap})",
    ", at most {cap} per item": ", como máximo {cap} por opción",
    "Priorities (importance × shortfall against expectation):":
        "Prioridades (importancia × lo que falta para la expectativa):",
    "{priority}  {text}: {quadrant} (performance {p}, expectation {e}, gap {gap})":
        "{priority}  {text}: {quadrant} (desempeño {p}, expectativa {e}, brecha {gap})",
}
