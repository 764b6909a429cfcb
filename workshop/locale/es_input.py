"""Spanish for typing and pasting: entry fields and the pasted-lines dialog."""

MESSAGES = {
    "{n} pasted lines joined into one.": "Las {n} líneas pegadas se han unido en una.",
    "Added {n} entries, one per pasted line.":
        "Se han añadido {n} entradas, una por línea pegada.",
    "Added {added} of {total} pasted lines: line {line} was refused and is in the field; "
    "the lines after it were not added.":
        "Se han añadido {added} de {total} líneas pegadas: la línea {line} no se aceptó y "
        "está en el campo; las siguientes no se han añadido.",
    "Added {added} of {total} pasted lines: the last one was refused and is in the field.":
        "Se han añadido {added} de {total} líneas pegadas: la última no se aceptó y está en "
        "el campo.",
    "Add each line as an entry": "Añadir cada línea como una entrada",
    "Join the lines into one": "Unir las líneas en una",
    "{n} lines pasted": "{n} líneas pegadas",
    "… and {n} more": "… y {n} más",
    "Empty lines left out: {n}.": "Líneas vacías omitidas: {n}.",
    "Joined: {text}": "Unidas: {text}",
    "Esc  Cancel": "Esc  Cancelar",
    "2  Join into one": "2  Unir en una",
    "Enter  Add {n} entries": "Enter  Añadir {n} entradas",
    "More than {most} lines cannot be added one by one: join them, or cancel and paste "
    "fewer.": "Más de {most} líneas no se pueden añadir una a una: únalas, o cancele y "
    "pegue menos.",
}
