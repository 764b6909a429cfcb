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
}
