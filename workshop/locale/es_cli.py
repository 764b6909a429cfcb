"""Spanish for the command line."""

MESSAGES = {
    "Interrupted.": "Interrumpido.",
    "Error: {message}": "Error: {message}",
    "No session files in {folder}.": "No hay archivos de sesión en {folder}.",
    "File": "Archivo",
    "Title": "Título",
    "Date": "Fecha",
    "Script": "Guion",
    "People": "Personas",
    "Status": "Estado",
    "Skipped: {problem}": "Omitido: {problem}",

    # --help: click's own words
    "Usage:": "Uso:",
    "Options": "Opciones",
    "Commands": "Comandos",
    "Show this message and exit.": "Muestra esta ayuda y termina.",
    "Show the version and exit.": "Muestra la versión y termina.",
    "workshop, version {version}": "workshop, versión {version}",
    "default: {default}": "por defecto: {default}",
    "required": "obligatorio",
    "env var: {var}": "variable de entorno: {var}",
    # --help: what goes where in a command line
    "[OPTIONS]": "[OPCIONES]",
    "[COMMAND] [ARGS]...": "[COMANDO] [ARGUMENTOS]...",
    "TEXT": "TEXTO",
    "DIRECTORY": "CARPETA",
    "PATH": "RUTA",
    "POINT": "PUNTO",
    "INTEGER RANGE": "ENTERO",
    "FILE": "ARCHIVO",
    "[FOLDER]": "[CARPETA]",
    "SCRIPT.md": "GUION.md",
    "QUERY": "BÚSQUEDA",
    "[PATHS]...": "[RUTAS]...",
    "PATHS...": "RUTAS...",
    # --help: the group
    "Lead a customer-experience focus group from the terminal.\n\n"
    "With no command, opens the home screen.":
        "Dirige un grupo focal sobre experiencia de cliente desde el terminal.\n\n"
        "Sin comando, abre la pantalla de inicio.",
    "Language of messages: en or es.": "Idioma de los mensajes: en o es.",
    # --help: new, list, show
    "Create a session file and print its path.":
        "Crea un archivo de sesión y muestra su ruta.",
    "Title of the session.": "Título de la sesión.",
    "A built-in script (see `workshop scripts`) or a path to a .md script.":
        "Un guion incluido (véase `workshop scripts`) o la ruta de un guion .md.",
    "Language (default: the script's).": "Idioma (por defecto: el del guion).",
    "Client the session is for.": "Cliente para quien es la sesión.",
    "Who runs the session.": "Quién dirige la sesión.",
    'Names or pseudonyms: "Ana (families), Luis, P3", or a number: "6".':
        'Nombres o seudónimos: "Ana (familias), Luis, P3", o un número: "6".',
    "Folder for the session file (default: sessions/).":
        "Carpeta del archivo de sesión (por defecto: sessions/).",
    "List session files with title, date, script, participants and status.":
        "Lista los archivos de sesión con título, fecha, guion, participantes y estado.",
    "Print a plain-text summary of a session: steps, moments, votes so far.":
        "Muestra un resumen en texto plano de una sesión: pasos, momentos y votos hasta ahora.",
    "Language of the summary.": "Idioma del resumen.",
    # --help: scripts, check
    "List the built-in exercise scripts.": "Lista los guiones de ejercicio incluidos.",
    "Check an exercise script and print its outline (steps, kinds, minutes).":
        "Comprueba un guion de ejercicio y muestra su esquema (pasos, tipos, minutos).",
    # --help: home, run
    "Open the home screen: recent sessions and a new one.":
        "Abre la pantalla de inicio: sesiones recientes y una nueva.",
    "Run a session live, resuming at its current step with its timers intact.":
        "Dirige una sesión en vivo, retomándola en su paso actual con los tiempos intactos.",
    "Look without changing anything (works while another window has it open).":
        "Mirar sin cambiar nada (funciona aunque otra ventana la tenga abierta).",
    # --help: export
    "Write a session's report (Word by default) or its data, and print the path.\n\n"
    "Participants appear by pseudonym only unless --with-names asks for an internal copy.":
        "Escribe el informe de una sesión (Word por defecto) o sus datos, y muestra la "
        "ruta.\n\nLos participantes aparecen solo con su seudónimo, salvo que --with-names "
        "pida una copia interna.",
    "docx: the Word report. md: the same report as Markdown. csv: a folder with one CSV "
    "per table, events.csv and the report's tables. json: the whole session, tables and "
    "events.":
        "docx: el informe en Word. md: el mismo informe en Markdown. csv: una carpeta con "
        "un CSV por tabla, events.csv y las tablas del informe. json: la sesión entera, "
        "tablas y eventos.",
    "Where to write. Default: in the current folder, named after the session file (e.g. "
    "2026-10-14-greenway.docx; -anonymized is added with --anonymize, -internal with "
    "--with-names; csv gives a folder <name>-csv). - writes to the standard output (a "
    "Word file only into a pipe or a file). An existing file is replaced only if it is an "
    "ordinary file holding no database.":
        "Dónde escribir. Por defecto: en la carpeta actual, con el nombre del archivo de "
        "sesión (p. ej. 2026-10-14-greenway.docx; con --anonymize se añade -anonymized, con "
        "--with-names -internal; csv da una carpeta <nombre>-csv). - escribe en la salida "
        "estándar (un archivo de Word, solo hacia una tubería o un archivo). Un archivo que "
        "ya existe solo se sustituye si es un archivo normal que no contiene una base de "
        "datos.",
    "With --format csv: only this table, as one CSV file (moments, participants, events, "
    "report_gaps…). To the standard output, the moments table unless another is named.":
        "Con --format csv: solo esta tabla, como un único archivo CSV (moments, "
        "participants, events, report_gaps…). Hacia la salida estándar, la tabla moments "
        "si no se indica otra.",
    "NAME": "NOMBRE",
    "With --format csv: every cell exactly as typed. By default a text cell starting with "
    "= + - @, a tab or a carriage return, which a spreadsheet would run as a formula, gets "
    "a leading '.":
        "Con --format csv: cada celda exactamente como se escribió. Por defecto, una celda "
        "de texto que empieza por = + - @, un tabulador o un retorno de carro, que una hoja "
        "de cálculo ejecutaría como fórmula, lleva delante un '.",
    "{option} applies to --format csv only (the other formats are written exactly as "
    "recorded).":
        "{option} solo se aplica con --format csv (los demás formatos se escriben "
        "exactamente como se registraron).",
    "--raw applies to --format csv only.": "--raw solo se aplica con --format csv.",
    "A Word file cannot be shown in the terminal: give a file name with -o, or send it "
    "into a pipe.":
        "Un archivo de Word no se puede mostrar en el terminal: indique un nombre de archivo "
        "con -o, o envíelo a una tubería.",
    "The moments table (--table names another one).":
        "La tabla moments (--table indica otra).",
    "The copy to send, under its own file name (-anonymized). Every report already names "
    "participants by pseudonym only, also where a name was typed inside an entry.":
        "La copia para enviar, con su propio nombre de archivo (-anonymized). Todos los "
        "informes ya nombran a los participantes solo por su seudónimo, también donde un "
        "nombre se escribió dentro de una entrada.",
    "An internal copy: participants' real names beside their pseudonyms. The cover and the "
    "file's properties say it is internal.":
        "Una copia interna: los nombres reales de los participantes junto a sus seudónimos. "
        "La portada y las propiedades del archivo dicen que es interna.",
    "Language of the report (default: the session's).":
        "Idioma del informe (por defecto: el de la sesión).",
    "An image (PNG or JPEG) for the cover of the Word report.":
        "Una imagen (PNG o JPEG) para la portada del informe en Word.",
    # --help: replay, search, compare
    "Replay a past session, read-only: on a timeline, or at one point with --at.":
        "Reproduce una sesión pasada, solo lectura: en una línea de tiempo, o en un punto "
        "con --at.",
    "Print the board at a point instead of opening the replay screen: HH:MM:SS or MM:SS "
    "from the start of the session, #ID for an event (the board just after it), or step:N "
    "for the start of step N.":
        "Mostrar el tablero en un punto en vez de abrir la pantalla de reproducción: "
        "HH:MM:SS o MM:SS desde el inicio de la sesión, #ID para un evento (el tablero justo "
        "después), o step:N para el inicio del paso N.",
    "Show participants' names where known (default: pseudonyms).":
        "Mostrar los nombres de los participantes si se conocen (por defecto: seudónimos).",
    "Language of the text printed with --at (default: the session's).":
        "Idioma del texto que muestra --at (por defecto: el de la sesión).",
    "Find words in many session files (default: the sessions folder).\n\n"
    "Whole words, any case, with or without accents (\"atencion\" finds \"atención\");\n"
    "\"queue*\" matches words starting with queue; \"\\\"pit crew\\\"\" a phrase. Every word\n"
    "must appear. Files that cannot be read are skipped with a warning.":
        "Busca palabras en muchos archivos de sesión (por defecto: la carpeta de sesiones).\n\n"
        "Palabras enteras, en mayúsculas o minúsculas, con o sin tildes (\"atencion\" "
        "encuentra \"atención\"); \"cola*\" encuentra las palabras que empiezan por cola; "
        "\"\\\"equipo de boxes\\\"\" una frase. Deben aparecer todas las palabras. Los "
        "archivos que no se pueden leer se omiten con un aviso.",
    "csv: one row per match, for other tools.":
        "csv: una fila por coincidencia, para otras herramientas.",
    "The same moments across sessions: dots, rating, expectation and gap in each.\n\n"
    "Give session files or folders. Moments match by their text, whatever the case,\n"
    "accents or punctuation. Files that cannot be read are skipped with a warning.":
        "Los mismos momentos en varias sesiones: puntos, valoración, expectativa y brecha "
        "en cada una.\n\n"
        "Indique archivos de sesión o carpetas. Los momentos coinciden por su texto, sin "
        "importar mayúsculas, tildes ni puntuación. Los archivos que no se pueden leer se "
        "omiten con un aviso.",
    "csv: one row per moment and session, for other tools.":
        "csv: una fila por momento y sesión, para otras herramientas.",
    "Count blind votes that were never revealed.":
        "Contar los votos a ciegas que nunca se revelaron.",
    "Only moments raised in at least this many sessions.":
        "Solo los momentos planteados en al menos este número de sesiones.",
    # --help: demo
    "Build the demo session file from its readable source and print its path.":
        "Construye el archivo de la sesión de demostración a partir de su fuente legible y "
        "muestra su ruta.",
    "Session file to write (default: sessions/<name of the source>.db).":
        "Archivo de sesión que se escribe (por defecto: sessions/<nombre de la fuente>.db).",
    "The readable source to build from (default: the supermarket demo).":
        "La fuente legible de la que se construye (por defecto: la demo del supermercado).",
    "Which built-in demo: English or Spanish (default: the message language).":
        "Qué demo incluida: inglés o español (por defecto: el idioma de los mensajes).",
    "Replace the session file if it exists (never while it is open).":
        "Sustituir el archivo de sesión si existe (nunca mientras esté abierto).",
}
