import AlliesCore
switch Dataset.bundled() {
case .success(let d): print(d.articles.count, d.companies.count, d.alliances.count, d.claims.count, d.people.count, d.shareEstimates.count)
case .failure(let e): print(e)
}
if CommandLine.arguments.count > 1 { switch Dataset.load(path: CommandLine.arguments[1]) { case .success(let d): print("ok", d.alliances.count); case .failure(let e): print(e) } }
