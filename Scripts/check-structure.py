#!/usr/bin/env python3
"""The shape ARCHITECTURE.md promises, checked on every test run:

- every module a target imports is declared on that target in Package.swift;
- no module of Sources/ is over 3,500 lines, and FollowUpKit (the facade) stays under 2,000;
- iCalendar text (BEGIN:/END: literals) is written only in Sources/ICalendar, which owns libical;
- no NSLock (Mutex, actors or values instead), no force-unwrapped fetch;
- no message below FollowUpKit names a `followup` command: the facade adds that hint.

Reads `swift package dump-package` (run from the repository root); prints each violation and
exits 1 if there is any.
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Modules of the toolchain and the system, which no Package.swift declares.
SYSTEM = {"Foundation", "FoundationXML", "FoundationNetworking", "Glibc", "Musl", "Darwin", "Dispatch",
          "Synchronization", "Testing", "XCTest", "_Concurrency", "Observation"}
MODULE_LINE_LIMIT = 3500
FACADE_LINE_LIMIT = 2000
# The modules above the libraries, where a message may tell the user what to type.
SPEAKS_CLI = {"FollowUpKit", "FollowUpCLI"}
COMMANDS = ["plan", "card", "invite", "add", "edit", "done", "cancel", "remove", "list", "agenda", "draft", "profile",
            "import", "export", "feed", "serve", "remote", "sync", "contacts", "inbox", "help"]
IMPORT = re.compile(r"^\s*(?:@testable\s+|@_implementationOnly\s+)?(?:(?:public|package|internal)\s+)?import\s+(?:struct\s+|enum\s+|class\s+|func\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)


def swift_files(folder):
    for base, _, names in os.walk(folder):
        for name in names:
            if name.endswith(".swift"):
                yield os.path.join(base, name)


def main():
    package = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=ROOT, check=True,
                                        capture_output=True, text=True).stdout)
    problems = []
    for target in package["targets"]:
        if target["type"] == "system":
            continue
        name = target["name"]
        folder = target.get("path") or os.path.join("Tests" if target["type"] == "test" else "Sources", name)
        folder = os.path.join(ROOT, folder)
        declared = set()
        for dependency in target["dependencies"]:
            for kind in ("byName", "target", "product"):
                if kind in dependency:
                    declared.add(dependency[kind][0])
        lines = 0
        for path in swift_files(folder):
            text = open(path, encoding="utf-8").read()
            lines += text.count("\n")
            relative = os.path.relpath(path, ROOT)
            for module in IMPORT.findall(text):
                if module not in SYSTEM and module != name and module not in declared:
                    problems.append(f"{relative}: imports {module}, which Package.swift does not declare on {name}")
            code = "\n".join(line for line in text.split("\n") if not line.lstrip().startswith("//"))
            if "NSLock" in code:
                problems.append(f"{relative}: NSLock (use Mutex, an actor or a value)")
            if re.search(r"fetchOne\([^)]*\)!", code):
                problems.append(f"{relative}: a force-unwrapped fetch")
            if target["type"] != "test" and not folder.endswith(os.path.join("Sources", "ICalendar")):
                for match in re.finditer(r'"[^"\n]*\b(?:BEGIN|END):V(?:CALENDAR|EVENT|TODO|ALARM|TIMEZONE)', code):
                    problems.append(f"{relative}: iCalendar text outside Sources/ICalendar: {match.group(0)}")
            if target["type"] != "test" and name not in SPEAKS_CLI:
                # "followup feed layout" is the first line of the feed's hidden layout file, no command.
                for match in re.finditer(r"""["'`]followup (?:""" + "|".join(COMMANDS) + r")\b(?! layout)", code):
                    problems.append(f"{relative}: a message names a followup command ({match.group(0)}...): FollowUpKit adds that hint")
        if target["type"] != "test":
            limit = FACADE_LINE_LIMIT if name == "FollowUpKit" else MODULE_LINE_LIMIT
            if lines > limit:
                problems.append(f"Sources/{name}: {lines} lines, over the {limit} a module may have")
    for problem in problems:
        print(problem)
    print(f"structure: {len(problems)} problem(s) in {len(package['targets'])} targets")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
