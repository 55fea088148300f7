#!/usr/bin/env python3
"""The statement table and the grammar agree.

Everything about a statement except its grammar rule comes from its row in
JY_NODE_LIST (include/journey/ast.h).  The rule itself is bison's, so this
test reads grammar/journey.y and fails when the two disagree:
  - every row's token is declared (%token KW_X "keyword", with the row's
    keyword) and every keyword token belongs to a row;
  - every keyword token can be skipped by error recovery (junk_token);
  - every row's kind is built by some rule, and no rule builds a kind that
    has no row;
  - a row's block column matches its rules: NONE never takes a block,
    REQUIRED always does, OPTIONAL has rules with and without one.

    test_table.py SOURCE_DIR
"""
import os
import re
import sys

src = sys.argv[1]


def rows():
    with open(os.path.join(src, "include", "journey", "ast.h")) as f:
        text = f.read()
    body = text[text.index("#define JY_NODE_LIST(X)"):]
    body = body[:body.index("\n\n")]
    found = re.findall(r'X\((\w+),\s*"([a-z-]+)",\s*(\w+),\s*(NONE|OPTIONAL|REQUIRED),\s*(0|EVERY|[A-Z()| ]+?),', body)
    if len(found) != body.count("X("):
        sys.exit("FAIL: could not read every row of JY_NODE_LIST")
    return [dict(kind=k, kw=w, tok=t, block=b) for k, w, t, b, _ in found]


def grammar():
    with open(os.path.join(src, "grammar", "journey.y")) as f:
        text = f.read()
    decls, rules = text.split("\n%%\n")[:2]
    tokens = dict(re.findall(r'KW_(\w+)\s+"([a-z-]+)"', decls))
    def rule(name):
        m = re.search(r"^%s:\n(.*?)^  ;$" % name, rules, re.M | re.S)
        if not m:
            sys.exit("FAIL: no rule '%s' in journey.y" % name)
        return m.group(1)
    # Alternatives: "| SYMBOLS { action }" (a continued action's lines are
    # joined to their alternative).
    def alternatives(name):
        alts, cur = [], None
        for line in rule(name).splitlines():
            s = line.strip()
            if re.match(r"^(\||[A-Za-z%])", s) and not s.startswith("pa_") and (cur is None or s.startswith("|")):
                cur = [s.lstrip("| ").strip()]
                alts.append(cur)
            elif cur is not None:
                cur.append(s)
        return [" ".join(a) for a in alts]
    junk = set(re.findall(r"KW_(\w+)", rule("junk_token")))
    stmts = alternatives("stmt")
    groups = ("text_kw", "ident_kw", "item_kw", "lane_kw")
    by_group = {}   # nonterminal -> the kinds its keywords make
    for name in groups:
        for alt in alternatives(name):
            kind = re.search(r"JY_N_(\w+)", alt).group(1)
            by_group.setdefault(name, set()).add(kind)
    built = {}   # kind -> list of (takes a block)
    for alt in stmts:
        syms = alt.split("{")[0].split()
        kinds = set(re.findall(r"JY_N_(\w+)", alt))
        block = "block" in syms
        if syms[0] in groups:
            kinds = by_group[syms[0]]
        for k in kinds:
            built.setdefault(k, []).append(block)
    return tokens, junk, built


def main():
    table = rows()
    tokens, junk, built = grammar()
    fail = []
    kinds = {r["kind"] for r in table}
    toks = {r["tok"] for r in table}
    for r in table:
        if tokens.get(r["tok"]) != r["kw"]:
            fail.append("row %s: journey.y has no %%token KW_%s \"%s\"" % (r["kind"], r["tok"], r["kw"]))
        if r["tok"] not in junk:
            fail.append("row %s: KW_%s is missing from junk_token" % (r["kind"], r["tok"]))
        blocks = built.get(r["kind"])
        if not blocks:
            fail.append("row %s: no grammar rule builds JY_N_%s" % (r["kind"], r["kind"]))
            continue
        want = {"NONE": {False}, "REQUIRED": {True}, "OPTIONAL": {False, True}}[r["block"]]
        if set(blocks) != want:
            fail.append("row %s: block is %s but its rules %s" % (
                r["kind"], r["block"], "take a block" if True in blocks else "take none"))
    for t in tokens:
        if t not in toks:
            fail.append("%%token KW_%s belongs to no row of JY_NODE_LIST" % t)
    for k in built:
        if k not in kinds:
            fail.append("a rule builds JY_N_%s, which has no row" % k)
    if fail:
        sys.exit("FAIL:\n  " + "\n  ".join(fail))
    print("ok: %d rows, %d keyword tokens agree with the grammar" % (len(table), len(tokens)))


main()
