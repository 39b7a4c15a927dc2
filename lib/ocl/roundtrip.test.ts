import { describe, expect, it } from "vitest";
import { parseOcl, serializeOcl, oclMeaning } from "@/lib/ocl";

/** Generates valid OCL documents with awkward strings, heredocs and comments, from a fixed seed. */
class DocumentGenerator {
  constructor(private seed: number) {}

  private random(): number {
    this.seed = (this.seed * 1103515245 + 12345) % 2 ** 31;
    return this.seed / 2 ** 31;
  }

  private pick<T>(xs: T[]): T {
    return xs[Math.floor(this.random() * xs.length)];
  }

  private text(): string {
    const parts = ["a", " ", "\t", '"', "\\", "\n", "${", "}", "#", "é", "\u0001", "EOT", "\r"];
    return Array.from({ length: Math.floor(this.random() * 8) }, () => this.pick(parts)).join("");
  }

  private heredoc(): string {
    const lines = Array.from({ length: Math.floor(this.random() * 4) }, () => this.pick(["", " ", "  x", "x", "    y {", "EOT2", "\tz"]));
    const dedent = this.random() < 0.6;
    const indent = dedent ? this.pick(["", "  ", "    "]) : "";
    return `<<${dedent ? "-" : ""}EOT\n${lines.map((l) => `${indent}${l}\n`).join("")}${indent}EOT`;
  }

  private value(nested: boolean): string {
    switch (Math.floor(this.random() * 5)) {
      case 0:
        return JSON.stringify(this.text());
      case 1:
        return String(Math.floor(this.random() * 100) - 50);
      case 2:
        return this.pick(["true", "false"]);
      case 3:
        return nested ? '"x"' : `[${Array.from({ length: Math.floor(this.random() * 3) }, () => this.value(true)).join(", ")}]`;
      default:
        return nested ? '""' : this.heredoc();
    }
  }

  body(depth = 0, indent = ""): string {
    const names = new Set<string>();
    let out = "";
    for (let i = Math.floor(this.random() * 4); i > 0; i--) {
      const r = this.random();
      if (r < 0.15) {
        out += `${indent}${this.pick(["# c", "// d", "/* e */"])}\n`;
      } else if (r < 0.35 && depth < 2) {
        const label = this.random() < 0.3 ? ' "label"' : "";
        out += `${indent}${this.pick(["scope", "b"])}${label} {\n${this.body(depth + 1, `${indent}  `)}${indent}}\n`;
      } else {
        const name = this.pick(["name", "x", "long_name"]);
        if (names.has(name)) continue;
        names.add(name);
        const value = this.value(false);
        const comment = !value.startsWith("<<") && this.random() < 0.2 ? " # t" : "";
        out += `${indent}${name} = ${value}${comment}\n`;
      }
    }
    return out;
  }
}

describe("OCL round trip on generated documents", () => {
  it("keeps the meaning and reaches a fixed point after one serialization", () => {
    const generator = new DocumentGenerator(7);
    for (let n = 0; n < 3000; n++) {
      const source = generator.body();
      const first = parseOcl(source);
      if (!first.ok) throw new Error(`${JSON.stringify(source)}: ${JSON.stringify(first.errors)}`);
      const written = serializeOcl(first.document);
      const second = parseOcl(written);
      if (!second.ok) throw new Error(`${JSON.stringify(written)}: ${JSON.stringify(second.errors)}`);
      expect(oclMeaning(second.document.body), JSON.stringify(source)).toEqual(oclMeaning(first.document.body));
      expect(serializeOcl(second.document)).toBe(written);
    }
  });
});
