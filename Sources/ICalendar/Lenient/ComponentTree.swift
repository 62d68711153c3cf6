/// A component of the calendar text (VCALENDAR, VEVENT, VTIMEZONE, STANDARD, ...): its
/// properties and the components inside it, with the line of its BEGIN.
package struct ComponentNode: Sendable {
    /// Upper-case: `VEVENT`.
    package var name: String
    package var line: Int
    package var properties: [ContentLine] = []
    package var children: [ComponentNode] = []
    /// Whether its END line was there.
    package var isClosed = false

    package func first(_ property: String) -> ContentLine? {
        properties.first { $0.name == property }
    }

    package func all(_ property: String) -> [ContentLine] {
        properties.filter { $0.name == property }
    }

    /// The components of `name` at any depth, in file order.
    package func descendants(_ name: String) -> [ComponentNode] {
        var found: [ComponentNode] = []
        var stack = children.reversed() as [ComponentNode]
        while let node = stack.popLast() {
            if node.name == name { found.append(node) }
            stack.append(contentsOf: node.children.reversed())
        }
        return found
    }

    /// The component as iCalendar text, unfolded: what the libical layer reads a VTIMEZONE from.
    package var text: String {
        var lines = ["BEGIN:\(name)"]
        lines += properties.map(\.text)
        lines += children.map(\.text)
        lines.append("END:\(name)")
        return lines.joined(separator: "\r\n")
    }
}

/// Builds the component tree from content lines, leniently: a missing END closes its component
/// where the file ends or where an outer END comes (with a warning), an END that matches nothing
/// is skipped, and what follows the last END:VCALENDAR is skipped.
package enum ComponentTreeBuilder {
    /// Deeper nesting than any calendar needs is not followed, so hostile input cannot exhaust
    /// the stack of a later walk.
    package static let maximumDepth = 32

    /// The top-level components (normally one VCALENDAR).
    package static func build(_ lines: [ContentLine], warn: (String, Int) -> Void) -> [ComponentNode] {
        var roots: [ComponentNode] = []
        var stack: [ComponentNode] = []
        var skippedDepth = 0

        func close(into stack: inout [ComponentNode]) {
            let node = stack.removeLast()
            if stack.isEmpty {
                roots.append(node)
            } else {
                stack[stack.count - 1].children.append(node)
            }
        }

        for line in lines {
            switch line.name {
            case "BEGIN":
                let name = line.value.trimmingWhitespace().uppercased()
                if stack.count >= maximumDepth || skippedDepth > 0 {
                    if skippedDepth == 0 { warn("components nested deeper than \(maximumDepth) levels are skipped", line.line) }
                    skippedDepth += 1
                    continue
                }
                if stack.isEmpty, let last = roots.last, last.name == "VCALENDAR", name != "VCALENDAR" {
                    warn("a \(name) after END:VCALENDAR is read as part of the calendar", line.line)
                    stack.append(roots.removeLast())
                }
                stack.append(ComponentNode(name: name, line: line.line))
            case "END":
                if skippedDepth > 0 {
                    skippedDepth -= 1
                    continue
                }
                let name = line.value.trimmingWhitespace().uppercased()
                guard let depth = stack.lastIndex(where: { $0.name == name }) else {
                    warn("END:\(name) closes no component; it is skipped", line.line)
                    continue
                }
                while stack.count - 1 > depth {
                    let open = stack[stack.count - 1]
                    warn("\(open.name) has no END:\(open.name); it ends at END:\(name)", open.line)
                    close(into: &stack)
                }
                stack[stack.count - 1].isClosed = true
                close(into: &stack)
            default:
                if stack.isEmpty {
                    warn("\(line.name) outside any component is skipped", line.line)
                } else {
                    stack[stack.count - 1].properties.append(line)
                }
            }
        }
        while !stack.isEmpty {
            let open = stack[stack.count - 1]
            warn("the file ends without END:\(open.name); \(open.name) is read up to the end", open.line)
            close(into: &stack)
        }
        return roots
    }
}
