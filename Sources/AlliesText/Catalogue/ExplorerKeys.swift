// The catalogue's section for the explorer's key bindings and help (Keys.swift, SearchHelp.swift).
// One entry per English string across every section: look in the other files (Common.swift first) first.

extension Catalogue {
    static let keys: [(en: String, es: String)] = [
        ("Everywhere", "En todas partes"),
        ("Moving, opening and editing", "Moverse, abrir y editar"),
        ("Companies (1)", "Empresas (1)"),
        ("Alliances (2)", "Alianzas (2)"),
        ("Timeline (3)", "Cronología (3)"),
        ("Chips (4)", "Chips (4)"),
        ("Network (5)", "Red (5)"),
        ("Changes (6)", "Cambios (6)"),
        ("Reviewing matches (M)", "Revisar coincidencias (M)"),
        ("Paths (p on Network)", "Caminos (p en Red)"),
        ("Loops (c on Network)", "Bucles (c en Red)"),
        ("A loop", "Un bucle"),
        ("A company", "Una empresa"),
        ("An alliance", "Una alianza"),
        ("Search results", "Resultados de la búsqueda"),
        ("Search prompt (typing)", "Cuadro de búsqueda (escribiendo)"),
        ("Company prompt (p on Network)", "Pedir una empresa (p en Red)"),
        ("Help", "Ayuda"),
        ("A person, claim or passage", "Una persona, afirmación o pasaje"),
        ("An article (its quoted passages)", "Un artículo (sus pasajes citados)"),
        ("A record form (a, e)", "Un formulario de registro (a, e)"),
        ("A form's field (typing)", "Un campo del formulario (escribiendo)"),
        ("Deleting (d)", "Borrar (d)"),
        ("Where to save (typing)", "Dónde guardar (escribiendo)"),
        ("Nothing to open on this row", "No hay nada que abrir en esta fila"),
        ("No search yet: press / to search", "Aún no has buscado nada: pulsa / para buscar"),
        (
            "Finish this first: Ctrl-S keeps a form, Esc leaves",
            "Termina esto primero: Ctrl-S aplica el formulario, Esc sale"
        ),
        (
            "Select a company, alliance, claim, person or article first",
            "Selecciona primero una empresa, alianza, afirmación, persona o artículo"
        ),
        (
            "No uncertain company matches to review (allies import lists them beside the dataset)",
            "No hay coincidencias dudosas de empresas que revisar (allies import las anota junto a los datos)"
        ),
        ("Cycle the sort order", "Pasar al siguiente orden"),
        ("sort", "orden"),
        ("(hidden)", "(oculta)"),
        ("Most agreed money first, or the newest first", "Primero más dinero acordado, o primero lo más reciente"),
        ("Filter by kind (cycles through the kinds)", "Filtrar por tipo (recorre los tipos)"),
        ("Filter by kind, cycling backwards", "Filtrar por tipo, hacia atrás"),
        ("Open the company's own timeline", "Abrir la cronología de la empresa"),
        ("timeline", "cronología"),
        (
            "Open the company's network (its partners and theirs)",
            "Abrir la red de la empresa (sus socios y los socios de estos)"
        ),
        ("Open the selected company's network", "Abrir la red de la empresa seleccionada"),
        (
            "Merge units into their parent (AWS into Amazon), or keep them apart",
            "Unir las filiales a su matriz (AWS en Amazon), o mantenerlas aparte"
        ),
        (
            "Ask for a second company and show the shortest paths to it",
            "Pedir una segunda empresa y mostrar los caminos más cortos hasta ella"
        ),
        ("path", "camino"),
        (
            "List the circular-financing loops (money that comes back)",
            "Listar los bucles de financiación circular (dinero que vuelve)"
        ),
        ("loops", "bucles"),
        (
            "Open the selected company's own screen (Enter re-centres the network on it instead)",
            "Abrir la pantalla de la empresa seleccionada (Enter, en cambio, centra la red en ella)"
        ),
        ("Next quoted passage (wraps)", "Siguiente pasaje citado (al final, vuelve al primero)"),
        ("passage", "pasaje"),
        ("Previous quoted passage (wraps)", "Pasaje citado anterior (al principio, vuelve al último)"),
        (
            "Open the fact a passage supports (the list of them when several do)",
            "Abrir el dato que respalda un pasaje (su lista, si respalda varios)"
        ),
        ("facts", "datos"),
        (
            "Accept the match: merge the added company into the one it may be (u undoes it);",
            "Aceptar la coincidencia: unir la empresa añadida con la que puede ser (u lo deshace);"
        ),
        (
            "the decision is written beside the dataset for the next import",
            "la decisión se anota junto a los datos para la próxima importación"
        ),
        ("accept", "aceptar"),
        (
            "Reject the match: they are different companies (written beside the dataset for the next import)",
            "Rechazar la coincidencia: empresas distintas (se anota junto a los datos para la próxima importación)"
        ),
        ("reject", "rechazar"),
        ("Skip: decide later, nothing is written", "Saltar: decidir más tarde, no se anota nada"),
        ("skip", "saltar"),
        ("Open the added company to look before deciding", "Abrir la empresa añadida para verla antes de decidir"),
        ("look", "ver"),
        (
            "Show the shortest paths to the company typed (a name, an alias or a unique prefix;",
            "Mostrar los caminos más cortos hasta la empresa escrita (un nombre, un alias o un prefijo único;"
        ),
        ("the search prompt's editing keys work here)", "aquí sirven las teclas de edición del cuadro de búsqueda)"),
        ("paths", "caminos"),
        (
            "Edit the field (a list: add one; yes/no: switch it)",
            "Editar el campo (una lista: añadir uno; sí/no: cambiarlo)"
        ),
        ("edit", "editar"),
        ("Remove the value, list item or date", "Quitar el valor, el elemento de la lista o la fecha"),
        ("remove", "quitar"),
        (
            "Add the record, or save the changes to it (checked first)",
            "Añadir el registro, o guardar sus cambios (tras comprobarlo)"
        ),
        ("keep", "aplicar"),
        (
            "Leave the form (asks again when it has changes)",
            "Salir del formulario (si tiene cambios, pregunta otra vez)"
        ),
        ("leave", "salir"),
        (
            "Set the field (to the option highlighted below, if any)",
            "Fijar el campo (en la opción resaltada debajo, si la hay)"
        ),
        ("set", "fijar"),
        ("Set the field and edit the next one", "Fijar el campo y editar el siguiente"),
        ("next", "siguiente"),
        ("Highlight the next option", "Resaltar la opción siguiente"),
        ("Highlight the previous option", "Resaltar la opción anterior"),
        ("Put the field back as it was", "Dejar el campo como estaba"),
        ("cancel", "cancelar"),
        ("Delete it (when nothing else refers to it)", "Borrarlo (si nada más remite a él)"),
        ("delete", "borrar"),
        ("Delete it and every record that refers to it", "Borrarlo junto con todos los registros que remiten a él"),
        ("delete all", "borrar todo"),
        ("Save to this file", "Guardar en este archivo"),
        ("save", "guardar"),
        (
            "Mark the sentence at the cursor (again: one more sentence); then a adds a fact quoting it",
            "Marcar la frase del cursor (otra vez: una frase más); luego a añade un dato que la cita"
        ),
        ("mark", "marcar"),
        (
            "Add a record (an alliance, company, claim, person…)",
            "Añadir un registro (una alianza, empresa, afirmación, persona…)"
        ),
        ("Edit the record on screen, or the one selected", "Editar el registro en pantalla, o el seleccionado"),
        (
            "Delete the record on screen or selected (asks first)",
            "Borrar el registro en pantalla o el seleccionado (pregunta antes)"
        ),
        ("Undo the last edit of this session", "Deshacer la última edición de esta sesión"),
        ("Redo what u undid", "Rehacer lo que u deshizo"),
        (
            "Save the session's dataset (to its file, or another)",
            "Guardar los datos de la sesión (en su archivo, o en otro)"
        ),
        (
            "Read the dataset's file again and reapply this session's edits to it (after it changed on disk)",
            "Volver a leer el archivo de datos y aplicarle otra vez las ediciones de la sesión (si cambió en disco)"
        ),
        (
            "Agreed money only: leave out deals in talks, rumoured, predicted or ended (again to show all)",
            "Solo dinero acordado: sin acuerdos en negociación, rumores, previstos ni terminados (otra vez: todos)"
        ),
        ("Move down", "Bajar"),
        ("Move up", "Subir"),
        ("Page down", "Página siguiente"),
        ("Page up", "Página anterior"),
        ("Go to the top", "Ir al principio"),
        ("Go to the bottom", "Ir al final"),
        ("Open the selected item", "Abrir el elemento seleccionado"),
        ("open", "abrir"),
        (
            "Go back one screen (on a top-level view: clear the search highlight)",
            "Volver a la pantalla anterior (en una vista principal: quitar el resaltado de la búsqueda)"
        ),
        ("back", "volver"),
        ("Companies view", "Vista de empresas"),
        ("views", "vistas"),
        ("Alliances view", "Vista de alianzas"),
        ("Timeline view", "Vista de cronología"),
        (
            "Chips view (market-share bars, vendors and buyers)",
            "Vista de chips (barras de cuota de mercado, fabricantes y compradores)"
        ),
        (
            "Network view: the ties of the company selected in Companies (or of the company on screen)",
            "Vista de red: los vínculos de la empresa seleccionada en Empresas (o de la empresa en pantalla)"
        ),
        (
            "Changes view: records added or updated by edits, newest first",
            "Vista de cambios: registros añadidos o actualizados al editar, los más recientes primero"
        ),
        (
            "Review the uncertain company matches of an import (accept, reject, skip)",
            "Revisar las coincidencias dudosas de empresas de una importación (aceptar, rechazar, saltar)"
        ),
        (
            "Search everything (companies, alliances, people, claims, articles, shares)",
            "Buscar en todo (empresas, alianzas, personas, afirmaciones, artículos, cuotas)"
        ),
        ("search", "buscar"),
        ("Back to the search prompt", "Volver al cuadro de búsqueda"),
        (
            "Next match of the last search (wraps)",
            "Siguiente coincidencia de la última búsqueda (al final, vuelve a la primera)"
        ),
        ("match", "coincidencia"),
        (
            "Previous match of the last search (wraps)",
            "Coincidencia anterior de la última búsqueda (al principio, vuelve a la última)"
        ),
        ("Show this help; again to close it", "Mostrar esta ayuda; otra vez para cerrarla"),
        ("help", "ayuda"),
        ("Go back; quit from a top-level view", "Volver; salir desde una vista principal"),
        ("quit", "salir"),
        ("Quit from anywhere", "Salir desde cualquier pantalla"),
        ("Open the selected result", "Abrir el resultado seleccionado"),
        ("Select the next result", "Seleccionar el resultado siguiente"),
        ("Select the previous result", "Seleccionar el resultado anterior"),
        (
            "Leave the prompt for the results (then n/N, j/k); with no match, take the suggestion",
            "Pasar del cuadro a los resultados (luego n/N, j/k); sin coincidencias, aceptar la sugerencia"
        ),
        ("results", "resultados"),
        ("Close the prompt", "Cerrar el cuadro"),
        ("Delete the character before the cursor", "Borrar el carácter antes del cursor"),
        ("Delete the character under the cursor", "Borrar el carácter bajo el cursor"),
        ("Delete a word", "Borrar una palabra"),
        ("Clear the query", "Vaciar la consulta"),
        ("Move the cursor left", "Mover el cursor a la izquierda"),
        ("Move the cursor right", "Mover el cursor a la derecha"),
        ("Cursor to the start", "Cursor al principio"),
        ("Cursor to the end", "Cursor al final"),
        ("Space", "Espacio"),
        ("Search", "Buscar"),
        ("Search: {0}", "Buscar: {0}"),
        ("No matches", "Sin coincidencias"),
        ("Articles", "Artículos"),
        ("Indexing {0} alliances for search", "Indexando {0} alianzas para buscar"),
        ("results appear when it is done", "los resultados saldrán al terminar"),
        (
            "Type to search companies, alliances, people, claims, articles and share estimates.",
            "Escribe para buscar empresas, alianzas, personas, afirmaciones, artículos y cuotas estimadas."
        ),
        ("1 match", "1 coincidencia"),
        ("{0} matches", "{0} coincidencias"),
        ("(best {0} listed)", "(se muestran los {0} mejores)"),
        ("Enter opens", "Enter abre"),
        ("Tab goes to the results", "Tab va a los resultados"),
        ("n/N next/previous", "n/N siguiente/anterior"),
        ("{0} of {1}", "{0} de {1}"),
        ("Mouse", "Ratón"),
        ("click", "clic"),
        ("select the row under the pointer", "seleccionar la fila bajo el puntero"),
        ("double-click", "doble clic"),
        ("open it", "abrirla"),
        ("wheel", "rueda"),
        ("move the selection", "mover la selección"),
        ("Reading the screens", "Cómo leer las pantallas"),
        (
            "a running total since the deal began, not money of its date alone",
            "un total acumulado desde el inicio del acuerdo, no solo dinero de su fecha"
        ),
        (
            "a contract's whole value over its years (the alliance says how many)",
            "el valor total de un contrato en sus años (la alianza dice cuántos)"
        ),
        (
            "the alliance has more amounts: its screen lists each, with its meaning",
            "la alianza tiene más importes: su pantalla los lista, cada uno con su significado"
        ),
        (
            "its money goes both ways: another amount flows against the one shown",
            "su dinero va en ambos sentidos: otro importe va en sentido contrario al mostrado"
        ),
        (
            "by amount: agreed largest first; then ceilings, floors, yearly, not agreed; undisclosed last",
            "por importe: acordado de mayor a menor; luego máximos, mínimos, anuales, no cerrados; no revelado al final"
        ),
        (
            "money received and paid (in the network, by the company above)",
            "dinero recibido y pagado (en la red, por la empresa de arriba)"
        ),
        (
            "an amount as the source gives it; undisclosed when there is none",
            "una cantidad tal como la da la fuente; no revelado si no la hay"
        ),
        ("lower bounds (at least, more than)", "mínimos (al menos, más de)"),
        ("about; (est.) when the source calls it an estimate", "unos; (est.) si la fuente dice que es una estimación"),
        (
            "a total: agreed money, and ceilings beside it, never added together",
            "un total: dinero acordado y, al lado, los máximos, nunca sumados"
        ),
        (
            "money of deals not agreed (in talks, rumoured, predicted), kept apart",
            "dinero de acuerdos no cerrados (en negociación, rumores, previstos), aparte"
        ),
        (
            "a date exactly as precise as the source: year, month or day",
            "una fecha tan precisa como la fuente: año, mes o día"
        ),
        (
            "predicted, rumoured and in-talks alliances are not deals",
            "las alianzas previstas, los rumores y las que están en negociación no son acuerdos"
        ),
        ("share bars: value, range or upper bound, more than", "barras de cuota: valor, intervalo o máximo, más de"),
        ("network", "red"),
        ("network|units", "filiales"),
    ]
}
