// The catalogue's section for the explorer's lists and detail screens, chips and articles.
// One entry per English string across every section: look in the other files (Common.swift first) first.

extension Catalogue {
    static let screens: [(en: String, es: String)] = [
        // Screen titles.
        ("Timeline", "Cronología"),
        ("Timeline of {0}", "Cronología de {0}"),
        ("Changes", "Cambios"),
        ("Chips", "Chips"),
        ("Claim {0}", "Afirmación {0}"),
        ("Passage {0}", "Pasaje {0}"),
        // Column headings (a fixed column is at least as wide as its heading).
        ("Deals", "Alianzas"),
        ("Partners", "Socios"),
        ("Last", "Última"),
        ("Change", "Cambio"),
        ("Record", "Registro"),
        ("With", "Con"),
        ("Chip", "Chip"),
        ("Who gets it", "Quién lo recibe"),
        // Sorts and filters, as the status line names them.
        ("name", "nombre"),
        ("deals", "alianzas"),
        ("partners", "socios"),
        ("money in", "entradas"),
        ("money out", "salidas"),
        ("last activity", "última actividad"),
        ("date", "fecha"),
        ("amount", "importe"),
        ("parties", "partes"),
        ("all", "todos"),
        // Lists.
        ("No alliances of this kind.", "No hay alianzas de este tipo."),
        ("No alliances.", "No hay alianzas."),
        ("Undated", "Sin fecha"),
        ("No record carries an added or updated date yet.", "Ningún registro tiene aún fecha de alta o de cambio."),
        (
            "Records added or changed with Allies ({0}) are dated; the bundled ones are not.",
            "Los registros añadidos o cambiados con Allies ({0}) llevan fecha; los que trae el programa, no."
        ),
        ("a and e here, {0}, {1} and {2}", "a y e aquí, {0}, {1} y {2}"),
        // Record kinds as row labels.
        ("Group", "Grupo"),
        ("Claim", "Afirmación"),
        ("Person", "Persona"),
        ("Share estimate", "Cuota estimada"),
        // Missing records.
        ("No company {0} in this dataset.", "No hay ninguna empresa {0} en este conjunto de datos."),
        ("No alliance {0} in this dataset.", "No hay ninguna alianza {0} en este conjunto de datos."),
        ("No person {0} in this dataset.", "No hay ninguna persona {0} en este conjunto de datos."),
        ("No claim {0} in this dataset.", "No hay ninguna afirmación {0} en este conjunto de datos."),
        (
            "No share estimate {0} in this dataset.",
            "No hay ninguna estimación de cuota {0} en este conjunto de datos."
        ),
        ("No article {0} in this dataset.", "No hay ningún artículo {0} en este conjunto de datos."),
        // Detail screens: field labels (up to 10 columns, or the label takes a line of its own).
        ("Also", "También"),
        ("Part of", "Parte de"),
        ("company|Unit", "Filial"),
        ("Activity", "Actividad"),
        ("person|Role", "Cargo"),
        ("Works at", "Trabaja en"),
        ("Org.", "Org."),
        ("Date note", "Nota"),
        ("Quoted", "Citado"),
        ("Measured", "Medición"),
        ("Also:", "También:"),
        // Detail screens: sections.
        ("Facts quoting it", "Hechos que lo citan"),
        // Detail screens: values and notes.
        ("alliances|none", "ninguna"),
        ("part of {0}", "parte de {0}"),
        ("undated {0}", "sin fecha {0}"),
        ("outlet unknown", "medio desconocido"),
        ("by {0}", "por {0}"),
        ("Note: {0}", "Nota: {0}"),
        ("Supports: {0}", "Respalda: {0}"),
        ("Record: {0}", "Registro: {0}"),
        ("Licence: {0}", "Licencia: {0}"),
        ("retrieved {0}", "fecha de consulta: {0}"),
        ("Citation: {0}", "Cita: {0}"),
        ("(not a signed deal)", "(no es un acuerdo firmado)"),
        (
            "as the sources said; 1 later update below (After the sources)",
            "según las fuentes; 1 novedad posterior más abajo (Después de las fuentes)"
        ),
        (
            "as the sources said; {0} later updates below (After the sources)",
            "según las fuentes; {0} novedades posteriores más abajo (Después de las fuentes)"
        ),
        ("undated: no source gives a date", "sin fecha: ninguna fuente da una fecha"),
        ("undisclosed: the sources give no amount", "no revelado: las fuentes no dan ningún importe"),
        ("Sources disagree:", "Las fuentes discrepan:"),
        // What a claim is about.
        ("market-share", "cuota de mercado"),
        // Chips.
        ("range / upper bound", "intervalo / máximo"),
        ("more than (lower bound)", "más de (mínimo)"),
        ("Market-share estimates", "Estimaciones de cuota de mercado"),
        ("No share estimates in this dataset.", "No hay estimaciones de cuota en este conjunto de datos."),
        ("Vendors, their chips and who buys them", "Fabricantes, sus chips y quién los compra"),
        ("metric {0}, {1}, {2}", "métrica {0}, {1}, {2}"),
        ("metric {0}, {1}, {2} (forecast)", "métrica {0}, {1}, {2} (previsión)"),
        ("no buyer named in the sources", "las fuentes no nombran ningún comprador"),
        ("made by {0}", "fabricado por {0}"),
        ("{0} via {1}", "{0} vía {1}"),
        ("(unnamed)", "(sin nombre)"),
        // Articles and their quoted passages.
        (
            "{0} quote it; the dataset does not carry its text",
            "citado por {0}; el conjunto de datos no incluye su texto"
        ),
        ("1 passage", "1 pasaje"),
        ("{0} passages", "{0} pasajes"),
        ("{0}, {1} · {2} of {3} characters", "{0}, {1} · {2} de {3} caracteres"),
        ("No passage of this article's text is quoted", "No hay ningún pasaje citado en el texto de este artículo"),
        ("Passage {0} of {1}", "Pasaje {0} de {1}"),
        ("Passage {0} of {1} (from the top)", "Pasaje {0} de {1} (desde el principio)"),
        ("Passage {0} of {1} (from the end)", "Pasaje {0} de {1} (desde el final)"),
        (
            "The dataset does not carry this article's text: nothing to mark",
            "El conjunto de datos no incluye el texto de este artículo: no hay nada que marcar"
        ),
        ("Select a line of the text first", "Primero hay que seleccionar una línea del texto"),
        ("The mark already reaches the end of the text", "La marca ya llega al final del texto"),
        (
            "Marked “{0}”: a adds a fact quoting it, m adds the next sentence",
            "Marcado “{0}”: a añade un hecho que lo cita, m añade la frase siguiente"
        ),
        ("The article has no passage {0}.", "El artículo no tiene pasaje {0}."),
        (
            "{0} is there, with the edits of another file of this name (move it beside that file, or aside)",
            "{0} está ahí, con los cambios de otro archivo de este nombre (ponlo junto a ese archivo, o apártalo)"
        ),
    ]
}
