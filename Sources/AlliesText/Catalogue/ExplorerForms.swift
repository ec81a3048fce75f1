// The catalogue's section for the explorer's network, forms, confirmations and review.
// One entry per English string across every section: look in the other files (Common.swift first) first.

extension Catalogue {
    static let forms: [(en: String, es: String)] = [
        ("units merged", "filiales unidas"),
        ("units apart", "filiales aparte"),
        ("steps agreed: {0}", "pasos acordados: {0}"),
        ("no agreed USD", "sin USD acordados"),
        ("round: {0}", "vuelta completa: {0}"),
        ("more not agreed or not exact", "más sin acordar o no exacto"),
        ("Finding loops", "Buscando bucles"),
        ("1 loop so far", "1 bucle por ahora"),
        ("{0} loops so far", "{0} bucles por ahora"),
        ("Esc stops the search", "Esc detiene la búsqueda"),
        ("Building the network of {0}", "Construyendo la red de {0}"),
        ("Listing the partners of {0}, and theirs", "Listando los socios de {0}, y los suyos"),
        (
            "1 more in its deals is on its side of them (paying or paid beside it): no tie here.",
            "1 más en sus acuerdos está de su mismo lado (paga o cobra junto a ella): sin vínculo aquí."
        ),
        (
            "{0} more in its deals are on its side of them (paying or paid beside it): no tie here.",
            "{0} más en sus acuerdos están de su mismo lado (pagan o cobran junto a ella): sin vínculo aquí."
        ),
        ("Esc goes back meanwhile", "Esc vuelve atrás mientras tanto"),
        ("{0}, steps in time order", "{0}, pasos en orden cronológico"),
        ("{0}, steps not in time order", "{0}, pasos fuera de orden cronológico"),
        ("{0}, a step undated", "{0}, un paso sin fecha"),
        ("Network of {0}", "Red de {0}"),
        (" Two hops out", " A dos saltos"),
        (" Path from {0} to: ", " Camino de {0} a: "),
        (" Path to: ", " Camino a: "),
        ("No company \"{0}\" in this dataset.", "No hay ninguna empresa \"{0}\" en estos datos."),
        ("1 partner", "1 socio"),
        ("{0} partners", "{0} socios"),
        ("{0} more two hops out", "{0} más a 2 saltos"),
        ("{0} more through {1}: Enter opens its network", "{0} más a través de {1}: Enter abre su red"),
        (
            "Too many partners to list their partners here: Enter on one opens its network.",
            "Demasiados socios para listar aquí los suyos: Enter en uno abre su red."
        ),
        (" No alliances: nothing is tied to this company.", " Sin alianzas: nada está ligado a esta empresa."),
        ("Type a company's name (Esc cancels)", "Escribe el nombre de una empresa (Esc cancela)"),
        ("{0} is the centre of this network", "{0} es el centro de esta red"),
        ("several companies match \"{0}\": {1}", "varias empresas coinciden con \"{0}\": {1}"),
        ("no company called \"{0}\"", "ninguna empresa se llama \"{0}\""),
        ("; did you mean {0}?", "; ¿querías decir {0}?"),
        ("network|merged", "unidas"),
        ("apart", "aparte"),
        ("Paths {0}", "Caminos {0}"),
        (" Shortest chains", " Cadenas más cortas"),
        (
            "With units merged, {0} and {1} are the same company: m keeps units apart.",
            "Con las filiales unidas, {0} y {1} son la misma empresa: m mantiene las filiales aparte."
        ),
        ("Path {0} of {1}", "Camino {0} de {1}"),
        ("Circular financing in the whole dataset", "Financiación circular en todos los datos"),
        (" Every company; most agreed money first", " Todas las empresas; primero más dinero acordado"),
        (" Every company; newest first", " Todas las empresas; primero los más recientes"),
        ("money", "dinero"),
        ("time", "fecha"),
        ("No loops: no money comes back to where it started.", "Sin bucles: ningún dinero vuelve a donde empezó."),
        (
            "No loops: no money comes back to where it started (m merges units, AWS into Amazon).",
            "Sin bucles: ningún dinero vuelve a donde empezó (m une las filiales, AWS en Amazon)."
        ),
        ("Loops", "Bucles"),
        ("first {0} of at least {0}", "primeros {0} de al menos {0}"),
        (
            "The search stopped at 10,000 loops: there may be more, and these are ranked among themselves.",
            "La búsqueda se detuvo en 10.000 bucles: puede haber más, y estos se ordenan solo entre sí."
        ),
        ("`allies cycles --limit N` searches further.", "`allies cycles --limit N` busca más allá."),
        ("Loop {0}", "Bucle {0}"),
        (" Step by step", " Paso a paso"),
        (
            " This loop goes through deals that are not agreed: $ shows all money.",
            " Este bucle pasa por acuerdos no cerrados: $ muestra todo el dinero."
        ),
        (" No such loop in this dataset.", " No existe ese bucle en estos datos."),
        ("Party", "Parte"),
        ("Dataset record", "Registro de un conjunto de datos"),
        ("Update", "Novedad"),
        ("Share", "Cuota"),
        ("Bound", "Límite"),
        ("Cumulative", "Acumulado"),
        ("Currency", "Moneda"),
        ("Dataset", "Base de datos"),
        ("Description", "Descripción"),
        ("Disagreement", "Discrepancia"),
        ("Estimated", "Estimado"),
        ("Event", "Suceso"),
        ("Forecast", "Previsión"),
        ("From", "Pagador"),
        ("Id", "Id"),
        ("Key", "Clave"),
        ("Label", "Etiqueta"),
        ("Licence", "Licencia"),
        ("Market", "Mercado"),
        ("Metric", "Métrica"),
        ("Name", "Nombre"),
        ("Note", "Nota"),
        ("Organization", "Organización"),
        ("Organization name", "Nombre de org."),
        ("Per", "Periodicidad"),
        ("Product", "Producto"),
        ("Published note", "Nota de fecha"),
        ("Purpose", "Finalidad"),
        ("Quote", "Cita textual"),
        ("Records", "Registros"),
        ("Region", "Región"),
        ("Role", "Rol"),
        ("Shares", "Cuotas"),
        ("Supports", "Respalda"),
        ("Term years", "Años de plazo"),
        ("To", "Receptor"),
        ("Topic", "Tema"),
        ("Unit", "Unidad"),
        ("Updates", "Novedades"),
        ("Upper", "Máximo"),
        ("Url", "URL"),
        ("Value", "Valor"),
        ("Vendor", "Fabricante"),
        ("Year", "Año"),
        ("exact", "exacto"),
        ("range", "rango"),
        ("Save the changes", "Guardar los cambios"),
        ("Money", "Dinero"),
        ("{0} is required", "«{0}» es obligatorio"),
        ("saves the changes", "guarda los cambios"),
        (
            "Enter edits a field (a list: adds one), x removes, Ctrl-S {0}, Esc leaves",
            "Enter edita un campo (en una lista: añade uno), x quita, Ctrl-S {0}, Esc sale"
        ),
        ("{0} more: type to narrow", "{0} más: escribe para acotar"),
        ("made from the name or title if left empty", "sale del nombre o el título si se deja vacío"),
        ("required", "campo obligatorio"),
        ("yes", "sí"),
        ("no", "no"),
        ("required: e.g. {0}", "obligatorio: p. ej. {0}"),
        ("Enter adds one", "Enter para añadir"),
        ("x removes it", "x para quitar"),
        ("({0} characters)", "({0} caracteres)"),
        ("true", "verdadero"),
        ("false", "falso"),
        ("no such company", "no existe esa empresa"),
        ("no such article", "no existe ese artículo"),
        ("no such alliance", "no existe esa alianza"),
        ("no such group", "no existe ese grupo"),
        ("no such {0}", "no existe: {0}"),
        (
            "Esc again leaves without keeping these changes; Ctrl-S keeps them",
            "Esc otra vez sale sin estos cambios; Ctrl-S los aplica"
        ),
        (
            "An amount is removed from its row above (Amount N)",
            "Un importe se quita desde su fila de arriba (Importe N)"
        ),
        ("{0} is required: change it instead", "{0} es obligatorio: cámbialo en lugar de quitarlo"),
        ("Read {0} characters into the text", "Leídos {0} caracteres en el texto"),
        (
            "other records refer to \"{0}\" ({1}): its id cannot change",
            "otros registros remiten a \"{0}\" ({1}): su id no puede cambiar"
        ),
        (
            "1 problem (marked {0}): fix it, then Ctrl-S again",
            "1 problema (marcado {0}): corrígelo y vuelve a pulsar Ctrl-S"
        ),
        (
            "{0} problems (marked {1}): fix them, then Ctrl-S again",
            "{0} problemas (marcados {1}): corrígelos y vuelve a pulsar Ctrl-S"
        ),
        ("Added {0}", "Se añadió {0}"),
        ("Changed {0}", "Se cambió {0}"),
        ("New article", "Nuevo artículo"),
        ("New group", "Nuevo grupo"),
        ("New company", "Nueva empresa"),
        ("New alliance", "Nueva alianza"),
        ("New claim", "Nueva afirmación"),
        ("New person", "Nueva persona"),
        ("New share estimate", "Nueva estimación de cuota"),
        ("Editing article {0}", "Editando el artículo {0}"),
        ("Editing group {0}", "Editando el grupo {0}"),
        ("Editing company {0}", "Editando la empresa {0}"),
        ("Editing alliance {0}", "Editando la alianza {0}"),
        ("Editing claim {0}", "Editando la afirmación {0}"),
        ("Editing person {0}", "Editando la persona {0}"),
        ("Editing share estimate {0}", "Editando la estimación de cuota {0}"),
        ("Add this article", "Añadir este artículo"),
        ("Add this group", "Añadir este grupo"),
        ("Add this company", "Añadir esta empresa"),
        ("Add this alliance", "Añadir esta alianza"),
        ("Add this claim", "Añadir esta afirmación"),
        ("Add this person", "Añadir esta persona"),
        ("Add this share estimate", "Añadir esta estimación de cuota"),
        ("adds the article", "añade el artículo"),
        ("adds the group", "añade el grupo"),
        ("adds the company", "añade la empresa"),
        ("adds the alliance", "añade la alianza"),
        ("adds the claim", "añade la afirmación"),
        ("adds the person", "añade la persona"),
        ("adds the share estimate", "añade la estimación de cuota"),
        ("Delete article", "Borrar artículo"),
        ("Delete group", "Borrar grupo"),
        ("Delete company", "Borrar empresa"),
        ("Delete alliance", "Borrar alianza"),
        ("Delete claim", "Borrar afirmación"),
        ("Delete person", "Borrar persona"),
        ("Delete share estimate", "Borrar estimación de cuota"),
        ("Add", "Añadir"),
        (
            "a deal: investment, cloud contract, chip supply, licence, acquisition…",
            "un acuerdo: inversión, contrato de nube, suministro de chips, licencia, adquisición…"
        ),
        ("a company, lab, fund or unit", "una empresa, laboratorio, fondo o filial"),
        ("a figure or statement that is not a deal", "una cifra o declaración que no es un acuerdo"),
        ("a person the articles name", "una persona que nombran los artículos"),
        ("a published market-share estimate", "una estimación publicada de cuota de mercado"),
        ("a named group of companies", "un grupo de empresas con nombre"),
        (
            "a source with its text (in the text field, @ and a file's path reads it)",
            "una fuente con su texto (en el campo de texto, @ y la ruta de un archivo lo leen)"
        ),
        ("Delete {0}?", "¿Borrar {0}?"),
        (
            "Nothing else refers to it. y deletes it (u undoes that); Esc keeps it.",
            "Ningún otro registro remite a este. y borra (u deshace); Esc conserva todo."
        ),
        ("1 other record refers to it and would go with it.", "Otro registro remite a este y se borraría también."),
        (
            "{0} other records refer to it and would go with it.",
            "Otros {0} registros remiten a este y se borrarían también."
        ),
        (
            "Y deletes them all (u undoes that); Esc keeps everything.",
            "Y los borra todos (u lo deshace); Esc lo conserva todo."
        ),
        ("{0} (field {1})", "{0} (campo {1})"),
        (
            "1 record quotes it among other sources: it keeps the others.",
            "1 registro lo cita entre otras fuentes: conserva las demás."
        ),
        (
            "{0} records quote it among other sources: they keep the others.",
            "{0} registros lo citan entre otras fuentes: conservan las demás."
        ),
        ("{0} (field {1}; kept, without this quote)", "{0} (campo {1}; se conserva, sin esta cita)"),
        ("{0} changed and kept", "{0} cambiados y conservados"),
        ("{0} (field {1}; kept, out of the group)", "{0} (campo {1}; se conserva, fuera del grupo)"),
        (
            "{0} (field {1}; kept, as a company of its own)",
            "{0} (campo {1}; se conserva, como empresa independiente)"
        ),
        ("1 unit stays, as a company of its own.", "1 unidad se conserva, como empresa independiente."),
        (
            "{0} units stay, each as a company of its own.",
            "{0} unidades se conservan, cada una como empresa independiente."
        ),
        (
            "{0} companies stay, out of the groups that go.",
            "{0} empresas se conservan, fuera de los grupos que se van."
        ),
        ("Refers to it", "Remiten a él"),
        ("And, through those", "Y, a través de esos"),
        (
            "Other records refer to it: Y deletes them too, Esc keeps everything",
            "Otros registros remiten a él: Y los borra también, Esc lo conserva todo"
        ),
        ("Deleted {0}", "Se borró {0}"),
        ("Deleted {0} and 1 record referring to it", "Se borró {0} y 1 registro que remitía a él"),
        ("Deleted {0} and {1} records referring to it", "Se borró {0} y {1} registros que remitían a él"),
        ("Save", "Guardar"),
        ("Save to: ", "Guardar en: "),
        (
            "The bundled dataset is read-only. Your edits go to your own dataset, made from the bundled one:",
            "Los datos incluidos son de solo lectura. Tus cambios van a tus propios datos, copia de los incluidos:"
        ),
        (
            "this file, which Allies opens from now on (--data still opens another).",
            "este archivo, que Allies abre a partir de ahora (--data sigue abriendo otro)."
        ),
        (
            "Enter saves there; Esc keeps the edits in this session only.",
            "Enter guarda ahí; Esc conserva los cambios solo en esta sesión."
        ),
        (
            "Enter saves the session's dataset to this file (a new file, or the one it came from).",
            "Enter guarda los datos de la sesión en este archivo (uno nuevo, o aquel del que vienen)."
        ),
        ("Esc goes back: the edits stay in this session.", "Esc vuelve atrás: los cambios se quedan en esta sesión."),
        (
            "Give the file's path (a name, ~/name or /full/path)",
            "Indica la ruta del archivo (un nombre, ~/nombre o /ruta/completa)"
        ),
        ("Review matches", "Revisar coincidencias"),
        ("Review matches {0}/{1} pending", "Revisar coincidencias: {0}/{1} pendientes"),
        (" From ", " De "),
        (" (decisions go to {0})", " (las decisiones van a {0})"),
        ("No uncertain company matches to review.", "No hay coincidencias dudosas de empresas que revisar."),
        (
            "allies import lists them in NAME.candidates.json beside the dataset it writes;",
            "allies import las anota en NAME.candidates.json junto a los datos que escribe;"
        ),
        ("they are reviewed here when that dataset is opened.", "se revisan aquí al abrir esos datos."),
        ("{0} ({1}): no longer in the dataset", "{0} ({1}): ya no está en los datos"),
        ("added as", "añadida como"),
        ("may be", "puede ser"),
        ("why", "por qué"),
        ("key {0}", "clave {0}"),
        ("{0}: no longer in the dataset", "{0}: ya no está en los datos"),
        (
            "accepted, merge undone here; the next import merges them",
            "aceptada, unión deshecha aquí; la próxima importación las une"
        ),
        ("accepted {0} merged into {1} ({2})", "aceptada {0} unida con {1} ({2})"),
        ("review|rejected", "rechazada"),
        ("; not yet in {0}", "; aún no está en {0}"),
        ("nothing to decide: not in the dataset", "nada que decidir: no está en los datos"),
        ("No other match is pending", "No queda ninguna otra coincidencia pendiente"),
        (
            "1 uncertain company match from an import: press {0} to review",
            "1 coincidencia dudosa de empresas de una importación: pulsa {0} para revisarla"
        ),
        (
            "{0} uncertain company matches from an import: press {1} to review",
            "{0} coincidencias dudosas de empresas de una importación: pulsa {1} para revisarlas"
        ),
        ("Already accepted", "Ya aceptada"),
        ("Already rejected", "Ya rechazada"),
        ("{0} is no longer in the dataset: nothing to decide", "{0} ya no está en los datos: nada que decidir"),
        ("Not merged: {0}", "No se unieron: {0}"),
        ("Merged {0} ({1}) into {2} ({3})", "Se unió {0} ({1}) con {2} ({3})"),
        ("Rejected: {0} is not {1}", "Rechazada: {0} no es {1}"),
        ("Decision not written to {0}: {1};", "Decisión no escrita en {0}: {1};"),
        ("{0} kept here: y or n on it again retries", "{0} guardadas aquí: y o n otra vez sobre ella lo reintenta"),
        ("decision written to {0}", "decisión escrita en {0}"),
    ]
}
