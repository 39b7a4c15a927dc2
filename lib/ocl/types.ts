/** Syntax tree of an OCL document: the HCL-like language Octopus uses for configuration as code. */

export type OclPosition = { line: number; column: number };

export type OclErrorCode =
  | "ocl_unexpected_character"
  | "ocl_unterminated_string"
  | "ocl_invalid_escape"
  | "ocl_unterminated_heredoc"
  | "ocl_invalid_heredoc"
  | "ocl_unexpected_token"
  | "ocl_duplicate_attribute";

export type OclError = { code: OclErrorCode; message: string } & OclPosition;

/** Where a heredoc's content starts, so positions inside the string map back to the file. */
export type OclHeredoc = {
  marker: string;
  /** `<<-` form: the common leading indentation was removed from the content lines. */
  dedent: boolean;
  /** File line of the first content line. */
  contentLine: number;
  /** Number of indentation characters removed from each content line. */
  indent: number;
};

export type OclString = { kind: "string"; value: string; heredoc?: OclHeredoc } & OclPosition;
export type OclNumber = { kind: "number"; value: number; raw: string } & OclPosition;
export type OclBool = { kind: "bool"; value: boolean } & OclPosition;
export type OclList = { kind: "list"; items: OclValue[] } & OclPosition;
export type OclValue = OclString | OclNumber | OclBool | OclList;

export type OclAttribute = {
  kind: "attribute";
  name: string;
  value: OclValue;
  /** A comment on the same line, after the value, as written (`# ...` or `// ...`). */
  trailingComment?: string;
} & OclPosition;

export type OclBlock = {
  kind: "block";
  type: string;
  labels: string[];
  body: OclItem[];
  trailingComment?: string;
} & OclPosition;

/** A comment on a line of its own, kept so that formatting a file does not lose it. */
export type OclComment = { kind: "comment"; text: string } & OclPosition;

export type OclItem = OclAttribute | OclBlock | OclComment;

export type OclDocument = { body: OclItem[] };

export type OclParseResult = { ok: true; document: OclDocument } | { ok: false; errors: OclError[] };
