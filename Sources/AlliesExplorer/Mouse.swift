import AlliesCore

// MARK: Mouse

extension AppState {
    mutating func handle(_ mouse: Mouse) {
        guard let (items, layout) = topItems(), !stack.isEmpty else { return }
        switch mouse.action {
        case .wheelUp: move(by: -3)
        case .wheelDown: move(by: 3)
        case .press, .doubleClick:
            if mouse.y == 0 {
                // The breadcrumb: clicking a crumb goes back to it.
                if let depth = Breadcrumb.crumb(at: mouse.x, self) {
                    while stack.count > depth + 1 { stack.removeLast() }
                    normalize()
                }
                return
            }
            if mouse.y < layout.listY {
                // A header line: the search prompt takes the keys again when clicked.
                _ = stack[stack.count - 1].screen.click(headerLine: mouse.y - 1)
                return
            }
            let frame = stack[stack.count - 1]
            guard mouse.y >= layout.listY, mouse.y < layout.listY + layout.listHeight,
                mouse.x >= layout.listX, mouse.x < layout.listX + layout.listWidth
            else { return }
            let line = frame.scroll + (mouse.y - layout.listY)
            guard let i = Placement(items).item(atLine: line, items), items.isSelectable(i) else { return }
            stack[stack.count - 1].selected = i
            stack[stack.count - 1].selectedID = items.id(at: i)
            // A click on a result leaves the search prompt: the search is done.
            if stack[stack.count - 1].screen.leavePrompt() { commitSearch() }
            normalize()
            if mouse.action == .doubleClick, let open = KeyTable.bindings.first(where: { $0.command == .open }) {
                _ = invoke(open)
            }
        }
    }
}
