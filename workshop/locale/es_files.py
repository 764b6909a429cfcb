"""Spanish for what is checked when a file is read: a session file's schema and events,
the limits on entries, scripts and prompt decks."""

MESSAGES = {
    # the connection: budget and size
    "{path} is refused: reading it took far more work than any session file needs (it may have been crafted to hang the program).":
        "{path} se rechaza: leerlo exigía mucho más trabajo del que necesita cualquier archivo "
        "de sesión (puede estar preparado para bloquear el programa).",
    "{path} is refused: it holds a value larger than any session file needs.":
        "{path} se rechaza: contiene un valor más grande de lo que necesita cualquier archivo de sesión.",
    # the schema
    "its list of migrations has gaps": "a su lista de migraciones le faltan pasos",
    "{path} is damaged: “{name}” is missing from its schema.":
        "{path} está dañado: a su esquema le falta «{name}».",
    "{path} is refused: it holds a trigger “{name}” that workshop did not make (SQL from a session file never runs).":
        "{path} se rechaza: contiene un disparador «{name}» que workshop no creó (el SQL de un "
        "archivo de sesión nunca se ejecuta).",
    "{path} is refused: it holds a virtual table “{name}” that workshop did not make (SQL from a session file never runs).":
        "{path} se rechaza: contiene una tabla virtual «{name}» que workshop no creó (el SQL de "
        "un archivo de sesión nunca se ejecuta).",
    "{path} is refused: it holds an index “{name}” that workshop did not make.":
        "{path} se rechaza: contiene un índice «{name}» que workshop no creó.",
    "{path} is refused: it holds a view “{name}” that workshop did not make (SQL from a session file never runs).":
        "{path} se rechaza: contiene una vista «{name}» que workshop no creó (el SQL de un "
        "archivo de sesión nunca se ejecuta).",
    "{path} is damaged: the table {table} has no column {column}.":
        "{path} está dañado: la tabla {table} no tiene la columna {column}.",
    "{path} is refused: the column “{column}” of the table “{table}” is declared {found} where workshop declares {expected}.":
        "{path} se rechaza: la columna «{column}» de la tabla «{table}» está declarada como "
        "{found}, y workshop la declara como {expected}.",
    "{path} is refused: the table “{table}” has a column “{column}” that workshop did not make.":
        "{path} se rechaza: la tabla «{table}» tiene una columna «{column}» que workshop no creó.",
    "{path} is refused: the table “{table}” is not defined as workshop defines it.":
        "{path} se rechaza: la tabla «{table}» no está definida como la define workshop.",
    "the table {table} holds a value of the wrong type or size":
        "la tabla {table} contiene un valor de tipo o tamaño incorrecto",
    # events
    "event {id}": "el evento {id}",
    "a change": "un cambio",
    "{where} cannot be read": "{where} no se puede leer",
    "{where} is {n} characters long; an event holds at most {limit}":
        "{where} tiene {n} caracteres; un evento admite como máximo {limit}",
    "{where} is nested more than {limit} levels deep":
        "{where} tiene más de {limit} niveles de anidamiento",
    "it is of an unknown kind “{kind}”": "es de un tipo desconocido, «{kind}»",
    "its data is not a JSON object": "sus datos no son un objeto JSON",
    "its time is not a time": "su hora no es una hora",
    "its time “{at}” is not a time": "su hora «{at}» no es una hora",
    "its time “{at}” has no time zone": "su hora «{at}» no tiene zona horaria",
    "“{field}” is missing": "falta «{field}»",
    "“{field}” should be {what}": "«{field}» debería ser {what}",
    "a whole number": "un número entero",
    "a number": "un número",
    "true or false": "verdadero o falso",
    "a text": "un texto",
    "an object": "un objeto",
    "a list": "una lista",
    "“{field}” is {n} characters long; the limit is {limit}":
        "«{field}» tiene {n} caracteres; el límite es {limit}",
    # entries typed, pasted or imported
    "This entry is too long: {n} characters; an entry holds at most {limit}.":
        "Esta entrada es demasiado larga: {n} caracteres; una entrada admite como máximo {limit}.",
    # scripts and decks
    " ({size})": " ({size})",
    "This script is too large{size}: a script may be at most {limit}.":
        "Este guion es demasiado grande{size}: un guion puede tener como máximo {limit}.",
    "The text of this step is {n} characters long; a step's text holds at most {limit} (the facilitator reads it from one screen).":
        "El texto de este paso tiene {n} caracteres; el texto de un paso admite como máximo "
        "{limit} (quien facilita lo lee en una sola pantalla).",
    "This title is {n} characters long; a title holds at most {limit}.":
        "Este título tiene {n} caracteres; un título admite como máximo {limit}.",
    "This deck is too large: a prompt deck may be at most {limit}.":
        "Esta baraja es demasiado grande: una baraja de pistas puede tener como máximo {limit}.",
    "{where} is {n} characters long; a prompt holds at most {limit}.":
        "{where} tiene {n} caracteres; una pista admite como máximo {limit}.",
    "it nests too deeply": "tiene demasiados niveles de anidamiento",
}
