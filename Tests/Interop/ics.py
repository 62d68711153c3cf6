"""A deliberately small reader of iCalendar text for checks on the raw file: content lines,
components and parameters, with no calendar library in between."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Line:
    name: str
    params: dict[str, str]
    value: str


@dataclass
class Component:
    name: str
    lines: list[Line] = field(default_factory=list)
    children: list["Component"] = field(default_factory=list)

    def all(self, name: str) -> list[Line]:
        return [line for line in self.lines if line.name == name]

    def one(self, name: str) -> Line:
        found = self.all(name)
        assert len(found) == 1, f"{self.name} has {len(found)} {name}"
        return found[0]

    def value(self, name: str) -> str | None:
        found = self.all(name)
        return found[0].value if found else None

    def walk(self, name: str) -> list["Component"]:
        found = [self] if self.name == name else []
        for child in self.children:
            found += child.walk(name)
        return found


def unfold(text: str) -> list[str]:
    """RFC 5545 §3.1: a CRLF followed by one space or tab continues the line."""
    lines: list[str] = []
    for raw in text.split("\r\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    return lines


def split_line(line: str) -> Line:
    # Parameter values here never hold quoted ':' or ';', so a plain split is exact.
    head, _, value = line.partition(":")
    name, *params = head.split(";")
    return Line(name.upper(), dict(param.split("=", 1) for param in params), value)


def parse(text: str) -> Component:
    stack: list[Component] = []
    root: Component | None = None
    for raw in unfold(text):
        line = split_line(raw)
        if line.name == "BEGIN":
            component = Component(line.value.upper())
            if stack:
                stack[-1].children.append(component)
            else:
                root = component
            stack.append(component)
        elif line.name == "END":
            assert stack and stack[-1].name == line.value.upper(), f"END:{line.value} does not close {stack[-1].name if stack else 'anything'}"
            stack.pop()
        else:
            assert stack, f"a property outside any component: {raw}"
            stack[-1].lines.append(line)
    assert root is not None and not stack, "the text is not one complete component"
    return root


def unescape(value: str) -> str:
    """TEXT values (RFC 5545 §3.3.11)."""
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)
