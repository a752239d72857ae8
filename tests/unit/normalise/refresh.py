#!/usr/bin/env python3
# refresh.py - recomputes the outputs of console.pairs and keys.pairs here
# with the oracle itself (its --normalise mode and its parse_plan()), so
# the pairs follow the oracle if it changes; prints the pairs that did.
# Usage: tests/unit/normalise/refresh.py [path/to/ipxe-oracle]
# Add a pair by appending "= NAME", the escaped input and any third line.
import importlib.machinery
import importlib.util
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    HERE, "..", "..", "..", "..", "shared", "tools", "ipxe-oracle")
ESC = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
       "\x1b": "\\e"}
UNESC = {"\\": "\\", "n": "\n", "r": "\r", "t": "\t", "b": "\b",
         "e": "\x1b"}


def escape(data):
    out = []
    for x in data:
        c = chr(x)
        if c in ESC:
            out.append(ESC[c])
        elif 0x20 <= x < 0x7f:
            out.append(c)
        else:
            out.append("\\x%02x" % x)
    return "".join(out)


def unescape(text):
    out = bytearray()
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            n = text[i + 1]
            if n == "x":
                out.append(int(text[i + 2:i + 4], 16))
                i += 4
                continue
            out += UNESC.get(n, n).encode("latin-1")
            i += 2
            continue
        out += c.encode("latin-1")
        i += 1
    return bytes(out)


def normalise(raw):
    p = subprocess.run([ORACLE, "--normalise", "-"], input=raw,
                       capture_output=True, check=True)
    return escape(p.stdout)


def key_bytes(oracle, plan):
    with tempfile.NamedTemporaryFile("wb", delete=False) as t:
        t.write(plan)
    try:
        with open(t.name) as f:
            steps = oracle.parse_plan(f.readlines())
        return escape(b"".join(b"".join(arg) for kind, arg in steps
                               if kind == "send"))
    except (ValueError, UnicodeError):
        return "ERROR"
    finally:
        os.unlink(t.name)


def refresh(path, compute):
    lines = open(path, encoding="latin-1").read().split("\n")
    first = next(i for i, l in enumerate(lines) if l.startswith("= "))
    head, body = lines[:first], lines[first:]
    out = head[:]
    i = 0
    while i < len(body):
        if not body[i].startswith("= "):
            i += 1
            continue
        name, raw = body[i], body[i + 1]
        old = body[i + 2] if i + 2 < len(body) and \
            not body[i + 2].startswith("= ") else None
        new = compute(unescape(raw))
        if new != old:
            print("%s: %s changed" % (os.path.basename(path), name[2:]))
        out += [name, raw, new]
        i += 3 if old is not None else 2
    with open(path, "w", encoding="latin-1") as f:
        f.write("\n".join(out) + "\n")


def main():
    loader = importlib.machinery.SourceFileLoader("oracle", ORACLE)
    spec = importlib.util.spec_from_loader("oracle", loader)
    oracle = importlib.util.module_from_spec(spec)
    loader.exec_module(oracle)
    refresh(os.path.join(HERE, "console.pairs"), normalise)
    refresh(os.path.join(HERE, "keys.pairs"),
            lambda plan: key_bytes(oracle, plan))


if __name__ == "__main__":
    main()
