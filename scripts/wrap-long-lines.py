#!/usr/bin/env python3
"""Wraps C# lines longer than .editorconfig's max_line_length, touching nothing else.

dotnet format cannot wrap lines. This script lets CSharpier (a formatter that can) re-print only the statements
that are too long: it formats a copy of each file, then takes from CSharpier's output only the changed regions
that contain an over-long line, so the rest of the file keeps its layout. Comments too long are reflowed at a word
boundary, and string literals too long are split into a concatenation that CSharpier then breaks. scripts/format.sh
runs it and then dotnet format, which settles the whitespace to the project's style.

usage: wrap-long-lines.py [--check] FILE...   (--check: only list the lines that are too long; exit 1 if any)
"""
import difflib
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def max_length():
    with open(os.path.join(ROOT, ".editorconfig"), encoding="utf-8") as f:
        section = None
        for line in f:
            line = line.strip()
            if line.startswith("["):
                section = line
            elif section == "[*.cs]" and line.startswith("max_line_length"):
                return int(line.split("=")[1])
    raise SystemExit(".editorconfig: no max_line_length in the [*.cs] section")


LIMIT = max_length()


def too_long(line):
    return len(line) > LIMIT


def reflow_comment(line):
    """A '//' or '///' line too long, split at word boundaries under the same prefix."""
    m = re.match(r"^(\s*///?\s?)(.*)$", line)
    if not m:
        return [line]
    prefix, text = m.group(1), m.group(2)
    if not prefix.endswith(" "):
        prefix += " "
    # Spaces inside an XML tag (<see cref="X"/>) do not break, so a tag stays on one line.
    out, words, current = [], re.findall(r"(?:<[^>]*>|[^ <])+|<", text), ""
    for word in words:
        candidate = word if not current else current + " " + word
        if len(prefix) + len(candidate) > LIMIT and current:
            out.append(prefix + current)
            current = word
        else:
            current = candidate
    out.append(prefix + current)
    return out


def string_literals(line):
    """(start, end, interpolated) of each regular or interpolated string literal (not verbatim or raw)."""
    i, found = 0, []
    while i < len(line):
        c = line[i]
        if line.startswith("//", i):
            break
        if c == "'":
            j = line.find("'", i + 2 if line[i + 1 : i + 2] == "\\" else i + 1)
            i = (j + 1) if j > 0 else i + 1
            continue
        if c == '"' or (c == "$" and line[i + 1 : i + 2] == '"'):
            interpolated = c == "$"
            start = i
            i += 2 if interpolated else 1
            if line.startswith('""', i) or (start > 0 and line[start - 1] in "@$"):
                return found  # raw or verbatim: left alone
            depth = 0
            while i < len(line):
                ch = line[i]
                if ch == "\\" and depth == 0:
                    i += 2
                    continue
                if interpolated and ch == "{":
                    if depth == 0 and line[i + 1 : i + 2] == "{":
                        i += 2
                        continue
                    depth += 1
                elif interpolated and ch == "}" and depth > 0:
                    depth -= 1
                elif ch == '"' and depth == 0:
                    break
                elif ch == '"' and depth > 0:
                    i = line.find('"', i + 1)  # a string inside a hole
                    if i < 0:
                        return found
                i += 1
            found.append((start, i + 1, interpolated))
        i += 1
    return found


def split_string(line):
    """The line with its longest string literal split in two at a space outside interpolation holes."""
    literals = [s for s in string_literals(line) if s[1] - s[0] > 40]
    if not literals:
        return line
    start, end, interpolated = max(literals, key=lambda s: s[1] - s[0])
    body_start = start + (2 if interpolated else 1)
    target = body_start + (end - 1 - body_start) // 2
    depth, best, i = 0, None, body_start
    while i < end - 1:
        ch = line[i]
        if ch == "\\":
            i += 2
            continue
        if interpolated and line.startswith("{{", i) and depth == 0:
            i += 2
            continue
        if interpolated and ch == "{":
            depth += 1
        elif interpolated and ch == "}":
            depth -= 1
        elif ch == " " and depth == 0 and i > body_start + 10 and i < end - 10:
            if best is None or abs(i - target) < abs(best - target):
                best = i
        i += 1
    if best is None:
        return line
    quote = '$"' if interpolated else '"'
    return line[: best + 1] + '" + ' + quote + line[best + 1 :]


def csharpier(texts):
    """CSharpier's output for each file's text (path -> text), formatted in a scratch folder at the project's width;
    None for a text that does not parse (CSharpier refuses it)."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, ".csharpierrc.json"), "w", encoding="utf-8") as f:
            f.write('{"printWidth": %d, "useTabs": false, "indentSize": 4, "endOfLine": "lf"}\n' % LIMIT)
        copies = {}
        for n, (path, text) in enumerate(texts.items()):
            copy = os.path.join(tmp, "f%d.cs" % n)
            with open(copy, "w", encoding="utf-8") as f:
                f.write(text)
            copies[path] = copy
        run = subprocess.run(["dotnet", "csharpier", "format", "--no-cache", tmp], cwd=ROOT,
                             capture_output=True, text=True)
        refused = set(re.findall(r"Error (\S+\.cs) - Was not formatted", run.stdout + run.stderr))
        if run.returncode != 0 and not refused:
            raise SystemExit("csharpier failed:\n" + run.stdout + run.stderr)
        for path, copy in copies.items():
            with open(copy, encoding="utf-8") as f:
                out[path] = None if copy in refused else f.read()
    return out


def token_prefix(lines):
    """For each line start, how many non-blank characters precede it (trailing commas before a closer not counted,
    since CSharpier adds them when it breaks a list)."""
    joined = "\x00".join(re.sub(r"\s+", "", line) for line in lines)
    joined = re.sub(r",(?=\x00*[\]})])", "", joined)
    prefix = [0]
    for part in joined.split("\x00"):
        prefix.append(prefix[-1] + len(part))
    return prefix


def take_long_regions(original, formatted):
    """Original lines, with each region CSharpier changed taken from its output if it held a line too long.

    Regions are cut only where both texts have reached the same point of the token stream, so an unchanged line
    that happens to match a different line (a lone brace) never splices two statements together.
    """
    a, b = original.split("\n"), formatted.split("\n")
    pa, pb = token_prefix(a), token_prefix(b)
    result, start_a, start_b = [], 0, 0

    def close(end_a, end_b):
        if any(too_long(line) for line in a[start_a:end_a]):
            taken = b[start_b:end_b]
            # CSharpier puts a blank line after a member it re-printed; the file's own spacing stays.
            while taken and taken[-1] == "" and (end_a == start_a or a[end_a - 1] != ""):
                taken.pop()
            result.extend(taken)
        else:
            result.extend(a[start_a:end_a])

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            continue
        anchor = next((k for k in range(i2 - i1) if pa[i1 + k] == pb[j1 + k]), None)
        if anchor is None:
            continue
        close(i1 + anchor, j1 + anchor)
        result.extend(a[i1 + anchor : i2])
        start_a, start_b = i2, j2
    close(len(a), len(b))
    return "\n".join(result)


def main(argv):
    check = "--check" in argv
    paths = [p for p in argv if p != "--check"]
    long_files = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if any(too_long(line) for line in text.split("\n")):
            long_files[path] = text
    if check:
        for path, text in long_files.items():
            for n, line in enumerate(text.split("\n"), 1):
                if too_long(line):
                    print("%s:%d: %d columns (limit %d)" % (os.path.relpath(path, ROOT), n, len(line), LIMIT))
        return 1 if long_files else 0
    # Comments first, then strings, each followed by CSharpier on the statements still too long.
    for path, text in long_files.items():
        lines = []
        for line in text.split("\n"):
            lines.extend(reflow_comment(line) if too_long(line) and line.lstrip().startswith("//") else [line])
        long_files[path] = "\n".join(lines)
    for _ in range(2):
        formatted = csharpier(long_files)
        for path in long_files:
            if formatted[path] is None:
                raise SystemExit("%s: CSharpier cannot parse it; fix it first" % path)
            long_files[path] = take_long_regions(long_files[path], formatted[path])
        # A string split that does not parse (a case the splitter misreads) is undone, file by file.
        split = {p: "\n".join(split_string(l) if too_long(l) else l for l in t.split("\n")) for p, t in long_files.items()}
        checked = csharpier(split)
        for path in long_files:
            if checked[path] is not None:
                long_files[path] = take_long_regions(split[path], checked[path])
            else:
                print("%s: a string split did not parse; its long strings are left to wrap by hand" % path)
    for path, text in long_files.items():
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
