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
}
