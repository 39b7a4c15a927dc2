/** Errors as values, with OPA's codes and a `file:row:col` location. */
export interface Location {
  readonly file: string;
  readonly row: number;
  readonly col: number;
}

export type RegoErrorCode =
  | "rego_parse_error"
  | "rego_compile_error"
  | "rego_type_error"
  | "rego_unsafe_var_error"
  | "rego_recursion_error"
  | "eval_conflict_error"
  | "eval_builtin_error"
  | "eval_type_error"
  | "eval_limit_error"
  | "eval_internal_error";

export interface RegoError {
  code: RegoErrorCode | string;
  message: string;
  location?: Location;
}

/** Thrown inside the compiler and evaluator; caught at the API boundary and returned as a value. */
export class RegoFailure extends Error {
  constructor(readonly error: RegoError) {
    super(formatError(error));
  }
}

export function regoError(code: RegoErrorCode, message: string, location?: Location): RegoError {
  return location ? { code, message, location: { file: location.file, row: location.row, col: location.col } } : { code, message };
}

export function fail(code: RegoErrorCode, message: string, location?: Location): never {
  throw new RegoFailure(regoError(code, message, location));
}

/** `file:row:col: code: message`, as `opa check` prints errors. */
export function formatError(e: RegoError): string {
  const loc = e.location ? `${e.location.file}:${e.location.row}:${e.location.col}: ` : "";
  return `${loc}${e.code}: ${e.message}`;
}
