"""Spanish for exercise scripts, prompt decks and their commands (scripts, check)."""

MESSAGES = {
    "crosshairs must be data (at this group's means) or scale (at the scale's midpoint), "
    "not “{value}”.":
        "crosshairs debe ser data (en las medias de este grupo) o scale (en el punto medio "
        "de la escala), no «{value}».",
    "Unknown option “{key}” for a gaps step: use {known}.":
        "Opción desconocida «{key}» para un paso de brechas: use {known}.",
    # workshop/core/resources.py
    "The built-in exercises are missing: reinstall workshop.":
        "Faltan los ejercicios incluidos: vuelva a instalar workshop.",
    # workshop/core/scripts.py: loading
    "There is no built-in script called “{name}” (built-in: {names}), and no file by that name.":
        "No hay ningún guion incluido llamado «{name}» (incluidos: {names}), "
        "ni ningún archivo con ese nombre.",
    "There is no such file.": "No existe ese archivo.",
    "This is a folder, not a script file.": "Es una carpeta, no un archivo de guion.",
    "Permission denied: the file cannot be read.": "Permiso denegado: no se puede leer el archivo.",
    "The file cannot be read: {reason}.": "No se puede leer el archivo: {reason}.",
    "This line is not UTF-8 text: save the file as UTF-8.":
        "Esta línea no es texto UTF-8: guarde el archivo como UTF-8.",
    "This script cannot be read here ({error}).": "El guion no se puede leer aquí ({error}).",
    # front matter
    "A script begins with front matter on its first line: a block between two “---” lines "
    "with at least title and language.":
        "Un guion empieza en su primera línea con una cabecera: un bloque entre dos líneas "
        "«---» con al menos title y language.",
    "The front matter is not closed: end it with a line “---”.":
        "La cabecera no está cerrada: termínela con una línea «---».",
    "Cannot read this front matter line: write “key: value”.":
        "No se entiende esta línea de la cabecera: escriba «clave: valor».",
    "Unknown front matter key “{key}”: use {known}.":
        "Clave de cabecera desconocida «{key}»: use {known}.",
    "“{key}” is given twice.": "«{key}» aparece dos veces.",
    "The front matter has no {key}: add a line “{key}: …”.":
        "A la cabecera le falta {key}: añada una línea «{key}: …».",
    "“{key}” is empty.": "«{key}» está vacío.",
    "The language must be one of {known}, not “{value}”.":
        "El idioma debe ser uno de {known}, no «{value}».",
    "{key} must be a whole number from 1 to {most}, not “{value}”.":
        "{key} debe ser un número entero del 1 al {most}, no «{value}».",
    "minutes must be a number above 0 and at most {most}, not “{value}”.":
        "minutes debe ser un número mayor que 0 y como mucho {most}, no «{value}».",
    # steps
    "This script has no steps: each step is a heading like {example}.":
        "El guion no tiene pasos: cada paso es un encabezado como {example}.",
    "Text before the first step: every step starts with a heading like {example}; "
    "only comments may come before it.":
        "Hay texto antes del primer paso: cada paso empieza con un encabezado como "
        "{example}; antes solo puede haber comentarios.",
    "Steps are level-2 headings (##), as in {example}; the title goes in the front matter.":
        "Los pasos son encabezados de nivel 2 (##), como {example}; el título va en la cabecera.",
    "Attributes on a line of their own: put them at the end of the step's heading, as in {example}.":
        "Atributos en una línea aparte: póngalos al final del encabezado del paso, "
        "como en {example}.",
    "The step “{title}” needs its kind and minutes at the end of its heading, as in {example}.":
        "El paso «{title}» necesita su tipo y sus minutos al final del encabezado, "
        "como en {example}.",
    "This step has no title before its attributes.": "Este paso no tiene título antes de sus atributos.",
    "Cannot read “{part}”: attributes are written key=value, as in minutes=10.":
        "No se entiende «{part}»: los atributos se escriben clave=valor, como minutes=10.",
    "The step “{title}” has no kind: add kind=… (one of {kinds}).":
        "El paso «{title}» no tiene tipo: añada kind=… (uno de {kinds}).",
    "Unknown step kind “{kind}”: use one of {kinds}.":
        "Tipo de paso desconocido «{kind}»: use uno de {kinds}.",
    "The step “{title}” has no minutes: add minutes=… to its heading.":
        "El paso «{title}» no tiene minutos: añada minutes=… a su encabezado.",
    "Unknown option “{key}” for a {kind} step.": "Opción desconocida «{key}» para un paso {kind}.",
    "Unknown option “{key}” for a vote step: use {known}.":
        "Opción desconocida «{key}» para una votación: use {known}.",
    "A vote's target must be moments or ideas, not “{value}”.":
        "Una votación es sobre moments o ideas, no «{value}».",
    "blind must be true or false, not “{value}”.": "blind debe ser true o false, no «{value}».",
    # warnings (workshop check)
    "The steps add up to {steps} minutes but the front matter says {total}.":
        "Los pasos suman {steps} minutos, pero la cabecera dice {total}.",
    "Step {n} votes on moments, but no moments step comes before it.":
        "El paso {n} vota sobre momentos, pero antes no hay ningún paso moments.",
    "Step {n} votes on ideas, but no excellence step comes before it.":
        "El paso {n} vota sobre ideas, pero antes no hay ningún paso excellence.",
    "Step {n}: the cap per item ({cap}) is more than the dots each participant has ({dots}).":
        "Paso {n}: el máximo por elemento ({cap}) supera los puntos de cada participante ({dots}).",
    "Step {n} analyses gaps, but no expectations step (where the ratings are given) comes before it.":
        "El paso {n} analiza brechas, pero antes no hay ningún paso expectations "
        "(donde se puntúa).",
    "Step {n} has no text for the facilitator.": "El paso {n} no tiene texto para el moderador.",
    # workshop/core/prompts.py
    "this moment": "este momento",
    "There is no prompt “{id}” in this deck.": "No hay ninguna pista «{id}» en esta baraja.",
    "There is no technique “{id}” in this deck (known: {known}).":
        "No hay ninguna técnica «{id}» en esta baraja (conocidas: {known}).",
    "There is no prompt deck in the language “{lang}”.":
        "No hay baraja de pistas en el idioma «{lang}».",
    "This file is not UTF-8 text.": "Este archivo no es texto UTF-8.",
    "This is not valid TOML: {reason}.": "No es TOML válido: {reason}.",
    "the deck": "la baraja",
    "technique {n}": "la técnica {n}",
    "technique “{id}”": "la técnica «{id}»",
    "prompt {n} of {where}": "la pista {n} de {where}",
    "prompt “{id}”": "la pista «{id}»",
    "The deck needs a language, e.g. language = \"en\".":
        "La baraja necesita un idioma, por ejemplo language = \"es\".",
    "The deck has no techniques: add [[techniques]] tables.":
        "La baraja no tiene técnicas: añada tablas [[techniques]].",
    "{where} is not a table.": "{where} no es una tabla.",
    "{where} appears twice.": "{where} aparece dos veces.",
    "{where} has no prompts: add [[techniques.prompts]] tables.":
        "{where} no tiene pistas: añada tablas [[techniques.prompts]].",
    "Unknown key “{key}” in {where} (known: {known}).":
        "Clave desconocida «{key}» en {where} (conocidas: {known}).",
    "{where} needs a text “{key}”.": "{where} necesita un texto «{key}».",
    "{where}: ids are lower-case words joined by hyphens, like “six-hats”.":
        "{where}: los id son palabras en minúsculas unidas por guiones, como «six-hats».",
    "{where} never names the moment: put {placeholder} in its template.":
        "{where} no nombra el momento: ponga {placeholder} en su plantilla.",
    "{where} has an unknown placeholder “{field}”: only {placeholder} is filled in.":
        "{where} tiene un marcador desconocido «{field}»: solo se rellena {placeholder}.",
    # workshop/cli/scripts.py
    "blind": "a ciegas",
    "open": "a la vista",
    "{n} dots": "{n} puntos",
    "max {n} per item": "máx. {n} por elemento",
    "Name": "Nombre",
    "Language": "Idioma",
    "Title": "Título",
    "Minutes": "Minutos",
    "Steps": "Pasos",
    "Files in {folder}: copy one to start your own, then run `workshop check`.":
        "Archivos en {folder}: copie uno para empezar el suyo y compruébelo con `workshop check`.",
    "{title} ({lang}): {n} steps, {minutes} minutes": "{title} ({lang}): {n} pasos, {minutes} minutos",
    "{n} min": "{n} min",
    "Total: {steps} minutes of steps; the front matter plans {total}.":
        "Total: {steps} minutos de pasos; la cabecera prevé {total}.",
    "Warning: {message}": "Aviso: {message}",
}
