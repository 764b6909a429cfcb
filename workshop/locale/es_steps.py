"""Spanish for the step panels of the live session (``workshop/tui/steps/``)."""

MESSAGES = {
    # shared: moments along the journey, tables, yes/no
    "Moment": "Momento",
    "Previous moment": "Momento anterior",
    "Next moment": "Momento siguiente",
    "Ten moments back": "Diez momentos atrás",
    "Ten moments on": "Diez momentos adelante",
    "First row": "Primera fila",
    "Last row": "Última fila",
    "No moment yet: add moments in the moments step.":
        "Aún no hay momentos: añádalos en el paso de momentos.",
    "Yes": "Sí",
    "No": "No",
    "direct": "directo",
    "indirect": "indirecto",
    "Select a moment first.": "Primero seleccione un momento.",
    # moments
    "Stage": "Etapa",
    "Touchpoint": "Punto de contacto",
    "Who": "Quién",
    "Stage: before": "Etapa: antes",
    "Stage: during": "Etapa: durante",
    "Stage: after": "Etapa: después",
    "Touchpoint: direct / indirect": "Punto de contacto: directo / indirecto",
    "Edit": "Editar",
    "Merge duplicates": "Fusionar duplicados",
    "Move earlier in the journey": "Mover antes en el recorrido",
    "Move later in the journey": "Mover después en el recorrido",
    "Delete": "Borrar",
    "Keep": "Conservar",
    "Type a new moment": "Escribir un momento nuevo",
    "Cancel edit or merge": "Cancelar la edición o la fusión",
    "A moment of truth, then Enter (“3: …” credits participant 3)":
        "Un momento de la verdad y Enter («3: …» lo atribuye al participante 3)",
    "Editing moment {n}: Enter saves, Esc cancels.":
        "Editando el momento {n}: Enter guarda, Esc cancela.",
    "Merging “{text}”: select the moment to keep and press m (Esc cancels).":
        "Fusionando «{text}»: seleccione el momento que se conserva y pulse m (Esc cancela).",
    "No moments yet: type the first one below and press Enter.":
        "Aún no hay momentos: escriba el primero abajo y pulse Enter.",
    "{n} moments.": "{n} momentos.",
    "New ones: stage {stage}, touchpoint {touchpoint}.":
        "Los nuevos: etapa {stage}, punto de contacto {touchpoint}.",
    "Select the other moment, the one to keep.":
        "Seleccione el otro momento, el que se conserva.",
    "Merged into “{text}”.": "Fusionado en «{text}».",
    "Delete “{text}” and the {n} expectations, ratings and ideas on it? Undo brings them back.":
        "¿Borrar «{text}» y las {n} expectativas, valoraciones e ideas que tiene? "
        "Deshacer las recupera.",
    "Moment deleted (ctrl+z brings it back).": "Momento borrado (ctrl+z lo recupera).",
    # expectations
    "Stated": "Declaradas",
    "Latent": "Latentes",
    "Rating": "Valoración",
    "Stated expectation, Enter": "Expectativa declarada, Enter",
    "Latent need, Enter": "Necesidad latente, Enter",
    "Rating of usual providers (1–5)": "Valoración de los proveedores habituales (1–5)",
    "Go to the ratings": "Ir a las valoraciones",
    "Previous participant": "Participante anterior",
    "Next participant": "Participante siguiente",
    "Rate 1 to 5": "Valorar de 1 a 5",
    "mean {mean} from {n} of {total}": "media {mean} de {n} de {total}",
    "no ratings yet": "aún sin valoraciones",
    "Add moments first, in the moments step.": "Primero añada momentos, en el paso de momentos.",
    # excellence
    "Ideas": "Ideas",
    "Ideas ({n})": "Ideas ({n})",
    "Another prompt card": "Otra tarjeta de estímulo",
    "Choose the technique": "Elegir la técnica",
    "Any technique": "Cualquier técnica",
    "any": "cualquiera",
    "Cancel": "Cancelar",
    "Technique for the next cards": "Técnica de las próximas tarjetas",
    "Enter draws a card of that technique · Escape cancels":
        "Enter saca una tarjeta de esa técnica · Escape cancela",
    "Prompt card": "Tarjeta de estímulo",
    "No card yet for this moment: F6 draws one.":
        "Aún no hay tarjeta para este momento: F6 saca una.",
    "no card": "sin tarjeta",
    "F6 another card · ctrl+l technique: {technique}":
        "F6 otra tarjeta · ctrl+l técnica: {technique}",
    "An idea for this moment, Enter (tagged with the card)":
        "Una idea para este momento, Enter (queda ligada a la tarjeta)",
    # vote
    "Item": "Elemento",
    "Voter's dots": "Sus puntos",
    "Total": "Total",
    "hidden": "oculto",
    "+ dot": "+ punto",
    "− dot": "− punto",
    "Reveal…": "Revelar…",
    "Reveal": "Revelar",
    "Not yet": "Todavía no",
    "Add a dot": "Añadir un punto",
    "Take a dot back": "Quitar un punto",
    "Reveal the votes": "Revelar los votos",
    "Open the vote": "Abrir la votación",
    "Previous item": "Elemento anterior",
    "Next item": "Elemento siguiente",
    "Ten items back": "Diez elementos atrás",
    "Ten items on": "Diez elementos adelante",
    "First item": "Primer elemento",
    "Last item": "Último elemento",
    "Previous voter": "Votante anterior",
    "Next voter": "Votante siguiente",
    "Voter by number": "Votante por su número",
    "This step's vote is already open.": "La votación de este paso ya está abierta.",
    "No vote is open in this step: press o to open it.":
        "No hay ninguna votación abierta en este paso: pulse o para abrirla.",
    "Vote on moments": "Votación de momentos",
    "Vote on ideas": "Votación de ideas",
    "{dots} dots each": "{dots} puntos por persona",
    "at most {cap} per item": "como mucho {cap} por elemento",
    "revealed": "revelada",
    "blind: totals hidden until revealed": "a ciegas: totales ocultos hasta revelarlos",
    "The votes are revealed; this vote is closed.":
        "Los votos están revelados; esta votación está cerrada.",
    "No participants to vote.": "No hay participantes que voten.",
    "{who}: {left} of {dots} dots left · ←/→ voter · +/− dot · r reveal":
        "{who}: le quedan {left} de {dots} puntos · ←/→ votante · +/− punto · r revelar",
    "moment {n}": "momento {n}",
    "There is nothing to vote for yet.": "Aún no hay nada que votar.",
    "Reveal the votes? Everyone sees the totals and the vote closes.":
        "¿Revelar los votos? Todos verán los totales y la votación se cerrará.",
    "Still with dots to spend: {who}.": "Aún tienen puntos por gastar: {who}.",
    "{cast} dots from {voters} voters": "{cast} puntos de {voters} votantes",
    "Nobody cast a dot.": "Nadie ha votado.",
    "{n} more without dots.": "{n} más sin puntos.",
}
