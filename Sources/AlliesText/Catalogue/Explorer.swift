// The catalogue's section for the explorer's frame (AppState, Session, Navigation, Render, Lines).
// One entry per English string across every section: look in the other files (Common.swift first) first.

extension Catalogue {
    static let explorer: [(en: String, es: String)] = [
        // Why the explorer cannot start (AlliesTerminal's check, before anything is written to the terminal).
        (
            "the interactive explorer needs a terminal, but {0}",
            "el explorador interactivo necesita un terminal, pero {0}"
        ),
        (
            "The non-interactive subcommands work without one: see `allies --help`.",
            "Los subcomandos no interactivos funcionan sin él: consulta `allies --help`."
        ),
        ("standard input is not a terminal.", "la entrada estándar no es un terminal."),
        ("standard output is not a terminal.", "la salida estándar no es un terminal."),
        ("TERM is not set.", "TERM no está definida."),
        ("TERM=dumb cannot move the cursor.", "TERM=dumb no puede mover el cursor."),
        (
            "the terminfo database was not found (TERM={0}).",
            "no se encontró la base de datos terminfo (TERM={0})."
        ),
        (
            "TERM={0} is not a known terminal type (no terminfo entry).",
            "TERM={0} no es un tipo de terminal conocido (no tiene entrada en terminfo)."
        ),
        (
            "TERM={0} is a generic or hard-copy terminal type.",
            "TERM={0} es un tipo de terminal genérico o de impresión."
        ),
        ("TERM={0} cannot move the cursor.", "TERM={0} no puede mover el cursor."),
        (
            "This form has changes: Ctrl-S keeps them, Esc twice leaves without them",
            "El formulario tiene cambios: Ctrl-S los aplica, Esc dos veces sale sin ellos"
        ),
        ("Search highlight cleared", "Resaltado de la búsqueda quitado"),
        (
            "Pasted text goes into a field: open one to type in first",
            "El texto pegado va a un campo: abre uno para escribir primero"
        ),
        (
            "Agreed money only: deals in talks, rumoured, predicted or ended left out",
            "Solo dinero acordado: sin negociaciones, rumores, previstos ni terminados"
        ),
        (
            "All money: agreed, pending and ended deals, each apart",
            "Todo el dinero: acordado, pendiente y terminado, cada uno aparte"
        ),
        ("With {0} as the first party of a new alliance", "Con {0} como primera parte de una nueva alianza"),
        ("The new fact's source: “{0}”", "La fuente del nuevo dato: «{0}»"),
        ("Reading {0}…", "Leyendo {0}…"),
        ("(u undoes it)", "(u lo deshace)"),
        (
            "(u undoes it; this dataset has no file: not saved)",
            "(u lo deshace; estos datos no tienen archivo: no se guardan)"
        ),
        ("Nothing to redo", "Nada que rehacer"),
        ("Nothing to undo", "Nada que deshacer"),
        ("Redid: {0}", "Rehecho: {0}"),
        ("Undid: {0}", "Deshecho: {0}"),
        ("saved to {0}", "guardado en {0}"),
        ("made the folder {0}", "creada la carpeta {0}"),
        ("a copy is in {0}", "hay una copia en {0}"),
        ("1 edit kept;", "se conserva 1 edición;"),
        ("{0} edits kept;", "se conservan {0} ediciones;"),
        ("R reads the file again and reapplies them,", "R vuelve a leer el archivo y las aplica de nuevo,"),
        ("Ctrl-S saves elsewhere", "Ctrl-S guarda en otro archivo"),
        ("{0} {1} since Allies read it", "{0} {1} desde que Allies lo leyó"),
        ("cannot {0} {1}: {2}", "no se puede {0} {1}: {2}"),
        ("invalid", "no válido"),
        ("the dataset would not load back ({0})", "los datos no se podrían volver a cargar ({0})"),
        (
            "{0}, the store its texts come from, was cut short by another program (quit, open the file again)",
            "otro programa ha acortado {0}, el almacén del que se leen sus textos (salga, vuelva a abrir el archivo)"
        ),
        ("Not saved: {0}", "No se ha guardado: {0}"),
        // A company's money whose direction the data does not give (an investor and a partner, no receiver).
        ("Direction not stated", "Sin dirección conocida"),
        ("Not saved: {0}; {1}", "No se ha guardado: {0}; {1}"),
        ("Not saved: {0}; edits kept for {1}", "No se ha guardado: {0}; cambios guardados para {1}"),
        (
            "Nothing to read again: this session's dataset has no file yet",
            "Nada que volver a leer: los datos de esta sesión aún no tienen archivo"
        ),
        ("Reading {0} again…", "Volviendo a leer {0}…"),
        ("unreadable", "ilegible"),
        (
            "Could not read {0} again: {1}; your edits are kept",
            "No se pudo volver a leer {0}: {1}; tus ediciones se conservan"
        ),
        (
            "Your edits do not apply to {0} as it is now: {1};",
            "Tus ediciones no se pueden aplicar a {0} tal como está ahora: {1};"
        ),
        ("they are kept, Ctrl-S saves them elsewhere", "se conservan, Ctrl-S las guarda en otro archivo"),
        ("Read {0} again and reapplied 1 change", "{0} leído de nuevo y 1 cambio aplicado otra vez"),
        ("Read {0} again; no edits of yours to reapply", "{0} leído de nuevo; no hay cambios tuyos que aplicar"),
        ("Read {0} again and reapplied {1} changes", "{0} leído de nuevo y {1} cambios aplicados otra vez"),
        ("yours kept where both changed: {0}", "se conservan los tuyos donde cambiaron ambos: {0}"),
        (
            "{0} exists already (Allies saves to a new file, or to the one it opened)",
            "{0} ya existe (Allies guarda en un archivo nuevo, o en el que abrió)"
        ),
        ("{0} (removed by you)", "{0} (lo quitaste tú)"),
        (
            "the copy of the edits a refused save made is removed (they are saved)",
            "se ha borrado la copia de los cambios que hizo un guardado rechazado (ya están guardados)"
        ),
        (
            "the edits are copied to {0} (allies merge-edits)",
            "los cambios se han copiado en {0} (allies merge-edits)"
        ),
        ("and {0} more", "y {0} más"),
        ("{0} (removed in the file)", "{0} (quitado en el archivo)"),
        ("(u cannot go back past this)", "(u no puede deshacer más allá de esto)"),
        (
            "Your own dataset: {0}; Allies opens it from now on",
            "Tus propios datos: {0}; Allies los abrirá a partir de ahora"
        ),
        (
            "1 edit is not saved: Ctrl-S saves; Ctrl-C again quits without it",
            "1 edición sin guardar: Ctrl-S guarda; Ctrl-C otra vez sale sin ella"
        ),
        (
            "{0} edits are not saved: Ctrl-S saves; Ctrl-C again quits without them",
            "{0} ediciones sin guardar: Ctrl-S guarda; Ctrl-C otra vez sale sin ellas"
        ),
        (
            "This form has changes: Ctrl-S keeps them, Ctrl-C again quits without them",
            "El formulario tiene cambios: Ctrl-S los aplica, Ctrl-C otra vez sale sin ellos"
        ),
        (
            "1 edit is not saved: Ctrl-S saves; q again quits without them",
            "1 edición sin guardar: Ctrl-S guarda; q otra vez sale sin ella"
        ),
        (
            "{0} edits are not saved: Ctrl-S saves; q again quits without them",
            "{0} ediciones sin guardar: Ctrl-S guarda; q otra vez sale sin ellas"
        ),
        ("Search wrapped to the top", "La búsqueda volvió al principio"),
        ("Search wrapped to the bottom", "La búsqueda volvió al final"),
        ("No match for {0} on this screen", "Ninguna coincidencia de {0} en esta pantalla"),
        ("agreed money only", "solo dinero acordado"),
        (
            "Terminal too small ({0}x{1}); need at least {2}x{3}",
            "Terminal demasiado pequeño ({0}x{1}); se necesita al menos {2}x{3}"
        ),
        ("Could not load the dataset", "No se pudieron cargar los datos"),
        ("Loading {0}", "Cargando {0}"),
        ("Ctrl-C quits", "Ctrl-C sale"),
        ("{0} opens once the dataset is read", "{0} se abre cuando se hayan leído los datos"),
        ("Available once the dataset is read", "Disponible cuando se hayan leído los datos"),
        ("(this row could not be read from the store)", "(esta fila no se pudo leer del almacén)"),
        ("A figure shown as {0} is still being read.", "Una cifra mostrada como {0} aún se está leyendo."),
        (
            "This list is read from the store as it is drawn; the rest of Allies opens once the dataset is read.",
            "Esta lista se lee del almacén al dibujarla; el resto de Allies se abre al terminar de leer los datos."
        ),
        ("These are the file's companies, read first;", "Estas son las empresas del archivo, leídas primero;"),
        (
            "their deals and money show once its alliances are read, and the rest of Allies opens then.",
            "sus acuerdos y su dinero aparecen al leer sus alianzas, y entonces se abre el resto de Allies."
        ),
    ]
}
