"""Spanish for replay and research: the timeline, replay, search and compare."""

MESSAGES = {
    # timeline
    "Steps are numbered from 1.": "Los pasos se numeran desde 1.",
    "Cannot read the point “{value}”: give {help}.":
        "No se entiende el punto «{value}»: indique {help}.",
    "HH:MM:SS or MM:SS from the start of the session, #ID for an event (the board just after it), or step:N for the start of step N":
        "HH:MM:SS o MM:SS desde el inicio de la sesión, #ID para un evento (el tablero justo después) o step:N para el inicio del paso N",
    "There is no event #{id} in this session (events #{first} to #{last}).":
        "No hay ningún evento #{id} en esta sesión (eventos #{first} a #{last}).",
    "Step {n} was never started in this session.": "El paso {n} no llegó a empezar en esta sesión.",
    "an event cannot be read": "no se puede leer un evento",
    # replay --at
    "{path}: before the first event.": "{path}: antes del primer evento.",
    "{path} at {offset} from the start: event #{id} ({n} of {total}), {time} UTC.":
        "{path} a {offset} del inicio: evento #{id} ({n} de {total}), {time} UTC.",
    "On the board": "En el tablero",
    "Nothing yet.": "Todavía nada.",
    "raised by {who}": "propuesto por {who}",
    "ratings: {list} (mean {mean})": "valoraciones: {list} (media {mean})",
    "Notes and quotes": "Notas y citas",
    "quote “{text}” · {who}": "cita «{text}» · {who}",
    "note: {text}": "nota: {text}",
    "moment": "momento",
    "expectation": "expectativa",
    "idea": "idea",
    "note": "nota",
    "quote": "cita",
    "action": "acción",
    "next step": "próximo paso",
    "stated": "declarada",
    "latent": "latente",
    "moment “{text}”": "momento «{text}»",
    # search
    "Give at least one word to search for.": "Indique al menos una palabra que buscar.",
    "{path}: no such file or folder.": "{path}: no existe ese archivo ni carpeta.",
    "(an older file without a search index: searched row by row)":
        "(un archivo antiguo sin índice de búsqueda: se ha recorrido fila a fila)",
    "step {n} {title}": "paso {n} {title}",
    "before the first step": "antes del primer paso",
    "Entries found: {n} (in {sessions} of {files} session files, {seconds:.2f} s).":
        "Entradas encontradas: {n} (en {sessions} de {files} archivos de sesión, {seconds:.2f} s).",
    # compare
    "vote {n}": "la votación {n}",
    "No session file could be read.": "No se ha podido leer ningún archivo de sesión.",
    "Sessions": "Sesiones",
    "importance from {source}": "importancia según {source}",
    "no vote counts yet": "aún no cuenta ninguna votación",
    "{n} participants": "{n} participantes",
    "{n} moments": "{n} momentos",
    "dots": "puntos",
    "importance": "importancia",
    "rating (n)": "valoración (n)",
    "gap": "brecha",
    "priority": "prioridad",
    "quadrant": "cuadrante",
    "({n} of {total} sessions)": "({n} de {total} sesiones)",
    "not raised in this session": "no surgió en esta sesión",
}
