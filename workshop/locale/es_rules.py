"""Spanish for the core messages added while testing it (redo, damaged files…)."""

MESSAGES = {
    "There is no finding {id}.": "No hay ningún hallazgo {id}.",
    "The change says nothing to change.": "El cambio no dice qué cambiar.",
    "There is nothing to redo.": "No hay nada que rehacer.",
    "This entry has dots in a vote already revealed: deleting it would change the results.":
        "Esta entrada tiene puntos en una votación ya revelada: borrarla cambiaría los resultados.",
    "event {id} cannot be read": "no se puede leer el evento {id}",
    "At most {most} participants: a focus group has six to eight.":
        "Como mucho {most} participantes: un grupo focal tiene de seis a ocho.",
    "{path} cannot be written here (a read-only file or folder). Look at it with workshop replay {path}, or copy it to a folder you can write to.":
        "{path} no se puede escribir aquí (archivo o carpeta de solo lectura). Véalo con "
        "workshop replay {path}, o cópielo a una carpeta donde pueda escribir.",
}
