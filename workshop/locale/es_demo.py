"""Spanish for the demo session builder (workshop demo)."""

MESSAGES = {
    "insight is true or false.": "insight es true o false.",
    "{path} already exists: add --force to replace it.":
        "{path} ya existe: añade --force para sustituirlo.",
    "Look at it with: workshop show {path}": "Para verla: workshop show {path}",
    "The demo source {path} is not here: run this from a checkout of workshop, or give the "
    "source with --source.":
        "La fuente de la demostración {path} no está aquí: ejecútalo desde una copia del "
        "repositorio de workshop o indica la fuente con --source.",
    "{path}: there is no such file.": "{path}: ese archivo no existe.",
    # where a mistake is
    "participant {n}": "participante {n}",
    "step {n} ({kind})": "paso {n} ({kind})",
    "step {n} ({kind}), entry at {at}": "paso {n} ({kind}), entrada en {at}",
    # what is wrong
    "“{key}” is missing or of the wrong type.": "Falta «{key}» o su tipo no es el correcto.",
    "There is no participant “{key}”.": "No hay ningún participante «{key}».",
    "Nothing called “{key}” is on the board.": "No hay nada llamado «{key}» en el tablero.",
    "The key “{key}” is already used.": "La clave «{key}» ya está en uso.",
    "Times are minutes:seconds after the start, like 12:05, not “{value}”.":
        "Los tiempos son minutos:segundos desde el inicio, como 12:05, no «{value}».",
    "This entry is earlier than the one before it.": "Esta entrada es anterior a la que la precede.",
    "start must be a local time with its offset, like 2026-10-14T17:30:00+02:00.":
        "start debe ser una hora local con su desfase, como 2026-10-14T17:30:00+02:00.",
    "spacing is a whole number of seconds.": "spacing es un número entero de segundos.",
    "Unknown setting “{key}”.": "Ajuste desconocido «{key}».",
    "The demo never enters step {n} of the script ({title}).":
        "La demostración nunca entra en el paso {n} del guion ({title}).",
    "The script has no {kind} step here: steps must follow the script's order.":
        "El guion no tiene aquí un paso {kind}: los pasos siguen el orden del guion.",
    "Each entry does exactly one thing ({known}).": "Cada entrada hace una sola cosa ({known}).",
    "timer is start or pause.": "timer es start o pause.",
    "position counts from 1.": "position se cuenta desde 1.",
    "ratings give each participant's key a mark from 1 to 5.":
        "ratings da a la clave de cada participante una nota del 1 al 5.",
    "No card “{id}” was drawn before this idea.":
        "No se sacó ninguna carta «{id}» antes de esta idea.",
    "A vote opens in a vote step.": "Una votación se abre en un paso de votación.",
    "There is no open vote in this step.": "No hay ninguna votación abierta en este paso.",
    "vote is open or reveal.": "vote es open o reveal.",
    'dots is a list of keys, like ["queue", "-fresh"].':
        'dots es una lista de claves, como ["cola", "-fresco"].',
    "Name an entry as kind:key, like idea:scango ({kinds}).":
        "Nombra una entrada como tipo:clave, como idea:escanear ({kinds}).",
    "An edit says what changes (text, stage, touchpoint, by).":
        "Una edición dice qué cambia (text, stage, touchpoint, by).",
    "Only a moment's stage, touchpoint and author can be edited; other entries change their text.":
        "Solo se pueden editar la etapa, el punto de contacto y el autor de un momento; "
        "las demás entradas cambian su texto.",
    'undo is written undo = "last".': 'undo se escribe undo = "last".',
    "finish is written finish = true.": "finish se escribe finish = true.",
}
