// The catalogue's section for the model's named values (Labels.swift in AlliesCore) and words every part uses.
// One entry per English string across every section: look in the other files before adding one.

extension Catalogue {
    static let common: [(en: String, es: String)] = [
        // Kinds of alliance, in a sentence or a cell.
        ("investment", "inversión"),
        ("cloud contract", "contrato de nube"),
        ("chip supply", "suministro de chips"),
        ("data licensing", "licencia de datos"),
        ("distribution", "distribución"),
        ("acquisition", "adquisición"),
        ("energy", "energía"),
        ("joint infra", "infra. conjunta"),
        ("partnership", "asociación"),
        // Kinds of alliance as headings.
        ("Investment", "Inversión"),
        ("Cloud contracts", "Contratos de nube"),
        ("Chip supply", "Suministro de chips"),
        ("Data licensing", "Licencias de datos"),
        ("Model distribution", "Distribución de modelos"),
        ("Acquisitions", "Adquisiciones"),
        ("Energy", "Energía"),
        ("Joint infrastructure", "Infraestructura conjunta"),
        ("Partnerships", "Asociaciones"),
        // A deal's status.
        ("predicted", "previsto"),
        ("rumoured", "rumor"),
        ("in talks", "en negociación"),
        ("announced", "anunciado"),
        ("active", "activo"),
        ("completed", "completado"),
        ("ended", "terminado"),
        // A party's role.
        ("investor", "inversor"),
        ("investee", "participada"),
        ("customer", "cliente"),
        ("supplier", "proveedor"),
        ("acquirer", "comprador"),
        ("target", "adquirida"),
        ("partner", "socio"),
        // Kinds of company.
        ("big tech", "gran tecnológica"),
        ("AI lab", "laboratorio de IA"),
        ("chip vendor", "fabricante de chips"),
        ("cloud", "nube"),
        ("foundry", "fundición"),
        ("data platform", "plataforma de datos"),
        ("network", "redes"),
        ("startup", "startup"),
        ("research", "investigación"),
        ("datacenter", "centro de datos"),
        ("other", "otra"),
        // What a date marks.
        ("signed", "firmado"),
        ("closed", "cerrado"),
        ("expected", "esperado"),
        ("reported", "informado"),
        // A share estimate's metric.
        ("units", "unidades"),
        ("revenue", "ingresos"),
        ("spending", "gasto"),
        ("servers", "servidores"),
        ("share", "cuota"),
        // Months (Spanish names are not capitalised).
        ("January", "enero"),
        ("February", "febrero"),
        ("March", "marzo"),
        ("April", "abril"),
        ("May", "mayo"),
        ("June", "junio"),
        ("July", "julio"),
        ("August", "agosto"),
        ("September", "septiembre"),
        ("October", "octubre"),
        ("November", "noviembre"),
        ("December", "diciembre"),
        // How precise a date is.
        ("year known", "se sabe el año"),
        ("month known", "se sabe el mes"),
        ("day known", "se sabe el día"),
    ]
}
