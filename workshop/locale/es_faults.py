"""Spanish for the messages about disks and damaged files (store, fault handling)."""

MESSAGES = {
    "Could not create {path}: {why}.": "No se pudo crear {path}: {why}.",
    "the disk stopped answering (was it removed?)": "el disco dejó de responder (¿se retiró?)",
    "Could not write {path}: {why}.": "No se pudo escribir {path}: {why}.",
    # a crash: one line, the details in a private log
    "workshop stopped on an unexpected error. Everything saved before it is safe. "
    "Details, with participants' names replaced by pseudonyms: {path}":
        "workshop se detuvo por un error inesperado. Todo lo guardado antes está a salvo. "
        "Los detalles, con los nombres de los participantes sustituidos por seudónimos: {path}",
    "workshop stopped on an unexpected error. Everything saved before it is safe. "
    "(The details could not be written to a log file.)":
        "workshop se detuvo por un error inesperado. Todo lo guardado antes está a salvo. "
        "(No se pudieron escribir los detalles en un archivo de registro.)",
}
