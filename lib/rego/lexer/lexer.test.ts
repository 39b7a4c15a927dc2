import { describe, expect, it } from "vitest";
import { RegoFailure } from "../errors";
import { tokenize } from "./index";

describe("lexer", () => {
  it("produces tokens with 1-based rows and columns and newline flags", () => {
    const toks = tokenize('package a\n\nx := "hi" # comment\ny[1] != 2.5e3', "t.rego");
    const simple = toks.map((t) => [t.kind, t.text, t.row, t.col, t.nl]);
    expect(simple.slice(0, 6)).toEqual([
      ["ident", "package", 1, 1, false],
      ["ident", "a", 1, 9, false],
      ["ident", "x", 3, 1, true],
      ["op", ":=", 3, 3, false],
      ["string", "hi", 3, 6, false],
      ["ident", "y", 4, 1, true],
    ]);
    expect(toks.find((t) => t.kind === "number")?.text).toBe("1");
    expect(toks.filter((t) => t.kind === "number").map((t) => t.text)).toEqual(["1", "2.5e3"]);
    expect(toks.at(-1)?.kind).toBe("eof");
  });

  it("decodes escapes and keeps raw strings verbatim, counting their lines", () => {
    const toks = tokenize('"a\\n\\u00e9\\"" `x\\n\ny` z', "t.rego");
    expect(toks[0].text).toBe('a\né"');
    expect(toks[1].kind).toBe("rawstring");
    expect(toks[1].text).toBe("x\\n\ny");
    expect([toks[2].row, toks[2].col]).toEqual([2, 4]);
  });

  it("reports illegal tokens and unterminated strings with their location", () => {
    const bad = (src: string) => {
      try {
        tokenize(src, "f.rego");
      } catch (e) {
        return (e as RegoFailure).error;
      }
      return undefined;
    };
    expect(bad("x := 1\ny := $")).toMatchObject({ code: "rego_parse_error", location: { file: "f.rego", row: 2, col: 6 } });
    expect(bad('x := "abc')).toMatchObject({ code: "rego_parse_error", message: "non-terminated string", location: { row: 1, col: 6 } });
  });
});
