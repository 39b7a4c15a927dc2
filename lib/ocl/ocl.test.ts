import { describe, expect, it } from "vitest";
import { parseOcl, serializeOcl, type OclDocument, oclMeaning } from "@/lib/ocl";

function parsed(source: string): OclDocument {
  const r = parseOcl(source);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.document;
}

function errorOf(source: string) {
  const r = parseOcl(source);
  if (r.ok) throw new Error("expected a syntax error");
  return r.errors[0];
}

const SPEC_EXAMPLE = `name             = "Deployments - Manual intervention required"
description      = "Production deployments of ACME need a manual intervention"
violation_reason = "Add a Manual Intervention step before deploying"
violation_action = "block"            # "block" (default) or "warn"

scope {
    rego = <<-EOT
        package manual_intervention_required
        default evaluate := false
        evaluate if {
            input.Environment.Slug == "production"
            not input.Runbook
        }
    EOT
}

conditions {
    rego = <<-EOT
        package manual_intervention_required
        default result := {"allowed": false}
    EOT
}
`;

describe("parseOcl", () => {
  it("reads attributes and blocks of the manual intervention example with positions", () => {
    const doc = parsed(SPEC_EXAMPLE);
    expect(oclMeaning(doc.body)).toEqual([
      { name: "Deployments - Manual intervention required" },
      { description: "Production deployments of ACME need a manual intervention" },
      { violation_reason: "Add a Manual Intervention step before deploying" },
      { violation_action: "block" },
      {
        block: "scope",
        labels: [],
        body: [
          {
            rego:
              'package manual_intervention_required\ndefault evaluate := false\nevaluate if {\n    input.Environment.Slug == "production"\n    not input.Runbook\n}\n',
          },
        ],
      },
      { block: "conditions", labels: [], body: [{ rego: 'package manual_intervention_required\ndefault result := {"allowed": false}\n' }] },
    ]);
    const action = doc.body[3];
    expect(action).toMatchObject({ kind: "attribute", line: 4, column: 1, trailingComment: '# "block" (default) or "warn"' });
    const scope = doc.body[4];
    expect(scope).toMatchObject({ kind: "block", line: 6, column: 1 });
    if (scope.kind !== "block" || scope.body[0].kind !== "attribute") throw new Error("shape");
    expect(scope.body[0].value).toMatchObject({ line: 7, column: 12, heredoc: { marker: "EOT", dedent: true, contentLine: 8, indent: 8 } });
  });

  it("keeps indentation in <<EOT heredocs and removes the common indentation in <<-EOT ones", () => {
    const doc = parsed("a = <<EOT\n  x\n    y\nEOT\nb = <<-END\n      x\n\n        y\n   END\n");
    expect(oclMeaning(doc.body)).toEqual([{ a: "  x\n    y\n" }, { b: "x\n\n  y\n" }]);
  });

  it("decodes string escapes", () => {
    expect(oclMeaning(parsed('s = "a\\"b\\\\c\\nd\\te\\u00e9\\U0001F600"').body)).toEqual([{ s: 'a"b\\c\nd\te\u00e9\u{1F600}' }]);
  });

  it("reads numbers, booleans, lists, labels and comments of both kinds", () => {
    const doc = parsed(`// top\ncount = -12.5e2\nflags = [true, false,\n  # inside\n  3, "x",]\nstep "deploy" other {\n  enabled = false // off\n}\n`);
    expect(oclMeaning(doc.body)).toEqual([
      { count: -1250 },
      { flags: [true, false, 3, "x"] },
      { block: "step", labels: ["deploy", "other"], body: [{ enabled: false }] },
    ]);
    expect(doc.body[0]).toEqual({ kind: "comment", text: "// top", line: 1, column: 1 });
  });

  it("accepts CRLF line endings and a block on one line", () => {
    expect(oclMeaning(parsed('a = "x"\r\nb { c = 1 }\r\n').body)).toEqual([{ a: "x" }, { block: "b", labels: [], body: [{ c: 1 }] }]);
  });

  it.each([
    ['name = "abc', "ocl_unterminated_string", 1, 8],
    ['name = "a\\qb"', "ocl_invalid_escape", 1, 10],
    ["scope {\n  rego = <<-EOT\n    package x\n", "ocl_unterminated_heredoc", 2, 10],
    ["a = << EOT\n", "ocl_invalid_heredoc", 1, 5],
    ["scope {\n  a = 1\n", "ocl_unexpected_token", 3, 1],
    ["a = 1 b = 2", "ocl_unexpected_token", 1, 7],
    ["a = nope", "ocl_unexpected_token", 1, 5],
    ["a = 1\n}\n", "ocl_unexpected_token", 2, 1],
    ["a = [1 2]", "ocl_unexpected_token", 1, 8],
    ["a = 1\nb = 2\na = 3\n", "ocl_duplicate_attribute", 3, 1],
    ["a = 1\n@\n", "ocl_unexpected_character", 2, 1],
    ["scope\n{\n}\n", "ocl_unexpected_token", 1, 6],
  ] as const)("reports %j as %s at %i:%i", (source, code, line, column) => {
    const error = errorOf(source);
    expect(error).toMatchObject({ code, line, column });
    expect(error.message.length).toBeGreaterThan(10);
  });
});

describe("serializeOcl", () => {
  it("writes the manual intervention example in its own layout", () => {
    expect(serializeOcl(parsed(SPEC_EXAMPLE))).toBe(SPEC_EXAMPLE.replace('"block"            #', '"block" #'));
  });

  it("aligns attributes, indents blocks by 4 spaces and separates sections by a blank line", () => {
    const source = 'x=1\nlonger_name="v"\n# about b\nb "l" {\nk=[1,"two"]\nrego="line\\n  more\\n"\ninner {\n}\n}\n';
    expect(serializeOcl(parsed(source))).toBe(
      'x           = 1\nlonger_name = "v"\n\n# about b\nb "l" {\n    k    = [1, "two"]\n    rego = <<-EOT\n        line\n          more\n    EOT\n\n    inner {\n    }\n}\n',
    );
  });

  it.each([
    ["text that starts indented", "  a\n    b\n"],
    ["only whitespace lines", "   \n\n"],
    ["a line equal to the marker", "a\n  EOT\n"],
    ["no final line break", "a\nb"],
    ["control characters", "a\u0001\n"],
    ["quotes, backslashes and tabs", 'say "hi" \\ \t\n'],
    ["template-looking text", "${x} %{y}"],
  ])("keeps the meaning of a string with %s", (_, text) => {
    const doc: OclDocument = { body: [{ kind: "attribute", name: "s", value: { kind: "string", value: text, line: 1, column: 1 }, line: 1, column: 1 }] };
    expect(oclMeaning(parsed(serializeOcl(doc)).body)).toEqual([{ s: text }]);
  });

  it("keeps the meaning of a document through parse, serialize, parse", () => {
    const source = `# header\na = 1\nlist = [\n "a", "b",\n]\nouter "x" {\n  # inside\n  inner { v = true } # after\n  code = <<-EOT\n    if x {\n      y\n    }\n  EOT\n}\n`;
    const once = serializeOcl(parsed(source));
    expect(oclMeaning(parsed(once).body)).toEqual(oclMeaning(parsed(source).body));
    expect(serializeOcl(parsed(once))).toBe(once);
    expect(once).toContain("# header");
    expect(once).toContain("    # inside");
    expect(once).toContain("    } # after");
  });
});
