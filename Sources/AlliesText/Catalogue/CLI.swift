// The catalogue's section for the CLI's listings, reports and their help (Commands, Listings, Network, Article).
// One entry per English string across every section: look in the other files (Common.swift first) first.

extension Catalogue {
    static let cli: [(en: String, es: String)] = [
        (
            "List every company with its kind, alliances, disclosed money in and out, and last activity.",
            "Lista todas las empresas con su tipo, alianzas, dinero revelado que entra y sale, y última actividad."
        ),
        ("Only companies of this kind ({0}).", "Solo empresas de este tipo ({0})."),
        ("unknown kind \"{0}\"; expected one of {1}", "tipo desconocido \"{0}\"; se esperaba uno de {1}"),
        (
            "Show one company: profile, alliances, partners, money in and out, people and sources.",
            "Muestra una empresa: perfil, alianzas, socios, dinero que entra y sale, personas y fuentes."
        ),
        (
            "NAME is an id, a name or an alias, in any case and with or without accents",
            "NAME es un id, un nombre o un alias, en mayúsculas o minúsculas y con o sin tildes"
        ),
        ("Company id, name or alias.", "Id, nombre o alias de la empresa."),
        ("Units", "Filiales"),
        ("Resumen", "En inglés"),
        ("Alliances ({0})", "Alianzas ({0})"),
        ("Partners ({0})", "Socios ({0})"),
        ("Claims and figures", "Afirmaciones y cifras"),
        ("{0} of {1} ({2}, {3}) — {4}, {5} ({6})", "{0} de {1} ({2}, {3}) — {4}, {5} ({6})"),
        ("Only this kind ({0}).", "Solo este tipo ({0})."),
        (
            "Only alliances with this company (id, name or alias).",
            "Solo alianzas con esta empresa (id, nombre o alias)."
        ),
        ("Only alliances dated in this year.", "Solo alianzas con fecha en este año."),
        ("Only this status ({0}).", "Solo este estado ({0})."),
        ("unknown status \"{0}\"; expected one of {1}", "estado desconocido \"{0}\"; se esperaba uno de {1}"),
        (
            "List alliances with date, kind, parties, amount and status.",
            "Lista las alianzas con fecha, tipo, partes, importe y estado."
        ),
        (
            "Show one alliance: parties, amounts and their meaning, date and precision, status, summaries,",
            "Muestra una alianza: partes, importes y su significado, fecha y precisión, estado, resúmenes,"
        ),
        ("and every source quote.", "y cada cita de las fuentes."),
        ("Alliance id, or a unique prefix of one.", "Id de la alianza, o un prefijo que solo tenga una."),
        ("allies: \"{0}\" matches several alliances: {1}.", "allies: \"{0}\" coincide con varias alianzas: {1}."),
        ("allies: no alliance has the id \"{0}\".", "allies: ninguna alianza tiene el id \"{0}\"."),
        ("`allies alliances` lists them.", "`allies alliances` las lista."),
        ("Título", "En inglés"),
        ("{0} ({1}; precision: {2})", "{0} ({1}; {2})"),
        ("{0} pays {1}", "{0} paga a {1}"),
        ("Sources disagree", "Las fuentes discrepan"),
        ("{0} (precision: {1})", "{0} ({1})"),
        ("Citation: {0}: {1}", "Cita: {0}: {1}"),
        ("supports {0}", "respalda {0}"),
        (
            "Alliances in date order, with each date only as precise as known",
            "Alianzas por orden de fecha, cada fecha solo tan precisa como se sabe"
        ),
        ("--from and --to take YYYY, YYYY-MM or YYYY-MM-DD;", "--from y --to admiten AAAA, AAAA-MM o AAAA-MM-DD;"),
        (
            "a coarse date is kept when any day it may mean is inside the window.",
            "una fecha imprecisa se incluye si cualquier día que pueda indicar cae dentro del intervalo."
        ),
        (
            "Only this company's alliances (id, name or alias).",
            "Solo las alianzas de esta empresa (id, nombre o alias)."
        ),
        ("Start of the window.", "Inicio del intervalo."),
        ("End of the window.", "Fin del intervalo."),
        (
            "Published market-share estimates for AI chips, each with its scope, metric, year and source.",
            "Estimaciones publicadas de cuota de mercado de chips de IA, con su alcance, métrica, año y fuente."
        ),
        (
            "A bound is drawn as one: \"more than 70%\" is a bar to 70 followed by ▶, never a plain 70;",
            "Un límite se dibuja como tal: \"más del 70%\" es una barra hasta 70 seguida de ▶, nunca un 70 a secas;"
        ),
        (
            "a range is solid to its low end and shaded to its high end.",
            "un rango es sólido hasta su mínimo y sombreado hasta su máximo."
        ),
        ("{0}; metric: {1}; region: {2}", "{0}; métrica: {1}; región: {2}"),
        ("article: {0}", "artículo: {0}"),
        ("source: {0}", "fuente: {0}"),
        (
            "Search companies and their products, alliances, people, claims, articles and market-share",
            "Busca empresas y sus productos, alianzas, personas, afirmaciones, artículos y estimaciones de cuota"
        ),
        ("estimates; case and accents never matter.", "de mercado; las mayúsculas y las tildes nunca importan."),
        (
            "Words are ANDed; the last may be a prefix.",
            "Deben estar todas las palabras; la última puede ser un prefijo."
        ),
        (
            "\"quoted phrase\" matches as written; -word excludes.",
            "\"frase entre comillas\" busca el texto tal cual; -palabra excluye."
        ),
        (
            "Results: names and aliases first, then titles, summaries, quotes;",
            "Resultados: primero nombres y alias, luego títulos, resúmenes, citas;"
        ),
        ("ties newest first.", "a igualdad, los más recientes primero."),
        ("At most this many results.", "Como mucho este número de resultados."),
        ("The query.", "La búsqueda."),
        ("allies: bad query {0}", "allies: búsqueda no válida {0}"),
        ("No results for \"{0}\".", "No hay resultados para \"{0}\"."),
        ("No results for {0}.", "No hay resultados para {0}."),
        (
            "{0} of {1} matches shown; --limit N shows more.",
            "Se muestran {0} de {1} coincidencias; --limit N muestra más."
        ),
        (
            "Print the whole dataset or its network in another format.",
            "Imprime el conjunto de datos completo o su red en otro formato."
        ),
        ("the canonical dataset format (FORMAT.md).", "el formato canónico del conjunto de datos (FORMAT.md)."),
        (
            "one row per amount of each alliance (one for an alliance without).",
            "una fila por importe de cada alianza (una para la que no tiene)."
        ),
        ("one alliance per line, tab-separated", "una alianza por línea, separada por tabuladores"),
        (
            "(id, kind, status, date, parties, amounts, titles, summaries, quotes), for grep and fzf.",
            "(id, tipo, estado, fecha, partes, importes, títulos, resúmenes, citas), para grep y fzf."
        ),
        ("a Mermaid flowchart.", "un diagrama de flujo de Mermaid."),
        (
            "FollowTheMoney entities as JSON lines (OpenSanctions, Aleph).",
            "entidades FollowTheMoney como líneas JSON (OpenSanctions, Aleph)."
        ),
        ("json, csv, text, dot, graphml, mermaid or ftm.", "json, csv, text, dot, graphml, mermaid o ftm."),
        (
            "Check a dataset file: structure, unique ids, references, dates, amounts, currencies, sources.",
            "Comprueba un archivo de datos: estructura, ids únicos, referencias, fechas, importes, monedas, fuentes."
        ),
        (
            "Prints every problem as FILE:LINE:COLUMN: RECORD, field FIELD: what is wrong and what was expected.",
            "Imprime cada problema como ARCHIVO:LÍNEA:COLUMNA: REGISTRO, campo CAMPO: qué falla y qué se esperaba."
        ),
        ("Exit status 0 when valid, 1 when not.", "Código de salida 0 si es válido, 1 si no."),
        (
            "The dataset file (default: --data, $ALLIES_DATA, your own dataset, else the bundled one).",
            "El archivo de datos (por defecto: --data, $ALLIES_DATA, tu propio conjunto de datos, si no el incluido)."
        ),
        (
            "{0}: valid — {1} articles, {2} companies, {3} alliances,",
            "{0}: válido — {1} artículos, {2} empresas, {3} alianzas,"
        ),
        ("{0} claims, {1} people, {2} share estimates", "{0} afirmaciones, {1} personas, {2} estimaciones de cuota"),
        ("{0}: 1 problem", "{0}: 1 problema"),
        ("{0}: {1} problems", "{0}: {1} problemas"),
        ("NAME", "NOMBRE"),
        ("KIND", "TIPO"),
        ("ALLIANCES", "ALIANZAS"),
        ("MONEY IN", "ENTRADAS"),
        ("MONEY OUT", "SALIDAS"),
        ("LAST", "ÚLTIMA"),
        ("DATE", "FECHA"),
        ("CHANGE", "CAMBIO"),
        ("TITLE", "TÍTULO"),
        ("EVENT", "HITO"),
        ("STATUS", "ESTADO"),
        ("PARTIES", "PARTES"),
        ("ALLIANCE", "ALIANZA"),
        ("AMOUNT", "IMPORTE"),
        ("ROLE", "PAPEL"),
        ("WITH", "CON"),
        ("TYPE", "CLASE"),
        ("FIELD", "CAMPO"),
        ("MATCH", "COINCIDENCIA"),
        ("PARTNERS", "SOCIOS"),
        ("IN", "ENTRA"),
        ("OUT", "SALE"),
        ("BY KIND", "POR TIPO"),
        ("BY YEAR", "POR AÑO"),
        ("in ({0})", "entra ({0})"),
        ("out ({0})", "sale ({0})"),
        ("product", "producto"),
        (
            "Merge units into their parent company (AWS into Amazon).",
            "Une las filiales con su empresa matriz (AWS con Amazon)."
        ),
        (
            "Only agreed deals (announced, active, completed): no deals in talks, rumoured, predicted or ended.",
            "Solo acuerdos firmes (anunciados, activos, completados): nada en negociación, rumor, previsto o terminado."
        ),
        (
            "A company's partners one and two hops out, grouped by kind of tie, with amounts.",
            "Los socios de una empresa a uno y dos saltos, agrupados por tipo de vínculo, con importes."
        ),
        ("1: direct partners; 2: also their partners.", "1: socios directos; 2: también los socios de estos."),
        ("--depth must be 1 or 2", "--depth debe ser 1 o 2"),
        ("no money", "sin dinero"),
        ("allies: \"{0}\" is not a subcommand.", "allies: \"{0}\" no es un subcomando."),
        ("`allies --help` lists the subcommands.", "`allies --help` los enumera todos."),
        ("direction not stated ({0})", "sin dirección conocida ({0})"),
        ("no alliances", "sin alianzas"),
        (
            "The shortest chains of alliances between two companies, each step named with its alliance",
            "Las cadenas de alianzas más cortas entre dos empresas, cada paso con su alianza"
        ),
        ("and date.", "y su fecha."),
        ("First company.", "Primera empresa."),
        ("Second company.", "Segunda empresa."),
        ("1 shortest path", "1 camino más corto"),
        ("{0} shortest paths", "{0} caminos más cortos"),
        ("{0} of {1} from {2} to {3}", "{0} de {1} de {2} a {3}"),
        (
            "Each step's arrow is the way money goes (payer → payee; ↔ partners, ⇄ both ways).",
            "La flecha de cada paso indica adónde va el dinero (pagador → receptor; ↔ socios, ⇄ en ambos sentidos)."
        ),
        (
            "Circular financing: loops where money leaves a company and comes back to it.",
            "Financiación circular: bucles en los que el dinero sale de una empresa y vuelve a ella."
        ),
        (
            "Each loop lists its steps with their money in parts (agreed, up to, pending…) and the status",
            "Cada bucle lista sus pasos con su dinero por partes (acordado, hasta, pendiente…) y el estado"
        ),
        (
            "of each deal; undisclosed steps are shown as such, never as zero.",
            "de cada acuerdo; los pasos no revelados se muestran como tales, nunca como cero."
        ),
        (
            "\"agreed on its steps\" adds the agreed USD around the loop",
            "«acordado en sus pasos» suma los USD acordados a lo largo del bucle"
        ),
        (
            "(exact and approximate amounts of announced, active and completed deals only);",
            "(solo importes exactos y aproximados de acuerdos anunciados, activos y completados);"
        ),
        (
            "\"round\" is the smallest step in agreed USD, what agreed money can carry all the way round",
            "«en toda la vuelta» es el paso menor en USD acordados, lo que el dinero acordado puede recorrer entero"
        ),
        (
            "(CSV: cycle_agreed_usd and cycle_round_usd; JSON: agreedUSD and roundUSD).",
            "(CSV: cycle_agreed_usd y cycle_round_usd; JSON: agreedUSD y roundUSD)."
        ),
        (
            "Each loop gives its date span and whether its steps happened in the order of the loop.",
            "Cada bucle da su periodo y si sus pasos ocurrieron en el orden del bucle."
        ),
        (
            "Only loops with at least this much agreed USD around them (e.g. 1B, 500M).",
            "Solo bucles con al menos estos USD acordados a lo largo (p. ej. 1B, 500M)."
        ),
        (
            "Order: money (agreed USD around the loop) or time (the newest loops first).",
            "Orden: money (USD acordados en el bucle) o time (los bucles más recientes primero)."
        ),
        ("At most this many loops are searched for.", "Se buscan como mucho este número de bucles."),
        ("--limit {0}: expected at least 1 loop", "--limit {0}: se esperaba al menos 1 bucle"),
        ("--limit {0}: expected at least 1 result", "--limit {0}: se esperaba al menos 1 resultado"),
        (
            "--map names no column as {0} ({1}): every deal needs both companies' names",
            "--map no asigna ninguna columna a {0} ({1}): cada acuerdo necesita los nombres de ambas empresas"
        ),
        ("the side money leaves", "el lado del que sale el dinero"),
        (
            "no dataset of your own yet ({0} is made at your first change): nothing to write",
            "aún no hay un conjunto de datos propio ({0} se crea con el primer cambio): nada que escribir"
        ),
        (
            "allies: {0} is given twice: a path needs two companies",
            "allies: {0} aparece dos veces: un camino necesita dos empresas"
        ),
        (
            "allies: {0} and {1} are one company with --merge-units: a path needs two",
            "allies: {0} y {1} son una sola empresa con --merge-units: un camino necesita dos"
        ),
        ("the side money reaches", "el lado al que llega el dinero"),
        (
            "{0} shapes the network: it goes with --format dot, graphml or mermaid, not {1}",
            "{0} da forma a la red: va con --format dot, graphml o mermaid, no con {1}"
        ),
        ("--width {0}: expected at least 1 column", "--width {0}: se esperaba al menos 1 columna"),
        (
            "--min-amount \"{0}\": expected an amount such as 1B, 500M or 10K",
            "--min-amount \"{0}\": se esperaba un importe como 1B, 500M o 10K"
        ),
        (
            "allies: the first {0} loops found (the search stops at --limit {1}); there may be more.",
            "allies: los primeros {0} bucles encontrados (la búsqueda se detiene en --limit {1}); puede haber más."
        ),
        (
            "The first {0} loops found (the search stops at --limit {1}); there may be more.",
            "Los primeros {0} bucles encontrados (la búsqueda se detiene en --limit {1}); puede haber más."
        ),
        ("No circular financing found among them.", "No hay financiación circular entre ellos."),
        ("No circular financing found.", "No se ha encontrado financiación circular."),
        ("not known (a step has no agreed USD)", "desconocido (un paso no tiene USD acordados)"),
        ("agreed on its steps {0}; round {1}", "acordado en sus pasos: {0}; en toda la vuelta: {1}"),
        (
            "steps also carry money not agreed or not exact (below)",
            "los pasos llevan también dinero no acordado o no exacto (abajo)"
        ),
        ("{0} to {1}", "{0} a {1}"),
        ("steps in time order", "pasos en orden cronológico"),
        ("steps not in time order", "pasos fuera de orden cronológico"),
        ("a step is undated", "un paso no tiene fecha"),
        (
            "Money in and out per company, by kind of alliance or by year, in its parts; the top hubs.",
            "Dinero que entra y sale por empresa, por tipo de alianza o por año, por partes; los principales nodos."
        ),
        (
            "Totals never add unlike amounts: agreed money (exact and approximate amounts of announced,",
            "Los totales nunca suman importes dispares: dinero acordado (exacto o aproximado, de acuerdos anunciados,"
        ),
        (
            "active and completed deals), ceilings (up to) and floors (at least), yearly rates,",
            "activos y completados), los máximos (hasta) y mínimos (al menos), las tasas anuales,"
        ),
        (
            "pending deals (in talks, rumoured, predicted) and ended ones are kept apart, per currency",
            "los acuerdos pendientes (en negociación, rumor, previstos) y los terminados van aparte, por moneda"
        ),
        ("(README, \"Honest money\").", "(README, \"Honest money\")."),
        (
            "With --by kind an amount that has its own purpose (Anthropic's Azure compute inside an investment",
            "Con --by kind, un importe con fin propio (el cómputo de Azure de Anthropic en una alianza de inversión)"
        ),
        ("alliance) counts under that kind.", "cuenta en ese tipo."),
        ("Break totals down by kind or by year.", "Desglosa los totales por tipo o por año."),
        (
            "Rank hubs by money (agreed, then ceilings, then pending) or by partners (distinct companies).",
            "Ordena los nodos por dinero (acordado, luego máximos, luego pendiente) o por socios (empresas distintas)."
        ),
        (
            "Show an article with its quoted passages marked (allies article ID), or add one with its text.",
            "Muestra un artículo con sus pasajes citados marcados (allies article ID), o añade uno con su texto."
        ),
        (
            "Show an article's text with every passage that facts quote marked, and the facts of each.",
            "Muestra el texto de un artículo con cada pasaje citado por hechos marcado, y los hechos de cada uno."
        ),
        (
            "AMOUNT shows one of the alliance's amounts with its qualifiers (up to, about, at least, per year);",
            "IMPORTE muestra uno de los importes de la alianza con sus matices (hasta, unos, al menos, al año);"
        ),
        (
            "+N more when it has others (`allies alliance ID` lists each with its meaning and direction);",
            "+N más cuando tiene otros (`allies alliance ID` los lista con su sentido y dirección);"
        ),
        (
            "⇄ (<=> without UTF-8) when money also goes the other way between its parties.",
            "⇄ (<=> sin UTF-8) cuando el dinero también va en sentido contrario entre sus partes."
        ),
        ("Passages are marked ⟦…⟧[N] ([[…]][N] without UTF-8);", "Los pasajes se marcan ⟦…⟧[N] ([[…]][N] sin UTF-8);"),
        (
            "after the text, [N] lists the records that quote passage N.",
            "tras el texto, [N] lista los registros que citan el pasaje N."
        ),
        (
            "The first lines say how much of the article became facts.",
            "Las primeras líneas dicen cuánto del artículo se convirtió en hechos."
        ),
        ("The article's id, or a unique prefix of one.", "El id del artículo, o un prefijo que solo él tenga."),
        (
            "Wrap the text to this many columns (default: the terminal's width, else 80).",
            "Ajusta el texto a este número de columnas (por defecto: el ancho del terminal, si no 80)."
        ),
        ("allies: no article has the id \"{0}\"", "allies: ningún artículo tiene el id \"{0}\""),
        ("allies: \"{0}\" matches several articles: {1}.", "allies: \"{0}\" coincide con varios artículos: {1}."),
        ("published {0}", "publicado el {0}"),
        ("published in {0}", "publicado en {0}"),
        ("1 fact quotes this article;", "1 hecho cita este artículo;"),
        ("{0} facts quote this article;", "{0} hechos citan este artículo;"),
        ("the dataset does not carry its text.", "el conjunto de datos no incluye su texto."),
        ("1 passage quoted by", "1 pasaje citado por"),
        ("{0} passages quoted by", "{0} pasajes citados por"),
        ("{0} of {1} characters ({2}%).", "{0} de {1} caracteres ({2} %)."),
        (
            "Add an article with its full text to a dataset file.",
            "Añade un artículo con su texto completo a un archivo de datos."
        ),
        (
            "The text is read from TEXT (a file, or '-' for standard input) as UTF-8 and kept byte for byte",
            "El texto se lee de TEXT (un archivo, o '-' para la entrada estándar) como UTF-8 y se guarda byte a byte"
        ),
        (
            "as the article's `text`, against which the quotes of facts are checked.",
            "como el `text` del artículo, con el que se comprueban las citas de los hechos."
        ),
        (
            "The article's `retrieved` and `added` are today ($ALLIES_TODAY when set).",
            "Los campos `retrieved` y `added` del artículo son hoy ($ALLIES_TODAY si está definido)."
        ),
        (
            "The article is checked as `allies validate` checks a file (a duplicate or malformed id,",
            "El artículo se comprueba como `allies validate` comprueba un archivo (un id repetido o mal formado,"
        ),
        (
            "an unknown language code) and nothing is written when it fails;",
            "un código de idioma desconocido) y no se escribe nada si falla;"
        ),
        (
            "the file is saved safely, as by `allies add`.",
            "el archivo se guarda de forma segura, como con `allies add`."
        ),
        (
            "The article's text: a UTF-8 file, or '-' for standard input.",
            "El texto del artículo: un archivo UTF-8, o '-' para la entrada estándar."
        ),
        ("Its id: a lowercase slug (a-z, 0-9, -).", "Su id: un identificador en minúsculas (a-z, 0-9, -)."),
        ("Its headline, verbatim.", "Su titular, literal."),
        ("Its language: an ISO 639-1 code (es, en).", "Su idioma: un código ISO 639-1 (es, en)."),
        ("The publication.", "El medio."),
        ("The byline as printed.", "La firma tal como aparece."),
        ("When it was published: YYYY, YYYY-MM or YYYY-MM-DD.", "Cuándo se publicó: AAAA, AAAA-MM o AAAA-MM-DD."),
        ("How the date was established, or why it is unknown.", "Cómo se estableció la fecha, o por qué se desconoce."),
        ("Where it is.", "Dónde está."),
        ("allies: nothing was added", "allies: no se ha añadido nada"),
        ("allies: {0}: {1}; nothing was added", "allies: {0}: {1}; no se ha añadido nada"),
        // allies fold-edits, and where a large file's edits went.
        ("allies: saved to {0}, beside {1}:", "allies: guardado en {0}, junto a {1}:"),
        (
            "a file this large keeps its edits there, and every command reads them with it;",
            "un archivo tan grande guarda allí sus cambios, y cada orden los lee con él;"
        ),
        ("`allies fold-edits` writes them into {0}", "`allies fold-edits` los escribe en {0}"),
        (
            "Write the edits kept beside a large dataset file (FILE.edits.jsonl) into the file itself.",
            "Escribe en el propio archivo los cambios guardados junto a un conjunto de datos grande (FILE.edits.jsonl)."
        ),
        (
            "A dataset file of 64 MiB or more keeps each save's edits in FILE.edits.jsonl beside it",
            "Un conjunto de datos de 64 MiB o más guarda los cambios de cada guardado en FILE.edits.jsonl, a su lado"
        ),
        (
            "($ALLIES_EDITS_FILE_FROM sets another size in bytes), so a save takes a moment, not a rewrite;",
            "($ALLIES_EDITS_FILE_FROM fija otro tamaño en bytes), así que guardar lleva un momento, no reescribirlo;"
        ),
        (
            "every command and the explorer read the two together.",
            "cada orden y el explorador leen los dos juntos."
        ),
        (
            "This writes the whole file with them, safely, then removes FILE.edits.jsonl:",
            "Esto escribe el archivo entero con ellos, de forma segura, y después elimina FILE.edits.jsonl:"
        ),
        ("do it before copying or sharing FILE alone.", "hazlo antes de copiar o compartir FILE solo."),
        (
            "{0} has no edits file beside it: nothing to write",
            "{0} no tiene archivo de cambios a su lado: nada que escribir"
        ),
        ("wrote the edits of {0} into {1} and removed {2}", "escritos los cambios de {0} en {1}; eliminado {2}"),
        ("wrote the edits of {0} into {1}", "escritos los cambios de {0} en {1}"),
        (
            "allies: {0} could not be removed; its last line says it is written in,",
            "allies: no se ha podido eliminar {0}; su última línea dice que ya está escrito en el archivo,"
        ),
        (
            "so it is never applied again: remove it by hand",
            "así que no se vuelve a aplicar: elimínelo a mano"
        ),
        (
            "{0} is left from edits written into it (not applied; it can be removed)",
            "{0} queda de cambios ya escritos en él (no se aplica; se puede eliminar)"
        ),
        (
            "  with the edits of {0} from {1} (allies fold-edits writes them in)",
            "  con los cambios de {0} de {1} (allies fold-edits los escribe en él)"
        ),
        (
            "its last line was cut short (a save that did not finish): left out",
            "su última línea quedó cortada (un guardado que no terminó): se deja fuera"
        ),
        ("1 save", "1 guardado"),
        ("{0} saves", "{0} guardados"),
        (
            "allies: {0} is the edits file of {1}: every command reads it with the file already;",
            "allies: {0} es el archivo de cambios de {1}: todas las órdenes ya lo leen con el archivo;"
        ),
        (
            "nothing to merge",
            "nada que fusionar"
        ),
        (
            "allies: {0} could not be read as an edits file; nothing was merged",
            "allies: {0} no se pudo leer como archivo de cambios; no se fusionó nada"
        ),
        (
            "allies: the edits do not apply to {0} as it is (1 problem); nothing was written",
            "allies: los cambios no se aplican a {0} tal como está (1 problema); no se escribió nada"
        ),
        (
            "allies: the edits do not apply to {0} as it is ({1} problems); nothing was written",
            "allies: los cambios no se aplican a {0} tal como está ({1} problemas); no se escribió nada"
        ),
        (
            "removed by the edits, changed in the file",
            "quitado por los cambios, modificado en el archivo"
        ),
        (
            "removed in the file, changed by the edits",
            "quitado en el archivo, modificado en los cambios"
        ),
        (
            "a copy of unsaved edits (of no known version of the file)",
            "una copia de cambios sin guardar (de ninguna versión conocida del archivo)"
        ),
        (
            "saved to a version of {0} of {1} bytes",
            "guardados en una versión de {0} de {1} bytes"
        ),
        (
            "An edits file of version 1: it does not hold the records as they were before the edits,",
            "Un archivo de cambios de la versión 1: no guarda los registros como eran antes de los cambios,"
        ),
        (
            "so each record is put whole: a field {0} changed since is reverted (listed below).",
            "así que cada registro se pone entero: un campo que {0} cambiara desde entonces se revierte (abajo)."
        ),
        (
            "{0} holds these edits already: nothing to merge",
            "{0} ya tiene estos cambios: nada que fusionar"
        ),
        (
            "Changed in both; the edits' value is kept (--prefer file keeps the file's):",
            "Cambiado en ambos; se conserva el valor de los cambios (--prefer file conserva el del archivo):"
        ),
        (
            "Changed in both; the file's value is kept (--prefer edits keeps the edits'):",
            "Cambiado en ambos; se conserva el valor del archivo (--prefer edits conserva el de los cambios):"
        ),
        (
            "Already in {0}: {1}",
            "Ya están en {0}: {1}"
        ),
        (
            "merged into {0}",
            "fusionado en {0}"
        ),
        (
            "Nothing was written: run it again with --write to save this to {0}",
            "No se escribió nada: vuelve a ejecutarlo con --write para guardar esto en {0}"
        ),
        (
            "with the edits of {0} from {1} (allies fold-edits writes them in)",
            "con los cambios de {0} de {1} (allies fold-edits los escribe en él)"
        ),
        (
            "allies: {0} is an edits file of version 1, which does not hold the records as they were;",
            "allies: {0} es un archivo de cambios de la versión 1, que no guarda los registros como eran;"
        ),
        (
            "its records can only be put whole, so --prefer file cannot keep the file's fields.",
            "sus registros solo se pueden poner enteros: --prefer file no puede conservar los campos del archivo."
        ),
        (
            "Nothing to write: where the edits differ from {0}, its values are kept",
            "Nada que escribir: donde los cambios difieren de {0}, se conservan sus valores"
        ),
        // allies reindex, and the store written in the background.
        (
            "Write the store of a dataset file now: the search index and lists that commands read in place.",
            "Escribir ya el almacén de un archivo: índice de búsqueda y listas que las órdenes leen sin cargarlo."
        ),
        (
            "Commands read a large dataset in place from its store in the cache (README: Large datasets).",
            "Las órdenes leen un conjunto de datos grande desde su almacén en la caché (README: Large datasets)."
        ),
        (
            "A command that finds the store behind the file's edits, or missing for a file of 64 MiB or more",
            "Una orden que halla el almacén atrasado respecto a los cambios, o ninguno si el archivo pesa 64 MiB o más"
        ),
        (
            "($ALLIES_STORE_IN_BACKGROUND_FROM sets another size in bytes), answers from the file",
            "($ALLIES_STORE_IN_BACKGROUND_FROM fija otro tamaño en bytes), responde desde el archivo"
        ),
        (
            "and writes the store in the background, one process at a time and at low priority",
            "y escribe el almacén en segundo plano, un proceso cada vez y con prioridad baja"
        ),
        (
            "(not when the machine lacks the memory: about five times the file's size);",
            "(salvo si a la máquina le falta memoria: unas cinco veces el tamaño del archivo);"
        ),
        (
            "this writes it now and says when it is done.",
            "reindex lo escribe ahora y avisa al terminar."
        ),
        (
            "The bundled dataset is read from the program itself: it has no store.",
            "El conjunto de datos incluido se lee del propio programa: no tiene almacén."
        ),
        (
            "allies: reindex writes the store in the cache, which --no-cache does not touch",
            "allies: reindex escribe el almacén en la caché, que --no-cache no toca"
        ),
        (
            "allies: no cache directory ($ALLIES_CACHE_DIR, $XDG_CACHE_HOME or $HOME) to write the store in",
            "allies: no hay directorio de caché ($ALLIES_CACHE_DIR, $XDG_CACHE_HOME o $HOME) donde escribir el almacén"
        ),
        (
            "allies: waiting for another writer of the store to finish",
            "allies: esperando a que termine otro proceso que escribe el almacén"
        ),
        ("allies: {0} cannot be locked", "allies: no se puede bloquear {0}"),
        ("The store of {0} is up to date.", "El almacén de {0} está al día."),
        ("allies: the store of {0} was not written: {1}", "allies: el almacén de {0} no se escribió: {1}"),
        (
            "Wrote the store of {0} ({1} alliances): commands read it in place now.",
            "Almacén de {0} escrito ({1} alianzas): las órdenes ya lo leen directamente."
        ),
        (
            "allies: the store of {0} is written in the background when the machine has the memory;",
            "allies: el almacén de {0} se escribe en segundo plano cuando la máquina tiene la memoria;"
        ),
        ("`allies reindex` writes it now", "`allies reindex` lo escribe ya"),
    ]
}
