"""Spanish for the core messages added while testing it (redo, damaged files…)."""

MESSAGES = {
    "There is nothing to redo.": "No hay nada que rehacer.",
    "This entry has dots in a vote already revealed: deleting it would change the results.":
        "Esta entrada tiene puntos en una votación ya revelada: borrarla cambiaría los resultados.",
    "event {id} cannot be read": "no se puede leer el evento {id}",
    "At most {most} participants: a focus group has six to eight.":
        "Como mucho {most} participantes: un grupo focal tiene de seis a ocho.",
}
