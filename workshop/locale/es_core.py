"""Spanish for the core: rules, session files, summaries."""

MESSAGES = {
    # catalog / summary
    "finished": "terminada",
    "not started": "sin empezar",
    "step {n} of {total}: {title}": "paso {n} de {total}: {title}",
    "Client: {client}": "Cliente: {client}",
    "Date: {date}": "Fecha: {date}",
    "Script: {script}": "Guion: {script}",
    "Status: {status}": "Estado: {status}",
    "Participants: {n}": "Participantes: {n}",
    "Steps (planned / elapsed minutes)": "Pasos (minutos previstos / transcurridos)",
    "Moments of truth: {n}": "Momentos de la verdad: {n}",
    "no stage": "sin etapa",
    "before": "antes",
    "during": "durante",
    "after": "después",
    "{text} (expectations {x}, rating {mean}, ideas {i})":
        "{text} (expectativas {x}, valoración {mean}, ideas {i})",
    "moments": "momentos",
    "ideas": "ideas",
    "Vote {n} on {target}: {cast} dots cast": "Votación {n} sobre {target}: {cast} puntos emitidos",
    "(hidden until revealed)": "(ocultos hasta que se revelen)",
    "Actions and next steps: {n}": "Acciones y próximos pasos: {n}",
    # session files
    "{path} is a SQLite file, but not a workshop session.":
        "{path} es un archivo SQLite, pero no una sesión de workshop.",
    "{path} was written by a newer version of workshop (schema {found}; this one reads up to {known}). Update workshop to open it.":
        "{path} lo escribió una versión más reciente de workshop (esquema {found}; esta lee hasta el {known}). Actualice workshop para abrirlo.",
    "{path} is damaged: the table {table} is missing.": "{path} está dañado: falta la tabla {table}.",
    "{path}: no such session file.": "{path}: no existe ese archivo de sesión.",
    "{path} is a folder, not a session file.": "{path} es una carpeta, no un archivo de sesión.",
    "{path} cannot be read ({why}).": "{path} no se puede leer ({why}).",
    "{path} is empty: it is not a session file.": "{path} está vacío: no es un archivo de sesión.",
    "{path} is not a workshop session file.": "{path} no es un archivo de sesión de workshop.",
    "{path} is damaged ({why}).": "{path} está dañado ({why}).",
    "{path} is open read-only.": "{path} está abierto solo para lectura.",
    "{path} already exists.": "{path} ya existe.",
    "{path} is already open in another window. Close it there first, or look at it read-only with: workshop replay {path}":
        "{path} ya está abierto en otra ventana. Ciérrelo allí primero, o consúltelo solo para lectura con: workshop replay {path}",
    "the disk is full": "el disco está lleno",
    "the file or its folder cannot be written": "no se puede escribir en el archivo o en su carpeta",
    "the file was moved or deleted": "el archivo se ha movido o borrado",
    "Could not save to {path}: {why}. Everything recorded before is safe; save a copy elsewhere to go on.":
        "No se pudo guardar en {path}: {why}. Todo lo registrado antes está a salvo; guarde una copia en otro lugar para continuar.",
    # rules
    "group": "grupo",
    "There is no moment {mid}.": "No existe el momento {mid}.",
    "Participant {pid} already exists.": "El participante {pid} ya existe.",
    "The text is empty.": "El texto está vacío.",
    "There is no step {step}.": "No existe el paso {step}.",
    "Moment {mid} already exists.": "El momento {mid} ya existe.",
    "There is no position {index}.": "No existe la posición {index}.",
    "A moment cannot be merged into itself.": "Un momento no puede fusionarse consigo mismo.",
    "Moment {mid} already has votes: merge duplicates before voting.":
        "El momento {mid} ya tiene votos: fusione los duplicados antes de votar.",
    "A rating needs a participant.": "Una valoración necesita un participante.",
    "A rating goes from 1 to 5.": "Una valoración va de 1 a 5.",
    "There is no prompt {id}.": "No existe el estímulo {id}.",
    "Vote {id} already exists.": "La votación {id} ya existe.",
    "Each participant needs at least one dot.": "Cada participante necesita al menos un punto.",
    "The cap per item must be 1 or more.": "El máximo por opción debe ser 1 o más.",
    "This vote is closed: its results are revealed.": "Esta votación está cerrada: sus resultados ya se revelaron.",
    "There is no participant {pid}.": "No existe el participante {pid}.",
    "There is nothing to vote for with number {item}.": "No hay nada que votar con el número {item}.",
    "A vote adds or removes whole dots.": "Un voto suma o resta puntos enteros.",
    "{who} has no dot on that item to take back.": "{who} no tiene ningún punto en esa opción para retirar.",
    "{who} has no dots left ({dots} each).": "A {who} no le quedan puntos ({dots} por persona).",
    "At most {cap} dots per item for each participant.": "Como máximo {cap} puntos por opción y participante.",
    "These votes are already revealed.": "Estos votos ya están revelados.",
    "Entry {id} already exists.": "La entrada {id} ya existe.",
    "Unknown value: {value} (one of: {allowed}).": "Valor desconocido: {value} (uno de: {allowed}).",
    "There is no entry {id}.": "No existe la entrada {id}.",
    "Unknown kind of change: {kind}.": "Tipo de cambio desconocido: {kind}.",
    "A change is missing data or has the wrong type: {kind}.":
        "A un cambio le faltan datos o tiene un tipo incorrecto: {kind}.",
    "There is nothing to undo.": "No hay nada que deshacer.",
    "That change cannot be undone.": "Ese cambio no se puede deshacer.",
    "That change is already undone.": "Ese cambio ya está deshecho.",
    "That change cannot be undone: {why}": "Ese cambio no se puede deshacer: {why}",
    "There is no vote {id}.": "No existe la votación {id}.",
    "This vote breaks the voting rules.": "Este voto incumple las reglas de votación.",
    "This session is open read-only.": "Esta sesión está abierta solo para lectura.",
    # what a new file may be written over (targets.py)
    "{path} cannot be looked at ({why}).": "{path} no se puede examinar ({why}).",
    "{path} is a folder, not a file.": "{path} es una carpeta, no un archivo.",
    "{path} is a device, not a file.": "{path} es un dispositivo, no un archivo.",
    "{path} is a named pipe, not a file.": "{path} es una tubería con nombre, no un archivo.",
    "{path} is a socket, not a file.": "{path} es un socket, no un archivo.",
    "{path} is not a regular file.": "{path} no es un archivo normal.",
    "Choose a file name.": "Elija un nombre de archivo.",
    "{path} cannot be read ({why}), so it is not written over.":
        "{path} no se puede leer ({why}), así que no se sobrescribe.",
    "{path} holds a database (a session file?), which is never written over. Choose "
    "another name.":
        "{path} contiene una base de datos (¿un archivo de sesión?), que nunca se "
        "sobrescribe. Elija otro nombre.",
}
