"""Spanish for the reports (workshop/report) and the export command."""

MESSAGES = {
    # words the writers use
    "Table": "Tabla",
    "Figure": "Figura",
    "Page": "Página",
    "of": "de",
    "Focus group report": "Informe de grupo focal",
    "Focus group": "Grupo focal",
    "Contents": "Índice",
    # stages
    "Before": "Antes",
    "During": "Durante",
    "After": "Después",
    "Not placed": "Sin etapa",
    "Direct": "Directo",
    "Indirect": "Indirecto",
    "Not set": "Sin indicar",
    # months
    "January": "enero", "February": "febrero", "March": "marzo", "April": "abril",
    "May": "mayo", "June": "junio", "July": "julio", "August": "agosto",
    "September": "septiembre", "October": "octubre", "November": "noviembre",
    "December": "diciembre",
    # step kinds
    "Introduction": "Introducción",
    "Discussion": "Conversación",
    "Moments of truth": "Momentos de la verdad",
    "Expectations": "Expectativas",
    "Excellence": "Excelencia",
    "Gaps": "Brechas",
    "Wrap-up": "Cierre",
    # cover
    "Moments of truth: focus group report": "Momentos de la verdad: informe del grupo focal",
    "Client": "Cliente",
    "Date": "Fecha",
    "Facilitator": "Facilitador/a",
    "Participants": "Participantes",
    "Script": "Guion",
    "Participants are named by pseudonym throughout this report.":
        "En todo este informe, los participantes aparecen con un seudónimo.",
    "moments of truth": "momentos de la verdad",
    "customer experience": "experiencia de cliente",
    "focus group": "grupo focal",
    "[participant]": "[participante]",
    "the group": "el grupo",
    "(no moment)": "(sin momento)",
    # executive summary
    "Executive summary": "Resumen ejecutivo",
    "On {date}, {people} participants worked through {moments} moments of truth of the "
    "customer journey ({before} before, {during} during and {after} after the purchase). "
    "They stated {expectations} expectations, rated how their usual providers perform, "
    "proposed {ideas} ideas for an excellent experience and cast {dots} votes to set "
    "priorities.":
        "El {date}, {people} participantes recorrieron {moments} momentos de la verdad del "
        "recorrido del cliente ({before} antes, {during} durante y {after} después de la "
        "compra). Expresaron {expectations} expectativas, valoraron cómo lo hacen sus "
        "proveedores habituales, propusieron {ideas} ideas para una experiencia excelente y "
        "emitieron {dots} votos para fijar prioridades.",
    "The moments that matter most": "Los momentos que más importan",
    "The biggest gaps": "Las mayores brechas",
    "No moment falls short of what participants expect, or no performance was rated.":
        "Ningún momento se queda por debajo de lo que esperan los participantes, o no se "
        "valoró el desempeño.",
    "The most supported ideas for excellence": "Las ideas de excelencia con más apoyo",
    "{idea} ({moment}; {votes} votes)": "{idea} ({moment}; {votes} votos)",
    "No idea received votes.": "Ninguna idea recibió votos.",
    "Recommended actions": "Acciones recomendadas",
    # method
    "Method": "Metodología",
    "The session followed the script “{script}”: {steps} steps planned for {planned} "
    "minutes, run in {actual} minutes. Participants first mapped the moments of truth, "
    "then said what they expect at each one and how their usual providers perform, "
    "looked for what would be excellent with lateral-thinking prompts, and voted to set "
    "priorities.":
        "La sesión siguió el guion «{script}»: {steps} pasos previstos en {planned} minutos, "
        "realizados en {actual} minutos. Los participantes primero identificaron los momentos "
        "de la verdad, luego dijeron qué esperan en cada uno y cómo lo hacen sus proveedores "
        "habituales, buscaron qué sería excelente con estímulos de pensamiento lateral y "
        "votaron para fijar prioridades.",
    "Script and timing": "Guion y tiempos",
    "Steps of the session: planned and actual minutes":
        "Pasos de la sesión: minutos previstos y reales",
    "Step": "Paso",
    "Kind": "Tipo",
    "Planned": "Previsto",
    "Actual": "Real",
    "Total": "Total",
    "{n} participants took part; {consent} of them recorded their consent in the session.":
        "Participaron {n} personas; {consent} de ellas registraron su consentimiento en la "
        "sesión.",
    "Participants by segment": "Participantes por segmento",
    "Segment": "Segmento",
    "No segment": "Sin segmento",
    "Voting rules": "Reglas de votación",
    "Participants voted with dots: each had a fixed number of dots to spread over the "
    "items, with an optional cap per item. Blind votes stay hidden until the facilitator "
    "reveals them all at once, so nobody follows the crowd.":
        "Los participantes votaron con puntos: cada uno tenía un número fijo de puntos para "
        "repartir entre las opciones, con un máximo opcional por opción. Los votos a ciegas "
        "permanecen ocultos hasta que el facilitador los revela todos a la vez, para que "
        "nadie se deje llevar por la mayoría.",
    "Vote rounds and their rules": "Rondas de votación y sus reglas",
    "Vote": "Votación",
    "On": "Sobre",
    "Dots each": "Puntos por persona",
    "Cap per item": "Máximo por opción",
    "Blind": "A ciegas",
    "Revealed": "Revelada",
    "Voters": "Votantes",
    "none": "ninguno",
    "yes": "sí",
    "no": "no",
    "No vote was held.": "No hubo votaciones.",
    # journey
    "The customer journey": "El recorrido del cliente",
    "Moments of truth are the contacts in which customers form an impression of the "
    "company. Direct touchpoints are under the company's control (staff, shop, product, "
    "web, phone); indirect ones it can only influence (advertising, reviews, referrals).":
        "Los momentos de la verdad son los contactos en los que el cliente se forma una "
        "impresión de la empresa. Los puntos de contacto directos están bajo su control "
        "(personal, tienda, producto, web, teléfono); sobre los indirectos solo puede influir "
        "(publicidad, opiniones, recomendaciones).",
    "Moments of truth by stage and touchpoint": "Momentos de la verdad por etapa y punto de contacto",
    "The moments of truth along the journey": "Los momentos de la verdad a lo largo del recorrido",
    "Stage": "Etapa",
    "Moment of truth": "Momento de la verdad",
    "Touchpoint": "Punto de contacto",
    "No moment of truth was recorded.": "No se registró ningún momento de la verdad.",
    # findings
    "Findings by moment of truth": "Hallazgos por momento de la verdad",
    "Stage and touchpoint": "Etapa y punto de contacto",
    "Performance": "Desempeño",
    "not rated": "sin valorar",
    "Stated expectations": "Expectativas expresadas",
    "Latent needs (not said, but shown)": "Necesidades latentes (no dichas, pero presentes)",
    "In their words": "En sus palabras",
    "Facilitator's notes": "Notas del facilitador",
    "Nothing more was recorded for this moment.": "No se registró nada más sobre este momento.",
    # gaps
    "Gap analysis": "Análisis de brechas",
    "Gaps by moment of truth, largest shortfall first":
        "Brechas por momento de la verdad, de mayor a menor déficit",
    "Importance": "Importancia",
    "Expectation": "Expectativa",
    "Gap": "Brecha",
    "Quadrant": "Cuadrante",
    "Importance against performance, by moment of truth":
        "Importancia frente a desempeño, por momento de la verdad",
    "Performance (mean rating, 1 to 5)": "Desempeño (valoración media, de 1 a 5)",
    # excellence
    "Ideas for excellence": "Ideas de excelencia",
    "For each moment, participants described what an excellent experience would be. "
    "Where ideas did not come easily, the facilitator drew a lateral-thinking prompt "
    "(random entry, provocation, reversal, analogy…) and the group brought what it "
    "suggested back to the moment.":
        "Para cada momento, los participantes describieron cómo sería una experiencia "
        "excelente. Cuando las ideas no surgían, el facilitador sacó un estímulo de "
        "pensamiento lateral (palabra al azar, provocación, inversión, analogía…) y el grupo "
        "trasladó lo que sugería al momento.",
    "How the ideas were reached": "Cómo se llegó a las ideas",
    "Technique": "Técnica",
    "Ideas": "Ideas",
    "Free discussion (no prompt)": "Conversación libre (sin estímulo)",
    "Idea": "Idea",
    "Votes": "Votos",
    "No idea was recorded.": "No se registró ninguna idea.",
    # priorities
    "Priorities from the votes": "Prioridades según los votos",
    "Vote {n}: {target}": "Votación {n}: {target}",
    "This blind vote was never revealed, so its results are not reported.":
        "Esta votación a ciegas no llegó a revelarse, así que sus resultados no se incluyen.",
    "{voters} participants cast {cast} dots ({dots} each{cap}).":
        "{voters} participantes emitieron {cast} puntos ({dots} por persona{cap}).",
    ", at most {cap} per item": ", como máximo {cap} por opción",
    "No dots were cast.": "No se emitió ningún punto.",
    "Vote {n}: dots per item, ranked": "Votación {n}: puntos por opción, ordenados",
    "Vote {n}: the {k} items with most dots (all are in the table)":
        "Votación {n}: las {k} opciones con más puntos (todas están en la tabla)",
    "Vote {n}: ranked results": "Votación {n}: resultados ordenados",
    "Dots": "Puntos",
    "Rank": "Puesto",
    "Item": "Opción",
    "Share": "Proporción",
    # actions
    "Corrective actions and next steps": "Acciones correctivas y próximos pasos",
    "Corrective actions": "Acciones correctivas",
    "Next steps": "Próximos pasos",
    "Action": "Acción",
    "Owner": "Responsable",
    "None recorded.": "No se registró ninguna.",
    # appendix
    "Appendix": "Anexo",
    "Pseudonym": "Seudónimo",
    "Name": "Nombre",
    "Consent": "Consentimiento",
    "Participants (pseudonyms are used in quotes)":
        "Participantes (en las citas se usan los seudónimos)",
    "Participants, by pseudonym": "Participantes, por seudónimo",
    "Participation balance": "Equilibrio de la participación",
    "Participation by participant": "Participación por participante",
    "Participant": "Participante",
    "Moments": "Momentos",
    "Ratings": "Valoraciones",
    "Timeline of the session": "Cronología de la sesión",
    "Timeline (hours:minutes:seconds from the start)":
        "Cronología (horas:minutos:segundos desde el inicio)",
    "Time": "Hora",
    "What happened": "Qué ocurrió",
    "Session created": "Sesión creada",
    "Step {n}: {title}": "Paso {n}: {title}",
    "Vote {n} opened on {target}": "Votación {n} abierta sobre {target}",
    "Vote {n} revealed": "Votación {n} revelada",
    "Prompt drawn ({technique}): {text}": "Estímulo sacado ({technique}): {text}",
    "Session finished": "Sesión terminada",
    "Other notes and quotes": "Otras notas y citas",
    # export and progress
    "Reading the session": "Leyendo la sesión",
    "Laying out the report": "Componiendo el informe",
    "Writing the Word document": "Escribiendo el documento de Word",
    "Saving": "Guardando",
    "Done": "Hecho",
    "Unknown format {fmt}: choose one of {formats}.":
        "Formato desconocido {fmt}: elija uno de {formats}.",
    "{path} is a folder: give a file name for the report.":
        "{path} es una carpeta: indique un nombre de archivo para el informe.",
    "{path} is the session file itself: choose another name for the export.":
        "{path} es el propio archivo de la sesión: elija otro nombre para la exportación.",
    "{path} is a file: the CSV export is a folder, give it another name.":
        "{path} es un archivo: la exportación CSV es una carpeta, elija otro nombre.",
    "{path} holds other things than an earlier CSV export: choose a new folder name.":
        "{path} contiene otras cosas además de una exportación CSV anterior: elija un "
        "nombre de carpeta nuevo.",
    "The logo {path} cannot be read ({why}).": "No se puede leer el logotipo {path} ({why}).",
    "The logo {path} is not a PNG, JPEG or GIF image.":
        "El logotipo {path} no es una imagen PNG, JPEG o GIF.",
    # e-mail summary
    "{n} participants": "{n} participantes",
    # numbers (analysis wording)
    "{moment}: 1 dot, importance {importance}": "{moment}: 1 punto, importancia {importance}",
    "{moment}: {dots} dots, importance {importance}":
        "{moment}: {dots} puntos, importancia {importance}",
    "No importance could be measured: no vote has been revealed.":
        "No se pudo medir la importancia: no se ha revelado ninguna votación.",
    "{moment}: gap {gap} (performance {performance} against expectation {expectation}; "
    "{quadrant})":
        "{moment}: brecha {gap} (desempeño {performance} frente a expectativa {expectation}; "
        "{quadrant})",
    "{idea} ({moment}; 1 vote)": "{idea} ({moment}; 1 voto)",
    "mean {mean} out of 5 from {n} ratings (standard deviation {spread})":
        "media {mean} sobre 5 con {n} valoraciones (desviación típica {spread})",
    "{mean} out of 5 (one rating)": "{mean} sobre 5 (una valoración)",
    "Performance is the mean of the participants' ratings of how their usual providers do "
    "at each moment today (1 to 5). The gap is performance minus expectation: a negative "
    "gap means the experience falls short. The priority weighs that shortfall by "
    "importance. Plotting importance against performance, with cross-hairs at the means, "
    "sorts the moments into four quadrants (Martilla and James): concentrate here, keep up "
    "the good work, low priority and possible overkill.":
        "El desempeño es la media de las valoraciones de los participantes sobre cómo lo "
        "hacen hoy sus proveedores habituales en cada momento (de 1 a 5). La brecha es el "
        "desempeño menos la expectativa: una brecha negativa indica que la experiencia se "
        "queda corta. La prioridad pondera ese déficit por la importancia. Al cruzar "
        "importancia y desempeño, con ejes en las medias, los momentos quedan en cuatro "
        "cuadrantes (Martilla y James): concentrarse aquí, mantener el buen trabajo, baja "
        "prioridad y posible exceso.",
    "Priority": "Prioridad",
    "Importance (dots per voter)": "Importancia (puntos por votante)",
    "No moment has both an importance and a rating yet, so the importance–performance "
    "chart is left out.":
        "Ningún momento tiene aún importancia y valoración a la vez, así que se omite el "
        "gráfico de importancia y desempeño.",
    "Ideas for excellence by moment of truth, with their dots in vote {n}":
        "Ideas de excelencia por momento de la verdad, con sus puntos en la votación {n}",
    "Ideas for excellence by moment of truth (no vote on ideas was revealed)":
        "Ideas de excelencia por momento de la verdad (no se reveló ninguna votación sobre "
        "ideas)",
    "What each participant contributed: the moments, expectations, ratings, ideas, quotes "
    "and notes attributed to them, and their share of all contributions. Dots cast are "
    "shown apart: everyone had the same number. A very uneven balance suggests some "
    "voices were heard less than others.":
        "Lo que aportó cada participante: momentos, expectativas, valoraciones, ideas, citas "
        "y notas que se le atribuyen, y su parte del total de aportaciones. Los puntos "
        "emitidos se muestran aparte: todos tenían los mismos. Un reparto muy desigual "
        "indica que algunas voces se oyeron menos que otras.",
    "Quotes, notes": "Citas, notas",
    "Contributed less than half the average: {who}.":
        "Aportaron menos de la mitad de la media: {who}.",
    # the export form (TUI)
    "Export the session": "Exportar la sesión",
    "Word report": "Informe de Word",
    "Markdown (same report)": "Markdown (el mismo informe)",
    "CSV files (a folder)": "Archivos CSV (una carpeta)",
    "JSON (whole session)": "JSON (toda la sesión)",
    "Pseudonyms only: replace every participant name":
        "Solo seudónimos: sustituir el nombre de cada participante",
    "Export": "Exportar",
    "Close": "Cerrar",
    "Ctrl+S exports · Escape closes": "Ctrl+S exporta · Escape cierra",
    "Writing…": "Escribiendo…",
    "Could not write {path}: {why}": "No se pudo escribir {path}: {why}",
    "The report could not be written: {why}": "No se pudo escribir el informe: {why}",
    "Written: {path}": "Escrito: {path}",
}
