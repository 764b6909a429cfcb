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
}
