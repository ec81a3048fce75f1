// The catalogue's section for the CLI's editing, importing and generating commands and the root command.
// One entry per English string across every section: look in the other files (Common.swift first) first.

extension Catalogue {
    static let cliHelp: [(en: String, es: String)] = [
        (
            "Load this dataset (also $ALLIES_DATA); without either, your own dataset",
            "Cargar este conjunto de datos (también $ALLIES_DATA); sin ninguno de los dos, tu propio conjunto de datos"
        ),
        (
            "($XDG_DATA_HOME/allies/allies.json) when it exists, else the bundled one.",
            "($XDG_DATA_HOME/allies/allies.json) si existe; si no, el incluido en Allies."
        ),
        (
            "Read the dataset file itself, not its snapshot in the cache (see README: Large datasets).",
            "Leer el propio archivo del conjunto de datos, no su copia en la caché (véase README: Large datasets)."
        ),
        (
            "allies: the dataset has 1 problem; `allies validate FILE` lists them.",
            "allies: el conjunto de datos tiene 1 problema; `allies validate FILE` lo muestra."
        ),
        (
            "allies: the dataset has {0} problems; `allies validate FILE` lists them.",
            "allies: el conjunto de datos tiene {0} problemas; `allies validate FILE` los enumera."
        ),
        ("Output format: table, json or csv.", "Formato de salida: table, json o csv."),
        ("reading {0}", "leyendo {0}"),
        ("building the network", "construyendo la red"),
        (
            "Fit tables to this many columns (default: the terminal's width; unlimited in a pipe).",
            "Ajustar las tablas a tantas columnas (por defecto: el ancho del terminal; sin límite en una tubería)."
        ),
        (
            "Explore the alliances between technology companies in the AI era.",
            "Explora las alianzas entre empresas tecnológicas en la era de la IA."
        ),
        (
            "With no subcommand on a terminal, opens the interactive explorer.",
            "Sin subcomando, en un terminal, abre el explorador interactivo."
        ),
        (
            "The subcommands print the same data for scripts, as tables, JSON or CSV.",
            "Los subcomandos imprimen los mismos datos para scripts, como tablas, JSON o CSV."
        ),
        (
            "Exit status: 0 success; 1 not found, invalid dataset or bad query;",
            "Estado de salida: 0 éxito; 1 no encontrado, conjunto de datos no válido o consulta errónea;"
        ),
        (
            "2 no usable terminal for the explorer; 64 usage error.",
            "2 ningún terminal utilizable para el explorador; 64 error de uso."
        ),
        (
            "Language: --lang es|en (before or after the subcommand),",
            "Idioma: --lang es|en (antes o después del subcomando);"
        ),
        (
            "else LC_ALL, LC_MESSAGES, LANG (es_* is Spanish), else English.",
            "si no, LC_ALL, LC_MESSAGES, LANG (es_* es español); si no, inglés."
        ),
        (
            "JSON keys, CSV headers and exit statuses are the same in both.",
            "Las claves JSON, las cabeceras CSV y los estados de salida son los mismos en ambos idiomas."
        ),
        ("Your own dataset: {0} (--data opens another)", "Tu propio conjunto de datos: {0} (--data abre otro)"),
        ("Not reviewing matches: {0}", "No se revisan coincidencias: {0}"),
        ("allies: \"{0}\" matches several companies: {1}.", "allies: \"{0}\" coincide con varias empresas: {1}."),
        ("allies: no company matches \"{0}\".", "allies: ninguna empresa coincide con \"{0}\"."),
        ("`allies companies` lists them all.", "`allies companies` las enumera todas."),
        ("note: {0}", "nota: {0}"),
        (", retrieved {0}", ", consultado: {0}"),
        (" — supports {0}", " — respalda {0}"),
        (
            "allies: neither $XDG_DATA_HOME nor $HOME is set, so your own dataset has no place;",
            "allies: ni $XDG_DATA_HOME ni $HOME están definidas, así que tu propio conjunto de datos no tiene sitio;"
        ),
        ("edit a file with --data FILE (or $ALLIES_DATA).", "edita un archivo con --data FILE (o $ALLIES_DATA)."),
        (
            "To start one from the bundled dataset: allies export --format json > FILE",
            "Para empezar uno a partir del conjunto incluido: allies export --format json > FILE"
        ),
        (
            "allies: {0} is not a regular file; nothing was written",
            "allies: {0} no es un archivo normal; no se ha escrito nada"
        ),
        (
            "allies: created your own dataset at {0} from the bundled one;",
            "allies: se ha creado tu propio conjunto de datos en {0} a partir del incluido;"
        ),
        (
            "Allies opens it from now on (--data still wins)",
            "Allies lo abre a partir de ahora (--data sigue teniendo prioridad)"
        ),
        (
            "allies: ALLIES_TODAY=\"{0}\": expected a day as YYYY-MM-DD",
            "allies: ALLIES_TODAY=\"{0}\": se esperaba un día como AAAA-MM-DD"
        ),
        ("(none)", "(ninguno)"),
        ("1 article ({0})", "1 artículo ({0})"),
        ("{0} articles ({1})", "{0} artículos ({1})"),
        ("1 group ({0})", "1 grupo ({0})"),
        ("{0} groups ({1})", "{0} grupos ({1})"),
        ("1 company ({0})", "1 empresa ({0})"),
        ("{0} companies ({1})", "{0} empresas ({1})"),
        ("1 alliance ({0})", "1 alianza ({0})"),
        ("{0} alliances ({1})", "{0} alianzas ({1})"),
        ("1 claim ({0})", "1 afirmación ({0})"),
        ("{0} claims ({1})", "{0} afirmaciones ({1})"),
        ("1 person ({0})", "1 persona ({0})"),
        ("{0} people ({1})", "{0} personas ({1})"),
        ("1 share estimate ({0})", "1 estimación de cuota ({0})"),
        ("{0} share estimates ({1})", "{0} estimaciones de cuota ({1})"),
        (
            "Add records to a dataset file from a JSON fragment of its top-level lists.",
            "Añadir registros a un archivo de conjunto de datos desde un fragmento JSON de sus listas principales."
        ),
        (
            "RECORDS is a JSON object with any of the dataset's lists,",
            "RECORDS es un objeto JSON con cualquiera de las listas del conjunto de datos,"
        ),
        (
            "each record in the dataset's own form (FORMAT.md): {0}.",
            "cada registro en la forma propia del conjunto (FORMAT.md): {0}."
        ),
        (
            "Each new record's `added` is today ($ALLIES_TODAY when set), unless it carries its own.",
            "El `added` de cada registro nuevo es hoy ($ALLIES_TODAY si está definida), salvo que traiga el suyo."
        ),
        (
            "Every record is checked as `allies validate` checks a file,",
            "Cada registro se comprueba como `allies validate` comprueba un archivo,"
        ),
        (
            "its references resolved against the dataset and the fragment;",
            "con sus referencias resueltas contra el conjunto de datos y el fragmento;"
        ),
        (
            "problems are reported with their line and column in RECORDS, and nothing is written.",
            "los problemas se indican con su línea y columna en RECORDS, y no se escribe nada."
        ),
        (
            "The file is saved safely (FORMAT.md: never a half-written file)",
            "El archivo se guarda de forma segura (FORMAT.md: nunca un archivo a medio escribir)"
        ),
        ("and refused if it changed since it was read.", "y se rechaza si ha cambiado desde que se leyó."),
        (
            "The records: a file, or '-' (the default) for standard input.",
            "Los registros: un archivo, o '-' (por defecto) para la entrada estándar."
        ),
        ("allies: {0}: 1 problem; nothing was added", "allies: {0}: 1 problema; no se ha añadido nada"),
        ("allies: {0}: {1} problems; nothing was added", "allies: {0}: {1} problemas; no se ha añadido nada"),
        ("allies: {0} holds no records; nothing was added", "allies: {0} no contiene registros; no se ha añadido nada"),
        (
            "Remove a record from a dataset file (refused while other records refer to it).",
            "Quitar un registro de un archivo de conjunto de datos (se rechaza mientras otros registros lo citen)."
        ),
        (
            "Names the records that refer to it, with the field that does, and writes nothing;",
            "Nombra los registros que lo citan, con el campo que lo hace, y no escribe nada;"
        ),
        (
            "--cascade removes them too (and what refers to those).",
            "--cascade los quita también (y lo que cite a esos)."
        ),
        (
            "The file is saved safely and refused if it changed since it was read.",
            "El archivo se guarda de forma segura y se rechaza si ha cambiado desde que se leyó."
        ),
        (
            "Also remove every record that refers to it (one that quotes a removed article among other sources",
            "Quitar también todos los registros que lo citan (uno que cita un artículo quitado entre otras fuentes"
        ),
        (
            "only loses that quote, a company in a removed group leaves it, and a unit of a removed",
            "solo pierde esa cita, una empresa de un grupo quitado sale de él, y una unidad de una empresa quitada"
        ),
        ("company stays as a company of its own).", "se conserva como empresa independiente)."),
        ("kept, out of the group: {0}", "conservadas, fuera del grupo: {0}"),
        (
            "kept, as companies of their own (their parent was removed): {0}",
            "conservadas, como empresas independientes (se quitó su matriz): {0}"
        ),
        (
            "kept, without their quotes of it (they have other sources): {0}",
            "conservados, sin sus citas de él (tienen otras fuentes): {0}"
        ),
        ("nothing was removed", "no se ha quitado nada"),
        ("allies: 1 reference to {0}; nothing was removed:", "allies: 1 referencia a {0}; no se ha quitado nada:"),
        (
            "allies: {0} references to {1}; nothing was removed:",
            "allies: {0} referencias a {1}; no se ha quitado nada:"
        ),
        ("{0}, field {1}", "{0}, campo {1}"),
        (
            "Remove or change them first, or pass --cascade to remove them too.",
            "Quítalas o cámbialas antes, o usa --cascade para quitarlas también."
        ),
        ("removed from {0}: {1}", "quitado de {0}: {1}"),
        (
            "Change fields of a record in a dataset file.",
            "Cambiar campos de un registro de un archivo de conjunto de datos."
        ),
        (
            "Each --set PATH=VALUE sets a field of the record's canonical JSON (FORMAT.md): PATH is a field name,",
            "Cada --set PATH=VALUE fija un campo del JSON canónico del registro (FORMAT.md); PATH es su nombre,"
        ),
        (
            "with .name for a field inside and [N] for a list's item (N one past the end adds one):",
            "con .nombre para un campo interior y [N] para un elemento de lista (N uno tras el final añade uno):"
        ),
        ("VALUE is JSON when it reads as JSON ({0}),", "VALUE es JSON cuando se lee como JSON ({0});"),
        (
            "otherwise the text itself; null removes an optional field.",
            "si no, el propio texto; null quita un campo opcional."
        ),
        (
            "The result is checked as `allies validate` checks a file and nothing is written when it fails.",
            "El resultado se comprueba como `allies validate` comprueba un archivo y no se escribe nada si falla."
        ),
        (
            "The record's `updated` becomes today ($ALLIES_TODAY when set), unless --set sets it.",
            "El `updated` del registro pasa a ser hoy ($ALLIES_TODAY si está definida), salvo que --set lo fije."
        ),
        ("Prints each changed field, old → new.", "Muestra cada campo cambiado, antes → después."),
        ("A field and its new value.", "Un campo y su nuevo valor."),
        ("nothing to change: give at least one --set PATH=VALUE", "nada que cambiar: da al menos un --set PATH=VALUE"),
        (
            "--set {0}: expected PATH=VALUE, PATH like status, title.es or amounts[0].value",
            "--set {0}: se esperaba PATH=VALUE, con PATH como status, title.es o amounts[0].value"
        ),
        ("nothing was changed", "no se ha cambiado nada"),
        ("allies: --set {0}: {1}; nothing was changed", "allies: --set {0}: {1}; no se ha cambiado nada"),
        ("{0}: no field changed", "{0}: ningún campo ha cambiado"),
        ("allies: {0}, field {1}: {2}", "allies: {0}, campo {1}: {2}"),
        ("changed {0} in {1}:", "se ha cambiado {0} en {1}:"),
        ("The id of the record.", "El id del registro."),
        (
            "The list the id is in, when several lists have it: {0}.",
            "La lista en la que está el id, cuando varias listas lo tienen: {0}."
        ),
        (
            "--list: unknown list \"{0}\": expected one of {1}",
            "--list: lista desconocida \"{0}\": se esperaba una de {1}"
        ),
        ("allies: no record has the id \"{0}\" in {1}; {2}", "allies: ningún registro tiene el id \"{0}\" en {1}; {2}"),
        ("allies: no record has the id \"{0}\"; {1}", "allies: ningún registro tiene el id \"{0}\"; {1}"),
        (
            "allies: {0} have this id: name the list with --list; {1}",
            "allies: {0} tienen este id: indica la lista con --list; {1}"
        ),
        (
            "What changed between two dataset files: records added, removed and changed, field by field.",
            "Qué cambió entre dos archivos de datos: registros añadidos, quitados y cambiados, campo a campo."
        ),
        ("Records are matched by list and id.", "Los registros se emparejan por lista e id."),
        (
            "Exit status 0 whether or not they differ; 1 when a file does not load.",
            "Estado de salida 0 tanto si difieren como si no; 1 si un archivo no se carga."
        ),
        ("The older file.", "El archivo anterior."),
        ("The newer file.", "El archivo más reciente."),
        (
            "allies: {0} does not load (1 problem; `allies validate {0}` lists them)",
            "allies: {0} no se carga (1 problema; `allies validate {0}` lo muestra)"
        ),
        (
            "allies: {0} does not load ({1} problems; `allies validate {0}` lists them)",
            "allies: {0} no se carga ({1} problemas; `allies validate {0}` los enumera)"
        ),
        ("no differences", "sin diferencias"),
        ("removed", "quitado"),
        ("changed", "cambiado"),
        ("{0} added, {1} removed, {2} changed", "añadidos: {0}, quitados: {1}, cambiados: {2}"),
        (
            "List the records added or updated since a date.",
            "Listar los registros añadidos o actualizados desde una fecha."
        ),
        (
            "Records carry `added` and `updated` days when edits and imports set them",
            "Los registros llevan los días `added` y `updated` cuando los fijan las ediciones y las importaciones"
        ),
        (
            "(`allies add`, `edit`, `article add`); records without them (the bundled ones) are never listed.",
            "(`allies add`, `edit`, `article add`); los registros sin ellos (los incluidos) nunca se listan."
        ),
        (
            "One row per record: the later of its dates on or after --since,",
            "Una fila por registro: la más reciente de sus fechas en --since o después,"
        ),
        (
            "whether that is when it was added or updated, its kind, id and title;",
            "si es cuando se añadió o cuando se actualizó, su tipo, id y título;"
        ),
        ("newest first, then by kind and id.", "los más recientes primero, luego por tipo e id."),
        (
            "From this day on, inclusive: YYYY-MM-DD, or YYYY-MM or YYYY for the first day of that month or year.",
            "Desde este día, incluido: AAAA-MM-DD, o AAAA-MM o AAAA para el primer día de ese mes o año."
        ),
        ("No records added or updated since {0}.", "Ningún registro añadido ni actualizado desde el {0}."),
        (
            "Import deals and companies from a CSV export or FollowTheMoney entities.",
            "Importar acuerdos y empresas de una exportación CSV o de entidades de FollowTheMoney."
        ),
        (
            "Writes a new dataset (--output FILE) or merges into one (--into FILE),",
            "Escribe un conjunto de datos nuevo (--output FILE) o lo fusiona con uno existente (--into FILE),"
        ),
        (
            "saved as safely as any edit and checked first.",
            "guardado con la misma seguridad que cualquier edición y comprobado antes."
        ),
        ("Every record of the input is accounted for:", "Se da cuenta de cada registro de la entrada:"),
        (
            "imported, merged (already there, or the same record twice) or rejected;",
            "importado, fusionado (ya estaba, o el mismo registro dos veces) o rechazado;"
        ),
        (
            "rejected records go to a rejects file with their line and the reason.",
            "los registros rechazados van a un archivo de rechazados con su línea y el motivo."
        ),
        (
            "Companies are matched to the dataset's by the source's key, then by name with case, accents,",
            "Las empresas se emparejan con las del conjunto por la clave de la fuente y luego por nombre, ignorando"
        ),
        (
            "punctuation and legal forms (Inc., Ltd, GmbH, S.A. de C.V.) set aside;",
            "mayúsculas, acentos, puntuación y formas jurídicas (Inc., Ltd, GmbH, S.A. de C.V.);"
        ),
        (
            "uncertain matches are listed by --review and decided in the review file beside the dataset",
            "las coincidencias dudosas se listan con --review y se deciden en el archivo de revisión junto al conjunto"
        ),
        (
            "Write a new dataset to this file (it must not exist).",
            "Escribir un conjunto de datos nuevo en este archivo (no debe existir)."
        ),
        (
            "Merge into this dataset file, saved safely.",
            "Fusionar con este archivo de conjunto de datos, guardado de forma segura."
        ),
        (
            "Where rejected records go (default: beside the dataset, NAME.rejects.csv).",
            "Adónde van los registros rechazados (por defecto: junto al conjunto de datos, NAME.rejects.csv)."
        ),
        (
            "List the uncertain company matches (candidates) after the import.",
            "Listar las coincidencias dudosas de empresas (candidatas) tras la importación."
        ),
        (
            "Read and check everything, print the summary, write nothing.",
            "Leer y comprobar todo, mostrar el resumen, no escribir nada."
        ),
        (
            "give --output FILE (a new dataset) or --into FILE (merge into a dataset)",
            "da --output FILE (un conjunto de datos nuevo) o --into FILE (fusionar con un conjunto de datos)"
        ),
        ("allies: cannot merge into {0}:", "allies: no se puede fusionar con {0}:"),
        (
            "allies: {0} exists; --output writes a new dataset",
            "allies: {0} ya existe; --output escribe un conjunto de datos nuevo"
        ),
        ("(use --into to merge into it)", "(usa --into para fusionar con él)"),
        ("Matching {0} company mentions and {1} deals…", "Emparejando {0} menciones de empresas y {1} acuerdos…"),
        (
            "allies: internal error: {0} records read but {1} accounted for; nothing written",
            "allies: error interno: {0} registros leídos pero {1} contabilizados; no se ha escrito nada"
        ),
        ("imported", "importados"),
        ("merged", "fusionados"),
        ("joined", "unidos"),
        ("rejected", "rechazados"),
        ("total", "total"),
        ("{0}: {1} on {2}", "{0}: {1} en {2}"),
        ("1 record", "1 registro"),
        ("{0} records", "{0} registros"),
        ("1 line", "1 línea"),
        ("{0} lines", "{0} líneas"),
        ("new alliances", "alianzas nuevas"),
        (
            "alliances already there (the same {0} record, or the same id and parties)",
            "alianzas que ya estaban (el mismo registro de {0}, o el mismo id y las mismas partes)"
        ),
        ("new companies", "empresas nuevas"),
        ("companies already there", "empresas que ya estaban"),
        (
            "part of another record (an alliance's further amount; an FtM Contract)",
            "parte de otro registro (otro importe de una alianza; un Contract de FtM)"
        ),
        ("listed in {0}", "listados en {0}"),
        (
            "listed on standard error (a dry run writes no file)",
            "listados en la salida de errores (una prueba no escribe ningún archivo)"
        ),
        ("= the records read", "= los registros leídos"),
        (
            "Companies: {0} new, {1} matched to companies already in the dataset",
            "Empresas: {0} nuevas, {1} emparejadas con empresas que ya estaban en el conjunto de datos"
        ),
        (", {0} uncertain matches (see --review)", ", {0} coincidencias dudosas (véase --review)"),
        ("warning: {0}", "aviso: {0}"),
        (
            "allies: every record was rejected; nothing imported (see {0})",
            "allies: se han rechazado todos los registros; no se ha importado nada (véase {0})"
        ),
        (
            "allies: nothing imported, and the rejects were not written: {0}",
            "allies: no se ha importado nada, y los rechazos no se han escrito: {0}"
        ),
        (
            "warning: line {0} may repeat {1}, an alliance already there (same kind, companies, date):",
            "aviso: la línea {0} puede repetir {1}, una alianza que ya estaba (mismo tipo, empresas y fecha):"
        ),
        (
            "if it is the same deal, its money now counts twice; see `allies alliance {0}`",
            "si es el mismo acuerdo, su dinero cuenta ahora dos veces; véase `allies alliance {0}`"
        ),
        (
            "warning: … and {0} more deals that may repeat one already there",
            "aviso: … y {0} acuerdos más que pueden repetir uno que ya estaba"
        ),
        ("warning: a review decision was not applied: {0}", "aviso: no se ha aplicado una decisión de revisión: {0}"),
        ("… and {0} more in {1}", "… y {0} más en {1}"),
        ("Dry run: nothing written.", "Simulación: no se ha escrito nada."),
        ("Checking and writing {0}…", "Comprobando y escribiendo {0}…"),
        ("allies: nothing imported: {0}", "allies: no se ha importado nada: {0}"),
        (
            "allies: the dataset was written, but not the rejects: {0}",
            "allies: se ha escrito el conjunto de datos, pero no los rechazados: {0}"
        ),
        (
            "allies: the dataset was written, but not the candidates: {0}",
            "allies: se ha escrito el conjunto de datos, pero no las candidatas: {0}"
        ),
        ("Wrote {0}: {1}, {2}.", "Escrito {0}: {1}, {2}."),
        ("1 company", "1 empresa"),
        ("{0} companies", "{0} empresas"),
        ("No uncertain matches.", "No hay coincidencias dudosas."),
        (
            "Uncertain matches ({0}): decide them in the explorer's review screen or in {1};",
            "Coincidencias dudosas ({0}): decídelas en la pantalla de revisión del explorador o en {1};"
        ),
        ("the next import of the same source applies them.", "la próxima importación de la misma fuente las aplica."),
        ("IMPORTED", "IMPORTADA"),
        ("ADDED AS", "AÑADIDA COMO"),
        ("MAY BE", "PUEDE SER"),
        ("WHY", "POR QUÉ"),
        (
            "Import deals from a CSV file with a preset or a column mapping.",
            "Importar acuerdos de un archivo CSV con un formato conocido o una correspondencia de columnas."
        ),
        ("Presets (--preset NAME):", "Formatos conocidos (--preset NAME):"),
        (
            "Any other CSV: --map COLUMN=FIELD for each column to read, with --kind, --status and --dataset.",
            "Cualquier otro CSV: --map COLUMN=FIELD por cada columna que leer, con --kind, --status y --dataset."
        ),
        ("Fields: {0}.", "Campos: {0}."),
        ("The file must be UTF-8 (with or without a BOM).", "El archivo debe estar en UTF-8 (con o sin BOM)."),
        (
            "Dates keep their precision (2015-07 is a month); an empty amount is undisclosed, never 0.",
            "Las fechas conservan su precisión (2015-07 es un mes); un importe vacío es no revelado, nunca 0."
        ),
        ("reads: {0}", "lee: {0}"),
        ("not read: {0}", "no lee: {0}"),
        ("The CSV file; - for standard input.", "El archivo CSV; - para la entrada estándar."),
        ("A known export: {0}.", "Una exportación conocida: {0}."),
        (
            "COLUMN=FIELD: read COLUMN as FIELD (repeat for each column).",
            "COLUMN=FIELD: leer COLUMN como FIELD (repítelo para cada columna)."
        ),
        (
            "With --map: the kind of every deal without a kind column.",
            "Con --map: el tipo de todo acuerdo sin columna de tipo."
        ),
        (
            "With --map: the status of every deal without a status column.",
            "Con --map: el estado de todo acuerdo sin columna de estado."
        ),
        (
            "With --map: the dataset's name, as its publisher names it.",
            "Con --map: el nombre del conjunto de datos, como lo llama quien lo publica."
        ),
        ("With --map: the dataset's licence.", "Con --map: la licencia del conjunto de datos."),
        ("The field separator: , ; | or tab.", "El separador de campos: , ; | o tab."),
        ("--separator: expected , ; | or tab, not \"{0}\"", "--separator: se esperaba , ; | o tab, no \"{0}\""),
        ("give --preset or --map, not both", "da --preset o --map, no ambos"),
        ("no preset \"{0}\": the presets are {1}", "no hay ningún formato \"{0}\": los formatos son {1}"),
        ("give --preset NAME or --map COLUMN=FIELD …", "da --preset NAME o --map COLUMN=FIELD …"),
        (
            "--map \"{0}\": expected COLUMN=FIELD with FIELD one of {1}",
            "--map \"{0}\": se esperaba COLUMN=FIELD con FIELD uno de {1}"
        ),
        ("--kind: expected one of {0}", "--kind: se esperaba uno de {0}"),
        ("--status: expected one of {0}", "--status: se esperaba uno de {0}"),
        (
            "--map needs --dataset NAME: every imported fact names the dataset it comes from",
            "--map necesita --dataset NAME: cada dato importado nombra el conjunto de datos del que viene"
        ),
        ("Reading {0}: {1} MB", "Leyendo {0}: {1} MB"),
        (
            "Import companies and deals from FollowTheMoney entities (JSON lines).",
            "Importar empresas y acuerdos de entidades de FollowTheMoney (líneas JSON)."
        ),
        (
            "Reads Company, Organization and LegalEntity as companies;",
            "Lee Company, Organization y LegalEntity como empresas;"
        ),
        (
            "Ownership (an investment, or an acquisition at 100%), Succession (an acquisition), Payment,",
            "Ownership (una inversión, o una adquisición al 100 %), Succession (una adquisición), Payment,"
        ),
        (
            "ContractAward with its Contract, and UnknownLink as deals.",
            "ContractAward con su Contract, y UnknownLink como acuerdos."
        ),
        ("Lines may come in any order.", "Las líneas pueden venir en cualquier orden."),
        ("Entities written by `allies export --format ftm`", "Las entidades escritas por `allies export --format ftm`"),
        (
            "come back with their kinds, roles, statuses and amounts;",
            "vuelven con sus tipos, papeles, estados e importes;"
        ),
        (
            "other entities get the status `announced` unless their own status is one of Allies'.",
            "las demás entidades reciben el estado `announced` salvo que su propio estado sea uno de los de Allies."
        ),
        (
            "Other schemata (Person, Vessel…) are rejected, each with its line and reason.",
            "Los demás esquemas (Person, Vessel…) se rechazan, cada uno con su línea y su motivo."
        ),
        (
            "A Contract line is part of its ContractAward's deal,",
            "Una línea Contract es parte del acuerdo de su ContractAward,"
        ),
        (
            "and a company line without a name is part of the company that another line names:",
            "y una línea de empresa sin nombre es parte de la empresa que nombra otra línea:"
        ),
        ("both are counted as \"{0}\" in the summary.", "ambas se cuentan como \"{0}\" en el resumen."),
        (
            "The FtM file (one entity per line); - for standard input.",
            "El archivo FtM (una entidad por línea); - para la entrada estándar."
        ),
        (
            "The dataset's name, as its publisher names it.",
            "El nombre del conjunto de datos, como lo llama quien lo publica."
        ),
        ("The dataset's licence.", "La licencia del conjunto de datos."),
        ("Where the dataset is published.", "Dónde se publica el conjunto de datos."),
        (
            "--dataset NAME: every imported fact names the dataset it comes from",
            "--dataset NAME: cada dato importado nombra el conjunto de datos del que viene"
        ),
        (
            "Write a synthetic dataset of invented companies and alliances, the same for the same seed.",
            "Escribir un conjunto de datos sintético de empresas y alianzas inventadas, el mismo para la misma semilla."
        ),
        ("For benchmarks and demos.", "Para pruebas de rendimiento y demostraciones."),
        (
            "Every name, figure and article is invented: company names in English, Spanish, Italian, German,",
            "Todos los nombres, cifras y artículos son inventados: nombres de empresas en inglés, español, italiano,"
        ),
        (
            "French, Nordic languages, Portuguese, Chinese, Japanese and Korean;",
            "alemán, francés, lenguas nórdicas, portugués, chino, japonés y coreano;"
        ),
        (
            "every kind of alliance and status; dates as precise as a year, a month or a day;",
            "todos los tipos de alianza y estados; fechas con precisión de año, mes o día;"
        ),
        (
            "amounts in several currencies; one article for every four alliances;",
            "importes en varias monedas; un artículo por cada cuatro alianzas;"
        ),
        ("people, claims and market-share estimates.", "personas, afirmaciones y estimaciones de cuota de mercado."),
        (
            "A few hub companies have many alliances and most have a handful.",
            "Unas pocas empresas centrales tienen muchas alianzas y la mayoría, unas cuantas."
        ),
        ("The file is valid and canonical:", "El archivo es válido y canónico:"),
        (
            "`allies export --format json --data FILE` prints it back byte for byte.",
            "`allies export --format json --data FILE` lo reproduce byte a byte."
        ),
        (
            "Exit status: 0 written; 1 the output could not be written;",
            "Estado de salida: 0 escrito; 1 no se pudo escribir la salida;"
        ),
        ("64 a count out of range or another usage error.", "64 un número fuera de rango u otro error de uso."),
        ("How many companies (at least 2, at most {0}).", "Cuántas empresas (al menos 2, como mucho {0})."),
        ("How many alliances (0 to {0}).", "Cuántas alianzas (de 0 a {0})."),
        (
            "Seed of the random generator, 0 to 18446744073709551615: the same seed gives the same bytes.",
            "Semilla del generador aleatorio, de 0 a 18446744073709551615: la misma semilla da los mismos bytes."
        ),
        (
            "Write to this file instead of standard output ('-' is standard output).",
            "Escribir en este archivo en vez de en la salida estándar ('-' es la salida estándar)."
        ),
        ("allies: cannot write {0}: {1}", "allies: no se puede escribir {0}: {1}"),
        ("standard output", "la salida estándar"),
        (
            "allies: wrote {0}: {1} companies, {2} alliances, {3} bytes",
            "allies: escrito {0}: {1} empresas, {2} alianzas, {3} bytes"
        ),
        ("(seed {0})", "(semilla {0})"),
        // ArgumentParser's own words (Allies.libraryWords).
        ("OVERVIEW:", "DESCRIPCIÓN:"),
        ("USAGE:", "USO:"),
        ("ARGUMENTS:", "ARGUMENTOS:"),
        ("OPTIONS:", "OPCIONES:"),
        ("SUBCOMMANDS:", "SUBCOMANDOS:"),
        ("Show help information.", "Muestra esta ayuda."),
        ("Show the version.", "Muestra la versión."),
        ("for detailed help.", "para la ayuda detallada."),
        ("<subcommand>", "<subcomando>"),
        ("Please provide one of", "Indica uno de estos:"),
        ("or", "o"),
        ("(default)", "(por defecto)"),
        ("for more information.", "para más información."),
        ("See '", "Consulta '"),
        ("Error: ", "Error: "),
        ("Usage: ", "Uso: "),
        ("Help:  ", "Ayuda:  "),
        ("Missing expected argument", "Falta el argumento"),
        ("Unknown option", "Opción desconocida"),
        ("Did you mean '", "¿Quisiste decir '"),
        ("Unexpected argument", "Argumento inesperado"),
        ("Missing value for", "Falta el valor de"),
        ("The value", "El valor"),
        ("is invalid for", "no vale para"),
        ("(default:", "(por defecto:"),
        ("(values:", "(valores:"),
        ("; default:", "; por defecto:"),
        (
            "The order: date (newest first, undated last), amount (as the explorer sorts money: agreed dollars",
            "El orden: date (la más reciente primero, sin fecha al final), amount (como el explorador ordena el dinero:"
        ),
        (
            "first, undisclosed last) or parties (by name); without it, the dataset's own order.",
            "primero los dólares acordados, sin cifra al final) o parties (por nombre); sin él, el orden de los datos."
        ),
        (
            "the record's key in its dataset (default: the parties' keys and the date)",
            "la clave del registro en su conjunto de datos (por defecto: las claves de las partes y la fecha)"
        ),
        (
            "the alliance kind (acquisition, investment, …); default: --kind",
            "el tipo de alianza (acquisition, investment, …); por defecto: --kind"
        ),
        (
            "the deal's status (announced, completed, …); default: the preset's",
            "el estado del acuerdo (announced, completed, …); por defecto: el del formato"
        ),
        (
            "YYYY, YYYY-MM or YYYY-MM-DD (a time of day after the date is ignored)",
            "AAAA, AAAA-MM o AAAA-MM-DD (se ignora una hora tras la fecha)"
        ),
        ("YYYY-MM, used when the date is empty", "AAAA-MM, usado cuando la fecha está vacía"),
        (
            "a number in units of the currency; empty or 0: undisclosed",
            "un número en unidades de la moneda; vacío o 0: sin cifra"
        ),
        ("ISO 4217 code of the amount", "código ISO 4217 del importe"),
        (
            "the title in English (default: made from the parties)",
            "el título en inglés (por defecto: hecho a partir de las partes)"
        ),
        (
            "the title in Spanish (default: made from the parties)",
            "el título en español (por defecto: hecho a partir de las partes)"
        ),
        (
            "the summary in English (default: names the record)",
            "el resumen en inglés (por defecto: nombra el registro)"
        ),
        (
            "the summary in Spanish (default: names the record)",
            "el resumen en español (por defecto: nombra el registro)"
        ),
        (
            "the company's key in the dataset (default: its name)",
            "la clave de la empresa en el conjunto de datos (por defecto: su nombre)"
        ),
        ("the company's name", "el nombre de la empresa"),
        ("ISO 3166 alpha-2 or alpha-3 code", "código ISO 3166 alfa-2 o alfa-3"),
        ("categories separated by |", "categorías separadas por |"),
        (
            "Allies' own CSV (allies export --format csv): the same alliances back, ids, kinds, parties and",
            "El CSV propio de Allies (allies export --format csv): las mismas alianzas de vuelta, ids, tipos, partes y"
        ),
        (
            "roles, every amount with its qualifiers, dates with precision and event, statuses, titles.",
            "papeles, cada importe con sus matices, fechas con su precisión y evento, estados, títulos."
        ),
        (
            "Parties are company ids: merged into a dataset that has them, they are those companies;",
            "Las partes son ids de empresa: al fusionar en unos datos que las tienen, son esas empresas;"
        ),
        (
            "otherwise a company is made with the id as its name. Summaries and amount notes are not in it.",
            "si no, se crea una empresa con el id como nombre. Los resúmenes y las notas de importe no están en él."
        ),
        (
            "Crunchbase 2015 export, acquisitions sheet: one acquisition per row (acquirer → company acquired).",
            "Exportación de Crunchbase de 2015, hoja de adquisiciones: una compra por fila (comprador → comprada)."
        ),
        (
            "Read as announced, dated announced: the export does not say whether a deal closed.",
            "Se lee como anunciada, con fecha de anuncio: la exportación no dice si el acuerdo se cerró."
        ),
        (
            "Crunchbase 2015 export, investments sheet: one investor in one funding round per row.",
            "Exportación de Crunchbase de 2015, hoja de inversiones: un inversor en una ronda de financiación por fila."
        ),
        (
            "The amount is the round's total, so each investor's deal is up to it; rounds are completed,",
            "El importe es el total de la ronda, así que cada inversor aporta hasta esa cifra; las rondas, completadas,"
        ),
        (
            "dated closed (funded_at). Investors who are people (/person/…) are rejected: Allies records",
            "con fecha de cierre (funded_at). Los inversores que son personas (/person/…) se rechazan: Allies registra"
        ),
        ("companies.", "empresas."),
        (
            "Crunchbase 2015 export, rounds sheet: one funding round per row, naming no investor.",
            "Exportación de Crunchbase de 2015, hoja de rondas: una ronda de financiación por fila, sin inversor."
        ),
        (
            "Imports the companies (name, country, categories); a round with no investor is not an alliance,",
            "Importa las empresas (nombre, país, categorías); una ronda sin inversor no es una alianza,"
        ),
        (
            "so its amount is not imported (use crunchbase-2015-investments for who invested).",
            "así que su importe no se importa (usa crunchbase-2015-investments para saber quién invirtió)."
        ),
        (
            "Merge an edits file set aside from its dataset file into the dataset file as it is now.",
            "Fusionar un archivo de cambios apartado de su archivo de datos en el archivo de datos tal como está ahora."
        ),
        (
            "EDITS is an edits file (FORMAT.md) of another version of the file (one moved aside when the file",
            "EDITS es un archivo de cambios (FORMAT.md) de otra versión del archivo (uno apartado cuando el archivo"
        ),
        (
            "was replaced: a backup put back, a newer copy from someone else), or a copy of a session's unsaved",
            "fue sustituido: una copia de seguridad restaurada, otra más nueva de alguien), o una copia de los cambios"
        ),
        (
            "edits ($XDG_STATE_HOME/allies/unsaved, named on the explorer's status line).",
            "sin guardar de una sesión ($XDG_STATE_HOME/allies/unsaved, nombrada en la línea de estado)."
        ),
        (
            "Each record the edits changed is merged with the file's, field by field, against the record as it",
            "Cada registro cambiado se fusiona con el del archivo, campo a campo, frente al registro tal como"
        ),
        (
            "was before the edits: a field only the file changed keeps the file's value.",
            "era antes de los cambios: un campo que solo cambió el archivo conserva el valor del archivo."
        ),
        (
            "A field both changed is listed, and takes the value --prefer names (the edits', unless file).",
            "Un campo que cambiaron ambos se lista, y toma el valor de --prefer (el de los cambios, salvo file)."
        ),
        (
            "Without --write it prints what would change and writes nothing; with --write the file is saved",
            "Sin --write muestra lo que cambiaría y no escribe nada; con --write el archivo se guarda"
        ),
        (
            "as `allies edit` saves it, and refused if it changed since it was read.",
            "como lo guarda `allies edit`, y se rechaza si cambió desde que se leyó."
        ),
        (
            "An edits file of version 1 does not hold the records as they were: each of its records is put whole,",
            "Un archivo de cambios de la versión 1 no guarda los registros como eran: cada registro se pone entero,"
        ),
        (
            "so a field the file changed since is reverted (the changes listed show it).",
            "así que un campo que el archivo cambiara desde entonces se revierte (los cambios listados lo muestran)."
        ),
        (
            "The edits file to merge.",
            "El archivo de cambios que fusionar."
        ),
        (
            "Save the merged dataset (without it, nothing is written).",
            "Guardar el conjunto de datos fusionado (sin esto no se escribe nada)."
        ),
        (
            "Whose value a field both changed keeps: edits or file.",
            "Qué valor conserva un campo que cambiaron ambos: edits o file."
        ),
    ]
}
