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
    "moments of truth": "momentos de la verdad",
    "customer experience": "experiencia de cliente",
    "focus group": "grupo focal",
    "[participant]": "[participante]",
    "the group": "el grupo",
    "(no moment)": "(sin momento)",
    # executive summary
    "Executive summary": "Resumen ejecutivo",
    "Recommended actions": "Medidas recomendadas",
    # method
    "Method": "Metodología",
    "Script and timing": "Guion y tiempos",
    "Steps of the session: planned and actual minutes":
        "Pasos de la sesión: minutos previstos y reales",
    "Step": "Paso",
    "Kind": "Tipo",
    "Planned": "Previsto",
    "Actual": "Real",
    "Total": "Total",
    "Participants by segment": "Participantes por segmento",
    "Segment": "Segmento",
    "No segment": "Sin segmento",
    "Voting rules": "Reglas de votación",
    "Participants voted with dots: each had a fixed number of dots to spread over the "
    "items, with an optional cap per item. In a blind vote the dots stay hidden until the "
    "facilitator reveals them all at once, so nobody follows the crowd.":
        "Los participantes votaron con puntos: cada uno tenía un número fijo de puntos para "
        "repartir entre las opciones, con un máximo opcional por opción. En una votación a "
        "ciegas, los puntos permanecen ocultos hasta que el facilitador los revela todos a "
        "la vez, para que nadie se deje llevar por la mayoría.",
    "Vote rounds and their rules": "Rondas de votación y sus reglas",
    "Vote": "Votación",
    "On": "Sobre",
    "Dots each": "Puntos por persona",
    "Cap per item": "Máximo por opción",
    "Blind": "A ciegas",
    "Revealed": "Revelada",
    "Voters": "Votantes",
    "cap\x04none": "ninguno",
    "yes": "sí",
    "no": "no",
    "No vote was held.": "No hubo votaciones.",
    # journey
    "The moments of truth along the journey": "Los momentos de la verdad a lo largo del recorrido",
    "Stage": "Etapa",
    "Moment of truth": "Momento de la verdad",
    "Touchpoint": "Punto de contacto",
    # findings
    "Findings by moment of truth": "Hallazgos por momento de la verdad",
    "Stage and touchpoint": "Etapa y punto de contacto",
    "not rated": "sin valorar",
    "Stated expectations": "Expectativas expresadas",
    "Latent needs (not said, but shown)": "Necesidades latentes (no dichas, pero presentes)",
    "In their words": "En sus palabras",
    "Facilitator's notes": "Notas del facilitador",
    # gaps
    "Gap analysis": "Análisis de brechas",
    "Importance": "Importancia",
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
    "Free discussion, no prompt": "Conversación libre, sin estímulo",
    "Idea": "Idea",
    "No idea was recorded.": "No se registró ninguna idea.",
    # priorities
    "Priorities from the votes": "Prioridades según las votaciones",
    "Vote {n}: {target}": "Votación {n}: {target}",
    "This blind vote was never revealed, so its results are not reported.":
        "Esta votación a ciegas no llegó a revelarse, así que sus resultados no se incluyen.",
    ", at most {cap} per item": ", como máximo {cap} por opción",
    "Dots": "Puntos",
    "Item": "Opción",
    "Share": "Proporción",
    # actions
    "Corrective actions and next steps": "Medidas correctoras y próximos pasos",
    "Corrective actions": "Medidas correctoras",
    "Next steps": "Próximos pasos",
    "Action": "Acción",
    "Owner": "Responsable",
    "None recorded.": "No se registró ninguna.",
    # appendix
    "Appendix": "Anexo",
    "Pseudonym": "Seudónimo",
    "Name": "Nombre",
    "Consent": "Consentimiento",
    "Participants, by pseudonym": "Participantes, por seudónimo",
    "Participation balance": "Equilibrio de la participación",
    "Participation by participant": "Participación por participante",
    "Participant": "Participante",
    "Moments": "Momentos",
    "Ratings": "Valoraciones",
    "Timeline of the session": "Cronología de la sesión",
    "What happened": "Qué ocurrió",
    "Session created": "Sesión creada",
    "Step {n}: {title}": "Paso {n}: {title}",
    "Vote {n} opened on {target}": "Votación {n} abierta sobre {target}",
    "Vote {n} revealed": "Votación {n} revelada",
    "Prompt drawn ({technique}): {text}": "Estímulo sacado ({technique}): {text}",
    "Session finished": "Sesión terminada",
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
    "Priority": "Prioridad",
    "No moment has both an importance and a rating yet, so the importance–performance "
    "chart is left out.":
        "Ningún momento tiene aún importancia y valoración a la vez, así que se omite el "
        "gráfico de importancia y desempeño.",
    "Quotes, notes": "Citas, notas",
    "Contributed less than half the average: {who}.":
        "Aportaron menos de la mitad de la media: {who}.",
    # the export form (TUI)
    "Export the session": "Exportar la sesión",
    "Word report": "Informe de Word",
    "Markdown (same report)": "Markdown (el mismo informe)",
    "CSV files (a folder)": "Archivos CSV (una carpeta)",
    "JSON (whole session)": "JSON (toda la sesión)",
    "Export": "Exportar",
    "Close": "Cerrar",
    "Ctrl+S exports · Escape closes": "Ctrl+S exporta · Escape cierra",
    "Writing…": "Escribiendo…",
    "Could not write {path}: {why}": "No se pudo escribir {path}: {why}",
    "The report could not be written (an unexpected error; the details are in {path}).":
        "No se pudo escribir el informe (un error inesperado; los detalles están en {path}).",
    "The report could not be written (an unexpected error).":
        "No se pudo escribir el informe (un error inesperado).",
    "Written: {path}": "Escrito: {path}",

    # ---- the report an agency sends (issue 10) ----
    "--anonymize and --with-names contradict each other: choose one.":
        "--anonymize y --with-names se contradicen: elija una de las dos.",
    "Pseudonyms only (to send)": "Solo seudónimos (para enviar)",
    "Internal copy, with names": "Copia interna, con nombres",
    "Unknown copy {copy}: choose one of {copies}.":
        "Copia desconocida {copy}: elija una de estas: {copies}.",
    "Draft": "Borrador",
    "Internal copy: it names the participants. Keep it within the project team.":
        "Copia interna: nombra a los participantes. No debe salir del equipo del proyecto.",
    "Copy with pseudonyms: participants appear by pseudonym only, and names typed in what "
    "they said are replaced too.":
        "Copia con seudónimos: los participantes aparecen solo con su seudónimo, y los "
        "nombres escritos en lo que dijeron también se sustituyen.",
    "{items} and {last}": "{items} y {last}",
    # what is missing
    "no participants": "participantes",
    "no moments of truth": "momentos de la verdad",
    "no ratings of how providers perform": "valoraciones del desempeño de los proveedores",
    "no revealed vote on the moments, so no importance":
        "una votación revelada sobre los momentos (y con ella, la importancia)",
    "no ideas for excellence": "ideas de excelencia",
    "no corrective actions": "medidas correctoras",
    "Draft: this session has {what}.": "Borrador: en esta sesión faltan {what}.",
    "It was not finished.": "No se cerró.",
    "Draft: the session was not finished.": "Borrador: la sesión no se cerró.",
    # overview
    "Nothing was recorded in this session yet: no participants and no moments of truth.":
        "Aún no se ha registrado nada en esta sesión: ni participantes ni momentos de la verdad.",
    "On {date}, {n} participant": "El {date}, {n} participante",
    "On {date}, {n} participants": "El {date}, {n} participantes",
    "mapped {n} moment of truth of the customer journey":
        "identificó {n} momento de la verdad del recorrido del cliente",
    "mapped {n} moments of truth of the customer journey":
        "identificaron {n} momentos de la verdad del recorrido del cliente",
    "({before} before, {during} during and {after} after the purchase)":
        "({before} antes, {during} durante y {after} después de la compra)",
    "met, but no moment of truth was recorded":
        "se reunieron, pero no se registró ningún momento de la verdad",
    "rated at each moment the level they expect and how their usual providers perform today":
        "valoraron en cada momento el nivel que esperan y cómo lo hacen hoy sus proveedores "
        "habituales",
    "rated how their usual providers perform today":
        "valoraron cómo lo hacen hoy sus proveedores habituales",
    "proposed {n} idea for an excellent experience":
        "propusieron {n} idea para una experiencia excelente",
    "proposed {n} ideas for an excellent experience":
        "propusieron {n} ideas para una experiencia excelente",
    "spent {n} dot to set priorities": "repartieron {n} punto para fijar prioridades",
    "spent {n} dots to set priorities": "repartieron {n} puntos para fijar prioridades",
    "They {what}.": "Además, {what}.",
    # executive summary
    "Key findings": "Hallazgos clave",
    "Priorities": "Prioridades",
    "Limitations": "Limitaciones",
    "One group of {n} participant, on {date}.": "Un grupo de {n} participante, el {date}.",
    "One group of {n} participants, on {date}.": "Un grupo de {n} participantes, el {date}.",
    "Segments: {segments}. One person per segment: no segment can be compared with another.":
        "Segmentos: {segments}. Una persona por segmento: no se puede comparar un segmento "
        "con otro.",
    "Segments: {segments}.": "Segmentos: {segments}.",
    "Qualitative and indicative: the figures of one small group show a direction, not "
    "statistics. Every mean gives its n; a spread is shown only from 5 ratings on; nothing "
    "is tested for significance.":
        "Cualitativo e indicativo: las cifras de un grupo pequeño señalan una dirección, no "
        "son estadísticas. Cada media lleva su n; la dispersión solo se muestra a partir de "
        "5 valoraciones; no se hace ninguna prueba de significación.",
    "Expectation was not rated in this session, so no gap was measured.":
        "En esta sesión no se valoró la expectativa, así que no se midió ninguna brecha.",
    "No priorities can be set yet: they need a revealed vote on the moments.":
        "Aún no se pueden fijar prioridades: hace falta una votación revelada sobre los "
        "momentos.",
    "The moments the group finds important and its usual providers do less well ({quadrant} "
    "on the 2×2), most urgent first:":
        "Los momentos que el grupo considera importantes y que sus proveedores habituales "
        "hacen peor ({quadrant} en la matriz 2×2), del más urgente al menos:",
    "The moments with most dots (no 2×2 yet: the moments are not rated):":
        "Los momentos con más puntos (aún no hay matriz 2×2: los momentos no están valorados):",
    "{p} against an expected {e} (gap {gap}, {n})":
        "{p} frente a un {e} esperado (brecha {gap}, {n})",
    "performance {p} ({n})": "desempeño {p} ({n})",
    "No corrective action was recorded.": "No se registró ninguna medida correctora.",
    "owner: {who}": "responsable: {who}",
    "Action {which} serves a moment outside the priorities ({moments}).":
        "La medida {which} atiende a un momento fuera de las prioridades ({moments}).",
    "Actions {which} serve moments outside the priorities ({moments}).":
        "Las medidas {which} atienden a momentos fuera de las prioridades ({moments}).",
    "Action {which} is not linked to a moment.":
        "La medida {which} no está vinculada a ningún momento.",
    "Actions {which} are not linked to a moment.":
        "Las medidas {which} no están vinculadas a ningún momento.",
    "{n} more findings are in the chapter on findings.":
        "Hay {n} hallazgos más en el capítulo de hallazgos.",
    "No finding can be drafted yet: the session needs moments of truth, ratings and a "
    "revealed vote.":
        "Aún no se puede redactar ningún hallazgo: la sesión necesita momentos de la verdad, "
        "valoraciones y una votación revelada.",
    "Drafted from the figures by the tool, for the consultant to review and rewrite: no "
    "finding was written for this session yet.":
        "Borrador redactado por la herramienta a partir de las cifras, para que el consultor "
        "lo revise y lo reescriba: aún no se ha escrito ningún hallazgo para esta sesión.",
    "What it means": "Qué significa",
    "What to do": "Qué hacer",
    "(no idea)": "(sin idea)",
    "{subject}: no revealed vote on ideas": "{subject}: ninguna votación de ideas revelada",
    "Important to the group and rated below the middle of the scale: an improvement here is "
    "the one customers would notice most.":
        "Importante para el grupo y valorado por debajo del punto medio de la escala: una "
        "mejora aquí es la que más notarían los clientes.",
    "Important to the group and rated below most other moments: an improvement here is the "
    "one customers would notice most.":
        "Importante para el grupo y valorado por debajo de la mayoría de los demás momentos: "
        "una mejora aquí es la que más notarían los clientes.",
    "Important, and rated at or above the middle of the scale: a strength to protect.":
        "Importante, y valorado en el punto medio de la escala o por encima: una fortaleza "
        "que conviene proteger.",
    "Important, and rated above most other moments: a strength to protect.":
        "Importante, y valorado por encima de la mayoría de los demás momentos: una "
        "fortaleza que conviene proteger.",
    "{moment} matters most, {dots} of {total} dots, and falls furthest short: {p} against "
    "an expected {e}.":
        "{moment} es lo que más importa, {dots} de {total} puntos, y es donde más se queda "
        "corto: {p} frente a un {e} esperado.",
    "{moment} matters most, {dots} of {total} dots, and falls short: {p} against an "
    "expected {e}.":
        "{moment} es lo que más importa, {dots} de {total} puntos, y se queda corto: {p} "
        "frente a un {e} esperado.",
    "{moment} matters most, {dots} of {total} dots, and meets what the group expects: {p} "
    "against an expected {e}.":
        "{moment} es lo que más importa, {dots} de {total} puntos, y cumple lo que el grupo "
        "espera: {p} frente a un {e} esperado.",
    "{moment} matters most, {dots} of {total} dots; usual providers are rated {p} out of 5.":
        "{moment} es lo que más importa, {dots} de {total} puntos; los proveedores "
        "habituales obtienen un {p} sobre 5.",
    "{moment} matters most: {dots} of {total} dots.":
        "{moment} es lo que más importa: {dots} de {total} puntos.",
    "{moment} falls furthest short of what the group expects: {p} against an expected {e}.":
        "{moment} es donde más se queda corto respecto a lo que el grupo espera: {p} frente "
        "a un {e} esperado.",
    "{n} more moment is important to the group and done less well: {moments}.":
        "{n} momento más es importante para el grupo y se hace peor: {moments}.",
    "{n} more moments are important to the group and done less well: {moments}.":
        "{n} momentos más son importantes para el grupo y se hacen peor: {moments}.",
    "gap {value}": "brecha {value}",
    "{moment} is one of the better-rated moments: {p} out of 5, with {dots} of {total} dots.":
        "{moment} es uno de los momentos mejor valorados: {p} sobre 5, con {dots} de "
        "{total} puntos.",
    "The idea with most support is {idea}, for {moment}: {dots} of {total} dots in the vote "
    "on ideas.":
        "La idea con más apoyo es {idea}, para {moment}: {dots} de {total} puntos en la "
        "votación de ideas.",
    # figures in words
    "no revealed vote": "ninguna votación revelada",
    "{share} ({dots} of {total} dots)": "{share} ({dots} de {total} puntos)",
    "n = {n}, spread {spread}": "n = {n}, dispersión {spread}",
    "n = {n}": "n = {n}",
    "no pairs": "sin pares",
    "importance {value}": "importancia {value}",
    "expectation {value}": "expectativa {value}",
    "performance {value}": "desempeño {value}",
    "quadrant: {value}": "cuadrante: {value}",
    # findings by moment
    "No moment of truth was recorded, so there are no findings by moment.":
        "No se registró ningún momento de la verdad, así que no hay hallazgos por momento.",
    "The moments of truth, the most important first (most dots, then the largest "
    "shortfall). Quotes are attributed by pseudonym and segment.":
        "Los momentos de la verdad, del más importante al menos (más puntos y, después, la "
        "mayor brecha). Las citas se atribuyen por seudónimo y segmento.",
    "Figures": "Cifras",
    "Insights noted during the session": "Insights anotados durante la sesión",
    "About the experience as a whole": "Sobre la experiencia en conjunto",
    "Quotes and insights not tied to one moment of truth.":
        "Citas e insights que no se refieren a un solo momento de la verdad.",
    "More findings": "Más hallazgos",
    "It was not voted on.": "No se votó.",
    "The group gave it no dots.": "El grupo no le dio ningún punto.",
    "It matters most to the group: {dots} of {total} dots.":
        "Es lo que más importa al grupo: {dots} de {total} puntos.",
    "The group gave it {dots} of {total} dots.": "El grupo le dio {dots} de {total} puntos.",
    "It falls short of what the group expects: {p} against an expected {e}.":
        "Se queda por debajo de lo que el grupo espera: {p} frente a un {e} esperado.",
    "It does better than the group expects: {p} against an expected {e}.":
        "Supera lo que el grupo espera: {p} frente a un {e} esperado.",
    "It meets what the group expects: {p} against an expected {e}.":
        "Cumple lo que el grupo espera: {p} frente a un {e} esperado.",
    "Usual providers are rated {p} out of 5.":
        "Los proveedores habituales obtienen un {p} sobre 5.",
    "It was not rated.": "No se valoró.",
    "{n} dot": "{n} punto",
    "{n} dots": "{n} puntos",
    # actions
    "Corrective actions: who does what, by when, and how success is measured":
        "Medidas correctoras: quién hace qué, en qué plazo y cómo se mide el éxito",
    "column\x04Measure of success": "Cómo se mide el éxito",
    "column\x04By when": "Plazo",
    "{k} of {n} have no owner": "{k} de {n} no tienen responsable",
    "{k} of {n} have no date": "{k} de {n} no tienen plazo",
    "{k} of {n} have no measure of success": "{k} de {n} no dicen cómo se mide el éxito",
    "Still to agree for the actions: {what}.": "Falta acordar en las medidas: {what}.",
    # method
    "{steps} steps planned for {planned} minutes, run in {actual} minutes.":
        "{steps} pasos previstos en {planned} minutos, realizados en {actual} minutos.",
    "{steps} steps planned for {planned} minutes; the step clocks were not used, so how "
    "long each step took is not known.":
        "{steps} pasos previstos en {planned} minutos; no se usaron los relojes de los "
        "pasos, así que no se sabe cuánto duró cada uno.",
    "The session followed the script {script}: {timing}": "La sesión siguió el guion {script}: {timing}",
    "{n} participants took part; {consent} of them recorded their consent in the session. "
    "Quotes are attributed by pseudonym and segment, never by name.":
        "Participaron {n} personas; {consent} de ellas dieron su consentimiento en la "
        "sesión. Las citas se atribuyen por seudónimo y segmento, nunca por nombre.",
    "How the questions were asked": "Cómo se hicieron las preguntas",
    "Moments of truth are the contacts in which customers form an impression of the "
    "company. Direct touchpoints are under the company's control (staff, shop, product, "
    "web, phone); indirect ones it can only influence (advertising, reviews, referrals). "
    "The group mapped them before, during and after the purchase.":
        "Los momentos de la verdad son los contactos en los que el cliente se forma una "
        "impresión de la empresa. Los puntos de contacto directos dependen de la empresa "
        "(personal, tienda, producto, web, teléfono); en los indirectos solo puede influir "
        "(publicidad, opiniones, recomendaciones). El grupo los situó antes, durante y "
        "después de la compra.",
    "Expectation and performance: at each moment, each participant gave two ratings on the "
    "same scale from 1 to 5: the level they expect (1 = the bare minimum will do, 5 = it "
    "must be excellent) and how well their usual providers do it today. The gap is "
    "performance minus expectation, worked out for each participant who gave both and then "
    "averaged: a negative gap means the experience falls short.":
        "Expectativa y desempeño: en cada momento, cada participante dio dos valoraciones en "
        "la misma escala del 1 al 5: el nivel que espera (1 = basta con lo mínimo, 5 = tiene "
        "que ser excelente) y lo bien que lo hacen hoy sus proveedores habituales. La brecha "
        "es el desempeño menos la expectativa, calculada para cada participante que dio las "
        "dos y luego promediada: una brecha negativa significa que la experiencia se queda "
        "corta.",
    "Importance: each moment's share of the dots in the vote on the moments. The weighted "
    "priority multiplies that share by the shortfall (how far performance falls below "
    "expectation).":
        "Importancia: la parte de los puntos de la votación sobre los momentos que recibió "
        "cada momento. La prioridad ponderada multiplica esa parte por el déficit (cuánto "
        "queda el desempeño por debajo de la expectativa).",
    "The 2×2 of importance against performance: {choice}":
        "La matriz 2×2 de importancia frente a desempeño: {choice}",
    "The journey the group mapped": "El recorrido que trazó el grupo",
    # gap analysis
    "No moment of truth was recorded, so there is nothing to analyse.":
        "No se registró ningún momento de la verdad, así que no hay nada que analizar.",
    "For each moment: how important it is to the group (its share of the dots), the level "
    "the group expects, how its usual providers perform today, and the gap between the "
    "two, each with the number of people behind it. The weighted priority is importance "
    "times shortfall. The moments with the largest priority come first.":
        "Para cada momento: lo importante que es para el grupo (su parte de los puntos), el "
        "nivel que el grupo espera, cómo lo hacen hoy sus proveedores habituales y la brecha "
        "entre ambos, cada cifra con el número de personas que la respaldan. La prioridad "
        "ponderada es la importancia por el déficit. Primero van los momentos con mayor "
        "prioridad.",
    "Gaps by moment of truth, the highest priority first":
        "Brechas por momento de la verdad, primero la mayor prioridad",
    "Expectation (n)": "Expectativa (n)",
    "Gap (n)": "Brecha (n)",
    "Performance (n)": "Desempeño (n)",
    "Importance and performance by moment of truth, the most important first":
        "Importancia y desempeño por momento de la verdad, primero el más importante",
    "Cross-hairs: this group's means": "Ejes: las medias de este grupo",
    "Cross-hairs: scale midpoint and an equal share":
        "Ejes: punto medio de la escala y reparto igual",
    "Importance (share of the dots)": "Importancia (parte de los puntos)",
    # ideas and votes
    "Dots on its ideas": "Puntos de sus ideas",
    "Ideas for excellence by moment of truth and the technique that led to them (their dots "
    "are in vote {n})":
        "Ideas de excelencia por momento de la verdad y la técnica que llevó a ellas (sus "
        "puntos están en la votación {n})",
    "Ideas for excellence by moment of truth and the technique that led to them":
        "Ideas de excelencia por momento de la verdad y la técnica que llevó a ellas",
    "{voters} participants spent {cast} dots ({dots} each{cap}).":
        "{voters} participantes repartieron {cast} puntos ({dots} por persona{cap}).",
    "No dots were spent.": "No se repartió ningún punto.",
    "Vote {n}: dots per moment of truth, ranked":
        "Votación {n}: puntos por momento de la verdad, ordenados",
    "Vote {n}: dots per idea, ranked": "Votación {n}: puntos por idea, ordenados",
    "(the {k} with most dots)": "(los {k} con más puntos)",
    # appendix
    "Participants, with their names (internal copy)":
        "Participantes, con sus nombres (copia interna)",
    "What each participant contributed: the moments, expectations, ratings, ideas, quotes "
    "and notes attributed to them, and their share of all contributions. Dots spent are "
    "shown apart: everyone had the same number. A very uneven balance suggests some voices "
    "were heard less than others.":
        "Lo que aportó cada participante: los momentos, expectativas, valoraciones, ideas, "
        "citas y notas que se le atribuyen, y su parte del total de aportaciones. Los puntos "
        "repartidos se muestran aparte: todos tenían los mismos. Un reparto muy desigual "
        "indica que algunas voces se oyeron menos que otras.",
    "No participant was recorded.": "No se registró ningún participante.",
    "Timeline: time elapsed since the session was created (hours:minutes:seconds)":
        "Cronología: tiempo transcurrido desde que se creó la sesión (horas:minutos:segundos)",
    "Elapsed": "Transcurrido",
    "weighted priority {value}": "prioridad ponderada {value}",
    "no segment given ({n})": "sin segmento ({n})",
    "* Possible overkill, though still below the midpoint of the scale (3): done better "
    "than the other moments, not well.":
        "* Posible exceso, aunque sigue por debajo del punto medio de la escala (3): se hace "
        "mejor que los demás momentos, pero no bien.",
    "In the 2×2, the moments top left are the ones to concentrate on: important to the "
    "group, and done less well. The table below gives every figure with its n.":
        "En la matriz 2×2, los momentos de arriba a la izquierda son en los que hay que "
        "concentrarse: importantes para el grupo y peor resueltos. La tabla de debajo da "
        "cada cifra con su n.",
    # one CSV table, the standard output (export)
    "There is no table {table}: choose one of {tables}.":
        "No hay ninguna tabla {table}: elija una de {tables}.",
    "Choose a name for the CSV folder.": "Elija un nombre para la carpeta de CSV.",
    "Only the CSV export is written one table at a time.":
        "Solo la exportación CSV se escribe tabla a tabla.",
    "A CSV export to a stream is one table: name it.":
        "Una exportación CSV hacia un flujo es una sola tabla: indique cuál.",
}
