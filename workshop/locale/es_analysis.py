"""Spanish for the analysis (workshop.core.analysis)."""

MESSAGES = {
    # The four quadrants of importance–performance analysis (the same words as es_report).
    "Concentrate here": "Concentrarse aquí",
    "Keep up the good work": "Mantener el buen trabajo",
    "Low priority": "Baja prioridad",
    "Possible overkill": "Posible exceso",
    "No vote counts yet: importance and expectation need a revealed vote.":
        "Aún no cuenta ninguna votación: la importancia y la expectativa necesitan una "
        "votación revelada.",
    "Importance: dots per voter in vote {n} ({voters} voters). Expectation: 1 + 4 × dots / "
    "the most dots, so the top moment expects 5.":
        "Importancia: puntos por votante en la votación {n} ({voters} votantes). Expectativa: "
        "1 + 4 × puntos / el máximo de puntos, así que el momento más votado espera un 5.",
    "Importance: dots per voter in vote {n} on ideas, each idea counted for its moment "
    "({voters} voters). Expectation: 1 + 4 × dots / the most dots.":
        "Importancia: puntos por votante en la votación {n} sobre ideas, cada idea contada "
        "para su momento ({voters} votantes). Expectativa: 1 + 4 × puntos / el máximo de puntos.",
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
