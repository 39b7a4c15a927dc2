/**
 * Rego for Monaco: a Monarch tokenizer and the language configuration (comments, brackets,
 * auto-closing). Pure data, so it is unit-testable and the editor component stays thin.
 */
import type { languages } from "monaco-editor";

export const REGO_LANGUAGE_ID = "rego";

/** Rego v1 keywords (`if`, `contains`, `in`, `every` need no import in v1). */
export const REGO_KEYWORDS = [
  "package",
  "import",
  "default",
  "if",
  "else",
  "contains",
  "in",
  "some",
  "every",
  "not",
  "with",
  "as",
] as const;

export const REGO_CONSTANTS = ["true", "false", "null"] as const;

/**
 * The Monarch grammar. `builtins` are the registry's function names (e.g. `count`,
 * `semver.compare`); a dotted builtin is highlighted as one token.
 */
export function regoMonarchLanguage(builtins: readonly string[]): languages.IMonarchLanguage {
  return {
    defaultToken: "",
    tokenPostfix: ".rego",
    keywords: [...REGO_KEYWORDS],
    constants: [...REGO_CONSTANTS],
    builtins: [...builtins],
    operators: [":=", "=", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%", "&", "|"],
    symbols: /[=><!:&|+\-*/%]+/,
    escapes: /\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4})/,
    tokenizer: {
      root: [
        // Names and dotted names: keywords, constants, builtins (`object.get`), input, variables.
        [
          /[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*/,
          {
            cases: {
              "@keywords": "keyword",
              "@constants": "constant",
              "@builtins": "predefined",
              "input|data|input\\..*|data\\..*": "variable.predefined",
              "@default": "identifier",
            },
          },
        ],
        { include: "@whitespace" },
        [/[{}()[\]]/, "@brackets"],
        [/[;,.]/, "delimiter"],
        [/@symbols/, { cases: { "@operators": "operator", "@default": "" } }],
        // Numbers: integers, decimals and exponents (a leading "-" is the unary operator).
        [/\d+\.\d+(?:[eE][+-]?\d+)?/, "number.float"],
        [/\d+[eE][+-]?\d+/, "number.float"],
        [/\d+/, "number"],
        // Strings: "..." with escapes, `...` raw strings spanning lines.
        [/"([^"\\]|\\.)*$/, "string.invalid"],
        [/"/, { token: "string.quote", bracket: "@open", next: "@string" }],
        [/`/, { token: "string.raw", bracket: "@open", next: "@rawstring" }],
      ],
      whitespace: [
        [/[ \t\r\n]+/, "white"],
        [/#.*$/, "comment"],
      ],
      string: [
        [/[^\\"]+/, "string"],
        [/@escapes/, "string.escape"],
        [/\\./, "string.escape.invalid"],
        [/"/, { token: "string.quote", bracket: "@close", next: "@pop" }],
      ],
      rawstring: [
        [/[^`]+/, "string.raw"],
        [/`/, { token: "string.raw", bracket: "@close", next: "@pop" }],
      ],
    },
  } as languages.IMonarchLanguage;
}

export const regoLanguageConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: "#" },
  brackets: [
    ["{", "}"],
    ["[", "]"],
    ["(", ")"],
  ],
  autoClosingPairs: [
    { open: "{", close: "}" },
    { open: "[", close: "]" },
    { open: "(", close: ")" },
    { open: '"', close: '"', notIn: ["string", "comment"] },
    { open: "`", close: "`", notIn: ["string", "comment"] },
  ],
  surroundingPairs: [
    { open: "{", close: "}" },
    { open: "[", close: "]" },
    { open: "(", close: ")" },
    { open: '"', close: '"' },
    { open: "`", close: "`" },
  ],
  // Dotted names are one word, so hover and completion see `object.get`, `input.Environment`.
  wordPattern: /(-?\d*\.\d\w*)|([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)/,
  indentationRules: {
    increaseIndentPattern: /^.*[{[(]\s*(#.*)?$/,
    decreaseIndentPattern: /^\s*[}\])]/,
  },
};
