// The catalogue's section for AlliesCore's messages: query errors, field hints, amounts typed, saving, loading.
// One entry per English string across every section: look in the other files (Common.swift first) first.

extension Catalogue {
    static let core: [(en: String, es: String)] = [
        // Search queries: errors (filter names and values such as `kind:investment` stay as typed).
        ("in \"{0}\": {1}", "en «{0}»: {1}"),
        ("a value is expected after \"{0}:\"", "falta un valor después de «{0}:»"),
        ("unknown {0}; expected one of {1}", "valor de {0} desconocido; se espera uno de {1}"),
        ("company, alliance, person, claim, article or share", "company, alliance, person, claim, article o share"),
        ("unknown type \"{0}\"; expected {1}", "tipo «{0}» desconocido; se espera {1}"),
        ("several companies match: {0}", "coinciden varias empresas: {0}"),
        ("no company is called that", "ninguna empresa se llama así"),
        ("no company is called that; did you mean {0}?", "ninguna empresa se llama así; ¿querías decir {0}?"),
        (
            "expected a year such as 2024 or a range such as 2024..2025",
            "se espera un año como 2024 o un intervalo como 2024..2025"
        ),
        (
            "expected a comparison and an amount in USD such as >1B, <=500M or 10K",
            "se espera una comparación y un importe en USD como >1B, <=500M o 10K"
        ),
        ("(suffixes K, M, B)", "(sufijos K, M, B)"),
        (
            "the filter \"{0}\" at column {1} cannot be excluded:",
            "el filtro «{0}» de la columna {1} no se puede excluir:"
        ),
        ("filters apply to the whole query", "los filtros se aplican a toda la consulta"),
        (
            "unexpected \")\" at column {0}: no \"(\" before it opens it",
            "«)» inesperado en la columna {0}: ningún «(» anterior lo abre"
        ),
        (
            "\"OR\" at column {0} needs something to look for after it",
            "«OR» en la columna {0} necesita algo que buscar después"
        ),
        (
            "\"OR\" at column {0} needs something to look for before it",
            "«OR» en la columna {0} necesita algo que buscar antes"
        ),
        ("unclosed \"(\" at column {0}: a \")\" is missing", "«(» sin cerrar en la columna {0}: falta un «)»"),
        ("empty parentheses at column {0}", "paréntesis vacíos en la columna {0}"),
        // An amount typed in a form (`38B USD over 7y`, `hasta 5B USD en 7 años`): English and Spanish words are read.
        ("e.g. {0}", "p. ej. {0}"),
        ("an amount is a number and a currency, e.g. {0}", "un importe es un número y una moneda, p. ej. {0}"),
        (
            "\"{0}\" could be read two ways (Spanish 38,5 is 38.5; 38.000 is 38000):",
            "«{0}» se puede leer de dos maneras (38,5 en español es 38.5; 38.000 es 38000):"
        ),
        (
            "write decimals with a point and no thousands separators, e.g. 38.5B or 38000M",
            "escribe los decimales con punto y sin separador de miles, p. ej. 38.5B o 38000M"
        ),
        ("\"{0}\" is not a number:", "«{0}» no es un número:"),
        (
            "expected a number greater than 0, e.g. 38B or 10.5M, not \"{0}\"",
            "se espera un número mayor que 0, p. ej. 38B o 10.5M, no «{0}»"
        ),
        (
            "\"{0}\" is a million million in Spanish and a thousand million in English:",
            "«{0}» es un millón de millones en español y mil millones en inglés:"
        ),
        (
            "write millones, mil millones or B, e.g. 25000 millones USD or 25B USD",
            "escribe millones, mil millones o B, p. ej. 25000 millones USD o 25B USD"
        ),
        (
            "expected a number greater than 0 after the bound, e.g. 38B or 10.5M, not \"{0}\"",
            "se espera un número mayor que 0 después del límite, p. ej. 38B o 10.5M, no «{0}»"
        ),
        (
            "unknown scale \"{0}\" after {1}: K, M, B (or bn) or T",
            "escala «{0}» desconocida después de {1}: K, M, B (o bn) o T"
        ),
        (
            "expected a currency after the number (USD, EUR, CNY…)",
            "se espera una moneda después del número (USD, EUR, CNY…)"
        ),
        (
            "unknown currency \"{0}\": a three-letter ISO 4217 code (USD, EUR, CNY…)",
            "moneda «{0}» desconocida: un código ISO 4217 de tres letras (USD, EUR, CNY…)"
        ),
        ("the term is given twice (\"{0}\" again)", "el plazo aparece dos veces («{0}» otra vez)"),
        ("expected a term after \"{0}\", e.g. over 7y", "se espera un plazo después de «{0}», p. ej. en 7 años"),
        (
            "expected a term in years after \"{0}\", e.g. over 7y, not \"{1}\"",
            "se espera un plazo en años después de «{0}», p. ej. en 7 años, no «{1}»"
        ),
        (
            "unexpected \"{0}\": after the currency come /yr, over Ny, cumulative or estimated",
            "«{0}» inesperado: después de la moneda van /año, en N años, acumulado o estimado"
        ),
        // What each field of a record means (the editing forms; FORMAT.md is written from the English).
        (
            "the day the record entered this dataset through an edit or import; absent when unknown",
            "el día en que el registro entró en el conjunto por una edición o importación; ausente si no se sabe"
        ),
        (
            "the last day an edit changed the record; absent when unknown",
            "el último día en que una edición cambió el registro; ausente si no se sabe"
        ),
        ("always \"allies-dataset\"", "siempre «allies-dataset»"),
        ("always 1", "siempre 1"),
        ("the sources that quotes come from", "las fuentes de las que salen las citas"),
        ("named groups of companies", "grupos de empresas con nombre"),
        ("the nodes", "los nodos"),
        ("the deals and partnerships", "los acuerdos y asociaciones"),
        ("figures and statements that are not deals", "cifras y afirmaciones que no son acuerdos"),
        ("people named in the articles", "personas nombradas en los artículos"),
        ("published market-share estimates", "estimaciones de cuota de mercado publicadas"),
        ("the English text", "el texto en inglés"),
        ("the Spanish text", "el texto en español"),
        ("the article quoted", "el artículo citado"),
        ("copied verbatim, in the article's language", "copiada literalmente, en el idioma del artículo"),
        (
            "how the quote relates to the fact, when that is not obvious",
            "qué relación tiene la cita con el hecho, cuando no es evidente"
        ),
        ("who published it", "quién lo publicó"),
        ("its title", "su título"),
        ("where it is", "dónde está"),
        ("when it was published", "cuándo se publicó"),
        ("which fact it backs (date, amount, relationship…)", "qué hecho respalda (fecha, importe, relación…)"),
        (
            "the dataset as its publisher names it, with its date",
            "el conjunto de datos como lo llama quien lo publica, con su fecha"
        ),
        (
            "the record's key there (a permalink, an entity id)",
            "la clave del registro allí (un enlace permanente, un id de entidad)"
        ),
        ("where the dataset or the record is", "dónde está el conjunto de datos o el registro"),
        ("when the dataset was retrieved", "cuándo se obtuvo el conjunto de datos"),
        (
            "the dataset's licence, for attribution (CC-BY-NC 4.0)",
            "la licencia del conjunto de datos, para la atribución (CC-BY-NC 4.0)"
        ),
        ("stable id, e.g. xataka-amazon-openai-10b", "id estable, p. ej. xataka-amazon-openai-10b"),
        (
            "file name of the text in shared/articles/ (bundled dataset only)",
            "nombre del archivo del texto en shared/articles/ (solo en el conjunto incluido)"
        ),
        ("headline, verbatim", "titular, literal"),
        ("publication; null where the text does not say", "publicación; null si el texto no lo dice"),
        ("byline as printed", "firma tal como se publicó"),
        ("null when unknown", "null si no se sabe"),
        ("why the date is unknown or how it was established", "por qué no se sabe la fecha o cómo se estableció"),
        ("ISO 639-1 code, e.g. es", "código ISO 639-1, p. ej. es"),
        ("where known", "si se sabe"),
        ("when the text was retrieved", "cuándo se obtuvo el texto"),
        (
            "the full text as published; every quote of the article must be in it",
            "el texto completo tal como se publicó; todas las citas del artículo deben estar en él"
        ),
        ("display name", "nombre que se muestra"),
        ("who coined it and what it means", "quién lo acuñó y qué significa"),
        ("quotes naming the group", "citas que nombran el grupo"),
        ("for members the articles do not name", "para miembros que los artículos no nombran"),
        (
            "other spellings, including the articles' own and native scripts",
            "otras grafías, incluidas las de los artículos y las de su escritura original"
        ),
        ("what kind of company", "qué tipo de empresa"),
        ("ISO 3166-1 alpha-2 (US, FR, CN, TW)", "ISO 3166-1 alfa-2 (US, FR, CN, TW)"),
        ("one or two sentences", "una o dos frases"),
        ("groups it belongs to", "grupos a los que pertenece"),
        ("products the sources name", "productos que nombran las fuentes"),
        (
            "sectors or categories a source gives it, as worded there",
            "sectores o categorías que le da una fuente, con sus palabras"
        ),
        ("quotes that name it", "citas que la nombran"),
        ("facts from elsewhere (country, parent)", "hechos de otras fuentes (país, matriz)"),
        ("records of other datasets that name it", "registros de otros conjuntos de datos que la nombran"),
        ("what kind of deal", "qué tipo de acuerdo"),
        ("who is in it, with roles (at least 2)", "quién participa, con su papel (al menos 2)"),
        ("disclosed money; none means undisclosed", "dinero revelado; ninguno significa no revelado"),
        ("null when no date is known", "null si no se sabe ninguna fecha"),
        ("how far the deal got", "hasta dónde llegó el acuerdo"),
        ("short headline", "titular breve"),
        ("one to three sentences", "de una a tres frases"),
        ("products involved", "productos implicados"),
        (
            "the article quotes that state the deal (these or `records`: one at least)",
            "las citas de artículos que afirman el acuerdo (estas o `records`: al menos una)"
        ),
        ("facts from outside the articles", "hechos de fuera de los artículos"),
        ("where sources disagree, what each says", "en qué discrepan las fuentes, qué dice cada una"),
        ("what happened after the sources, oldest first", "qué pasó tras las fuentes, lo más antiguo primero"),
        (
            "records of other datasets that state the deal",
            "registros de otros conjuntos de datos que afirman el acuerdo"
        ),
        ("who", "quién"),
        ("its role; money flows by it", "su papel; el dinero fluye según él"),
        ("in units of the currency, > 0", "en unidades de la moneda, > 0"),
        ("ISO 4217: USD, EUR, GBP, CNY, JPY, …", "ISO 4217: USD, EUR, GBP, CNY, JPY, …"),
        ("year: the value recurs every year of the term", "year: el valor se repite cada año del plazo"),
        ("how the source qualifies it", "cómo lo matiza la fuente"),
        ("the source calls it an estimate", "la fuente lo llama estimación"),
        ("a running total over several deals", "un total acumulado de varios acuerdos"),
        ("duration in years", "duración en años"),
        ("who pays, when it is not what the roles say", "quién paga, cuando no es lo que dicen los papeles"),
        ("who is paid, likewise", "a quién se paga, igual"),
        (
            "what the money is for, when it is not the alliance's own kind",
            "para qué es el dinero, cuando no es el tipo de la propia alianza"
        ),
        ("what the money is for, when there are several amounts", "para qué es el dinero, cuando hay varios importes"),
        ("when", "cuándo"),
        ("what happened then", "qué pasó entonces"),
        (
            "when it happened, only as precise as the citation shows",
            "cuándo pasó, solo con la precisión que muestra la cita"
        ),
        ("what happened", "qué pasó"),
        ("at least one", "al menos una"),
        ("its id", "su id"),
        ("a company, an alliance, a product or a topic", "una empresa, una alianza, un producto o un tema"),
        ("what kind of claim", "qué tipo de afirmación"),
        ("the number, when there is one", "la cifra, cuando la hay"),
        ("the claim in a sentence", "la afirmación en una frase"),
        ("facts from elsewhere", "hechos de otras fuentes"),
        ("a company (or the maker of `product`)", "una empresa (o el fabricante de `product`)"),
        ("an alliance", "una alianza"),
        ("a product, with its company", "un producto, con su empresa"),
        ("a topic", "un tema"),
        ("the number", "la cifra"),
        ("percent, count, USD, GW, years, nm, …", "percent, count, USD, GW, years, nm, …"),
        ("as for amounts", "como en los importes"),
        ("their id", "su id"),
        ("their name", "su nombre"),
        ("role as the article gives it", "cargo tal como lo da el artículo"),
        ("when the organisation is a company in the dataset", "cuando la organización es una empresa del conjunto"),
        ("when it is not (a university, a book)", "cuando no lo es (una universidad, un libro)"),
        (
            "AI accelerators, data-centre GPUs, AI servers, …",
            "aceleradores de IA, GPU para centros de datos, servidores de IA, …"
        ),
        ("what exactly was measured, as published", "qué se midió exactamente, tal como se publicó"),
        ("share when the publisher does not say", "share si quien publica no lo dice"),
        ("global unless stated", "global salvo que se indique"),
        ("the year measured or forecast", "el año medido o previsto"),
        ("true for a forecast", "true si es una previsión"),
        ("who estimated it", "quién la estimó"),
        ("when the figure is in an article", "cuando la cifra está en un artículo"),
        ("when it comes from elsewhere", "cuando viene de otra fuente"),
        ("the vendor, when it is a company of the dataset", "el fabricante, cuando es una empresa del conjunto"),
        ("shown when vendor is null", "se muestra cuando vendor es null"),
        ("a Bound, or range with upper", "un Bound, o range con upper"),
        ("a percentage, 0–100", "un porcentaje, 0–100"),
        ("the top of a range", "el máximo de un intervalo"),
        // Saving: why a save did not happen (the file is as it was).
        ("… and {0} more", "… y {0} más"),
        ("1 problem", "1 problema"),
        ("{0} problems", "{0} problemas"),
        (
            "not saved: the result would not load back ({0}):",
            "no se ha guardado: el resultado no se podría volver a cargar ({0}):"
        ),
        (
            "not saved: {0} {1} since it was opened; nothing was written.",
            "no se ha guardado: {0} {1} desde que se abrió; no se ha escrito nada."
        ),
        (
            "Run the command again: it reads the file as it is now",
            "Vuelva a ejecutar la orden: lee el archivo tal como está ahora"
        ),
        (
            "not saved: cannot {0} {1}: {2}; the file is as it was",
            "no se ha guardado: no se puede {0} {1}: {2}; el archivo sigue como estaba"
        ),
        (
            "not saved: {0}, the store this session reads texts from, was cut short by another program;",
            "no se ha guardado: otro programa ha acortado {0}, el almacén del que esta sesión lee los textos;"
        ),
        (
            "nothing was written. Quit and open the file again",
            "no se ha escrito nada. Salga y vuelva a abrir el archivo"
        ),
        ("create a file in", "crear un archivo en"),
        ("write", "escribir"),
        ("it is read-only (its permissions allow no writing)", "es de solo lectura (sus permisos no dejan escribirlo)"),
        ("sync", "sincronizar"),
        ("read back", "volver a leer"),
        ("close", "cerrar"),
        ("replace", "reemplazar"),
        ("create the directory", "crear el directorio"),
        ("it is gone after the rename", "ha desaparecido después de renombrarlo"),
        ("was created by something else", "lo ha creado otro programa"),
        ("is no longer a regular file", "ya no es un archivo normal"),
        ("was deleted", "se ha borrado"),
        ("was replaced", "se ha reemplazado"),
        ("was changed", "ha cambiado"),
        ("the device accepted no more bytes", "el dispositivo no admitió más bytes"),
        // Editing a record's fields by path (`parties[1].company`).
        ("{0}: the list has 1 item", "{0}: la lista tiene 1 elemento"),
        ("{0}: the list has {1} items", "{0}: la lista tiene {1} elementos"),
        ("(indices 0 to {0}, or {1} to add one)", "(índices de 0 a {0}, o {1} para añadir uno)"),
        (
            "{0}: the record is not an object, it has no field \"{1}\"",
            "{0}: el registro no es un objeto, no tiene el campo «{1}»"
        ),
        ("{0}: {1} is not an object, it has no field \"{2}\"", "{0}: {1} no es un objeto, no tiene el campo «{2}»"),
        ("{0}[{1}]: {0} is not a list", "{0}[{1}]: {0} no es una lista"),
        // One record of a list, in messages (`company "aws"`).
        ("article", "artículo"),
        ("group", "grupo"),
        ("alliance", "alianza"),
        ("claim", "afirmación"),
        ("person", "persona"),
        ("share estimate", "estimación de cuota"),
        // Merging two companies (an import's uncertain match).
        ("a company cannot be merged into itself", "una empresa no se puede fusionar consigo misma"),
        ("no company \"{0}\"", "no hay ninguna empresa «{0}»"),
        (
            "both are parties of alliance {0}: merged, one company would be there twice",
            "las dos son partes de la alianza {0}: fusionadas, una empresa estaría dos veces"
        ),
        // Loading: reading the file (after its name, as in `allies.json: is a directory…`).
        (
            "changed while it was being read (another program wrote or cut it); open it again once it is written",
            "cambió mientras se leía (otro programa lo escribió o lo cortó); vuelva a abrirlo cuando esté escrito"
        ),
        ("cannot open: {0}", "no se puede abrir: {0}"),
        ("cannot read: {0}", "no se puede leer: {0}"),
        ("is a directory, expected a JSON dataset file", "es un directorio; se espera un archivo de datos JSON"),
        ("is not a regular file", "no es un archivo normal"),
        (
            "is {0} MiB; datasets of at most {1} MiB are read",
            "ocupa {0} MiB; se leen conjuntos de datos de {1} MiB como máximo"
        ),
        ("is larger than {0} MiB", "ocupa más de {0} MiB"),
        ("not valid UTF-8 at byte {0} (counting from 0)", "UTF-8 no válido en el byte {0} (contando desde 0)"),
        ("holds no text", "no contiene texto"),
        // Loading: the dataset's problems (`allies validate`), each after its place.
        ("too many problems ({0}): reading stopped here", "demasiados problemas ({0}): la lectura se detuvo aquí"),
        ("too many problems ({0}):", "demasiados problemas ({0}):"),
        ("1 unknown reference from here on is not listed", "1 referencia desconocida a partir de aquí no se lista"),
        (
            "{0} unknown references from here on are not listed",
            "{0} referencias desconocidas a partir de aquí no se listan"
        ),
        (
            "the quote is not in the text of article \"{0}\" (runs of whitespace aside)",
            "la cita no está en el texto del artículo «{0}» (sin contar los espacios seguidos)"
        ),
        ("{0}: did you mean \"{1}\"?", "{0}: ¿querías decir «{1}»?"),
        ("{0}: no word of it is in the article", "{0}: ninguna de sus palabras está en el artículo"),
        ("(did you mean \"{0}\"?)", "(¿querías decir «{0}»?)"),
        ("expected {0}, found {1}", "se espera {0}, hay {1}"),
        ("a string", "una cadena"),
        ("a number", "un número"),
        ("true or false", "true o false"),
        ("an object", "un objeto"),
        ("an array", "una lista"),
        ("expected a non-empty string", "se espera una cadena no vacía"),
        ("expected a whole number from {0} to {1}, found {2}", "se espera un número entero de {0} a {1}, hay {2}"),
        ("unknown value \"{0}\": expected one of {1}", "valor «{0}» desconocido: se espera uno de {1}"),
        ("invalid date \"{0}\": {1}", "fecha «{0}» no válida: {1}"),
        ("invalid day \"{0}\": expected a day as YYYY-MM-DD", "día «{0}» no válido: se espera un día como AAAA-MM-DD"),
        ("(a year or a month is not precise enough)", "(un año o un mes no es bastante preciso)"),
        ("invalid id \"{0}\":", "id «{0}» no válido:"),
        (
            "expected a lowercase slug of a–z, 0–9 and '-' (at most 80 characters)",
            "se espera un identificador en minúsculas de a–z, 0–9 y '-' (80 caracteres como máximo)"
        ),
        ("expected an array, found {0}", "se espera una lista, hay {0}"),
        ("expected an object, found {0}", "se espera un objeto, hay {0}"),
        ("expected at least 1 item, found {0} valid", "se espera al menos 1 elemento, hay {0} válidos"),
        ("expected at least {0} items, found {1} valid", "se esperan al menos {0} elementos, hay {1} válidos"),
        (
            "{0} given, {1} of them valid: at least {2} must be (each one says what is wrong)",
            "{0} dados, {1} válidos: debe haber al menos {2} (cada uno dice qué falla)"
        ),
        ("unknown field \"{0}\" (did you mean \"{1}\"?)", "campo «{0}» desconocido (¿querías decir «{1}»?)"),
        ("unknown field \"{0}\": expected one of {1}", "campo «{0}» desconocido: se espera uno de {1}"),
        ("field \"{0}\" appears twice in the same object", "el campo «{0}» aparece dos veces en el mismo objeto"),
        ("missing required field \"{0}\"", "falta el campo obligatorio «{0}»"),
        (
            "duplicate id \"{0}\": the dataset already has it in {1}",
            "id «{0}» repetido: el conjunto ya lo tiene en {1}"
        ),
        (
            "duplicate id \"{0}\": already used at line {1} of {2}",
            "id «{0}» repetido: ya se usa en la línea {1} de {2}"
        ),
        ("duplicate id \"{0}\"", "id «{0}» repetido"),
        (
            "the file is empty: expected a JSON object with \"format\": \"allies-dataset\"",
            "el archivo está vacío: se espera un objeto JSON con \"format\": \"allies-dataset\""
        ),
        ("the file is in {0}, not UTF-8: save it as UTF-8", "el archivo está en {0}, no en UTF-8: guárdelo como UTF-8"),
        ("unknown format \"{0}\": expected \"{1}\"", "formato «{0}» desconocido: se espera «{1}»"),
        (
            "unsupported version {0}: this Allies reads version {1}",
            "versión {0} no admitida: este Allies lee la versión {1}"
        ),
        (
            "unexpected {0} after the end of the dataset object",
            "{0} inesperado después del final del objeto del conjunto"
        ),
        ("unknown article \"{0}\"", "artículo «{0}» desconocido"),
        ("unknown company \"{0}\"", "empresa «{0}» desconocida"),
        ("unknown group \"{0}\"", "grupo «{0}» desconocido"),
        ("unknown alliance \"{0}\"", "alianza «{0}» desconocida"),
        ("no article has this id", "ningún artículo tiene este id"),
        ("no company has this id", "ninguna empresa tiene este id"),
        ("no group has this id", "ningún grupo tiene este id"),
        ("no alliance has this id", "ninguna alianza tiene este id"),
        // Loading: a date.
        ("expected a date as YYYY, YYYY-MM or YYYY-MM-DD", "se espera una fecha como AAAA, AAAA-MM o AAAA-MM-DD"),
        ("year {0} is outside 1900–2100", "el año {0} está fuera de 1900–2100"),
        ("month {0} does not exist (expected 01–12)", "el mes {0} no existe (se espera 01–12)"),
        ("day {0} does not exist in that month (it has {1} days)", "el día {0} no existe en ese mes (tiene {1} días)"),
        // Loading: JSON syntax (`character '{'`, `byte 0xFF`).
        ("character '{0}'", "carácter '{0}'"),
        ("byte 0x{0}", "byte 0x{0}"),
        ("unexpected end of file: expected a value", "fin de archivo inesperado: se espera un valor"),
        ("unexpected {0}: expected a value", "{0} inesperado: se espera un valor"),
        ("unexpected end of file: expected {0}", "fin de archivo inesperado: se espera {0}"),
        ("unexpected {0}: expected {1}", "{0} inesperado: se espera {1}"),
        ("':' after the field name", "':' después del nombre del campo"),
        ("nesting deeper than {0} levels", "anidamiento de más de {0} niveles"),
        ("unexpected end of file: expected a field name", "fin de archivo inesperado: se espera un nombre de campo"),
        (
            "unexpected {0}: expected a field name in quotes",
            "{0} inesperado: se espera un nombre de campo entre comillas"
        ),
        ("unexpected end of file: expected ',' or '}'", "fin de archivo inesperado: se espera ',' o '}'"),
        ("unexpected {0}: expected ',' or '}' in an object", "{0} inesperado: se espera ',' o '}' en un objeto"),
        ("unexpected end of file: expected ',' or ']'", "fin de archivo inesperado: se espera ',' o ']'"),
        ("unexpected {0}: expected ',' or ']' in an array", "{0} inesperado: se espera ',' o ']' en una lista"),
        ("unexpected end of file in '{0}'", "fin de archivo inesperado en '{0}'"),
        ("invalid literal: expected '{0}'", "literal no válido: se espera '{0}'"),
        ("invalid number", "número no válido"),
        ("invalid number: leading zeros are not allowed", "número no válido: no se admiten ceros a la izquierda"),
        ("invalid number: digits expected after '.'", "número no válido: se esperan dígitos después de '.'"),
        ("invalid number: digits expected in the exponent", "número no válido: se esperan dígitos en el exponente"),
        ("invalid number: unexpected {0} in it", "número no válido: {0} inesperado"),
        ("number out of range", "número fuera de rango"),
        ("expected a string", "se espera una cadena"),
        ("unterminated string", "cadena sin terminar"),
        (
            "raw control character in a string (byte 0x{0});",
            "carácter de control sin escapar en una cadena (byte 0x{0});"
        ),
        ("write it as an escape such as \\n or \\u0007", "escríbalo como un escape, p. ej. \\n o \\u0007"),
        ("invalid UTF-8 in a string", "UTF-8 no válido en una cadena"),
        ("unfinished escape", "escape sin terminar"),
        (
            "invalid \\u escape: four hex digits expected",
            "escape \\u no válido: se esperan cuatro dígitos hexadecimales"
        ),
        ("unpaired UTF-16 surrogate in a \\u escape", "sustituto UTF-16 sin pareja en un escape \\u"),
        ("invalid escape '\\{0}'", "escape '\\{0}' no válido"),
        ("invalid escape: '\\' followed by {0}", "escape no válido: '\\' seguido de {0}"),
        // Loading: a record's values.
        ("invalid language \"{0}\":", "idioma «{0}» no válido:"),
        (
            "expected a two-letter ISO 639-1 code such as \"es\"",
            "se espera un código ISO 639-1 de dos letras como \"es\""
        ),
        ("invalid country \"{0}\":", "país «{0}» no válido:"),
        (
            "expected a two-letter ISO 3166 code such as \"US\"",
            "se espera un código ISO 3166 de dos letras como \"US\""
        ),
        (
            "unknown country \"{0}\": expected an ISO 3166-1 alpha-2 code such as \"US\"",
            "país «{0}» desconocido: se espera un código ISO 3166-1 alfa-2 como \"US\""
        ),
        ("(the United Kingdom is \"GB\")", "(el Reino Unido es \"GB\")"),
        ("a company cannot be its own parent", "una empresa no puede ser su propia matriz"),
        ("invalid amount {0}:", "importe {0} no válido:"),
        (
            "expected a positive value below 10^15 in units of the currency",
            "se espera un valor positivo menor que 10^15 en unidades de la moneda"
        ),
        ("unknown currency \"{0}\":", "moneda «{0}» desconocida:"),
        ("expected an ISO 4217 code such as USD, EUR or CNY", "se espera un código ISO 4217 como USD, EUR o CNY"),
        (
            "invalid term {0}: expected a number of years above 0 and at most 200",
            "plazo {0} no válido: se espera un número de años mayor que 0 y de 200 como máximo"
        ),
        ("an alliance needs a source:", "una alianza necesita una fuente:"),
        (
            "at least one article quote (sources) or dataset record (records)",
            "al menos una cita de un artículo (sources) o un registro de otro conjunto (records)"
        ),
        ("the same company is listed twice among the parties", "la misma empresa aparece dos veces entre las partes"),
        (
            "update dated {0} is earlier than the update before it ({1}):",
            "la novedad con fecha {0} es anterior a la novedad previa ({1}):"
        ),
        ("list updates oldest first", "ordene las novedades de la más antigua a la más reciente"),
        ("expected exactly one of {0} or {1}", "se espera exactamente uno de {0} o {1}"),
        (
            "invalid share {0}: expected a percentage from 0 to 100",
            "cuota {0} no válida: se espera un porcentaje de 0 a 100"
        ),
        (
            "invalid upper share {0}: expected a percentage from 0 to 100",
            "cuota máxima {0} no válida: se espera un porcentaje de 0 a 100"
        ),
        (
            "a \"range\" share needs \"upper\" at least as large as \"value\"",
            "una cuota \"range\" necesita un \"upper\" al menos tan grande como \"value\""
        ),
        (
            "a share estimate needs at least one source quote or citation",
            "una estimación de cuota necesita al menos una cita de una fuente o una referencia"
        ),
        (
            "the shares' lower values add up to {0}%, more than 100%",
            "los valores mínimos de las cuotas suman {0} %, más del 100 %"
        ),
        // Where a problem is: `companies[0], field id: …`.
        ("field {0}", "campo {0}"),
        (
            "38B USD over 7y, up to 5B USD, about 10B USD, 60M USD/yr over 2y, 8B USD cumulative",
            "38B USD en 7 años, hasta 5B USD, unos 10B USD, 60M USD/año en 2 años, 8B USD acumulado (B: mil millones)"
        ),
        // The edits file beside a large dataset (EditJournal).
        (
            "expected a first line naming the dataset's version the edits were saved to",
            "se espera una primera línea que nombre la versión del conjunto de datos a la que se guardaron los cambios"
        ),
        ("expected an object", "se espera un objeto"),
        ("expected {0}", "se espera {0}"),
        ("expected \"format\": \"{0}\"", "se espera \"format\": \"{0}\""),
        (
            "expected \"version\": {0} (written by another version of allies?)",
            "se espera \"version\": {0} (¿escrito por otra versión de allies?)"
        ),
        ("unknown field \"{0}\"", "campo «{0}» desconocido"),
        (
            "expected a line with \"save\", \"remove\" and \"put\"",
            "se espera una línea con \"save\", \"remove\" y \"put\""
        ),
        ("expected a list", "se espera una lista"),
        ("expected an object of lists of records", "se espera un objeto de listas de registros"),
        (
            "expected a list of records of one of the dataset's lists",
            "se espera una lista de registros de una de las listas del conjunto de datos"
        ),
        ("holds edits saved to another version of {0}", "guarda cambios hechos a otra versión de {0}"),
        ("they are not applied.", "no se aplican."),
        ("Move this file aside to open {0} without them,", "Aparta este archivo para abrir {0} sin ellos,"),
        (
            "or put back the version of {0} they were saved to",
            "o vuelve a poner la versión de {0} a la que se guardaron"
        ),
        ("refers to {0}, which this line removes", "se refiere a {0}, que esta línea elimina"),
        ("read", "leer"),
        ("lock", "bloquear"),
        (
            "not saved: {0} is there, with the edits of another file of this name;",
            "no guardado: {0} está ahí, con los cambios de otro archivo de este nombre;"
        ),
        (
            "nothing was written. Move it beside that file (moved away without it?), or aside, and save again",
            "no se ha escrito nada. Ponlo junto a ese archivo (¿movido sin él?), o apártalo, y vuelve a guardar"
        ),
        ("(the same size, other bytes):", "(el mismo tamaño, otros bytes):"),
        ("(it was {0} bytes, it is {1} now):", "(tenía {0} bytes, ahora tiene {1}):"),
        (
            "each line of an edits file is one JSON object (FORMAT.md, \"The edits file\"):",
            "cada línea de un archivo de cambios es un objeto JSON (FORMAT.md, «The edits file»):"
        ),
        ("mend the line or remove it (its edits are then lost)", "arregla la línea o quítala (sus cambios se pierden)"),
        (
            "holds a copy of unsaved edits, of no known version of {0}: they are not applied.",
            "contiene una copia de cambios sin guardar, de ninguna versión conocida de {0}: no se aplican."
        ),
        (
            "Move this file aside; `allies --data {0} merge-edits FILE` puts its edits into {0}",
            "Aparta este archivo; `allies --data {0} merge-edits FILE` pone sus cambios en {0}"
        ),
        (
            "(or merge them into this one: `allies --data {0} merge-edits MOVED-FILE`)",
            "(o fusiónalos en esta: `allies --data {0} merge-edits MOVED-FILE`)"
        ),
        (
            "removed by the edits, but referred to by {0}",
            "quitado por los cambios, pero remiten a él: {0}"
        ),
        ("No such file or directory", "No existe el archivo o el directorio"),
        ("Permission denied", "Permiso denegado"),
        ("Operation not permitted", "Operación no permitida"),
        ("No space left on device", "No queda espacio en el dispositivo"),
        ("Disk quota exceeded", "Se ha superado la cuota de disco"),
        ("Read-only file system", "Sistema de archivos de solo lectura"),
        ("Is a directory", "Es un directorio"),
        ("Not a directory", "No es un directorio"),
        ("File exists", "El archivo ya existe"),
        ("File too large", "Archivo demasiado grande"),
        ("Input/output error", "Error de entrada/salida"),
        ("File name too long", "Nombre de archivo demasiado largo"),
        ("Too many levels of symbolic links", "Demasiados niveles de enlaces simbólicos"),
        ("Too many open files", "Demasiados archivos abiertos"),
        ("Cannot allocate memory", "No se puede asignar memoria"),
        ("Device or resource busy", "Dispositivo o recurso ocupado"),
    ]
}
