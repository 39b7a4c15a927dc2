/**
 * What the editor tells you about Rego builtins: a signature for every builtin in the registry,
 * and a one-line description for the ones policies use most. Our own words, not OPA's.
 */
import type { BuiltinDecl, TypeSpec } from "@/lib/rego/builtins/types";

export const BUILTIN_DOCS: Readonly<Record<string, string>> = {
  count: "Number of elements in an array, set or object, or characters in a string.",
  sum: "Sum of the numbers in an array or set.",
  product: "Product of the numbers in an array or set.",
  max: "Largest element of an array or set; undefined when empty.",
  min: "Smallest element of an array or set; undefined when empty.",
  sort: "The elements of an array or set as a sorted array.",
  all: "True when every element of an array or set is true.",
  any: "True when at least one element of an array or set is true.",
  concat: "Joins an array or set of strings with a delimiter.",
  split: "Splits a string at every occurrence of a delimiter.",
  contains: "True when the string contains the search string.",
  startswith: "True when the string starts with the prefix.",
  endswith: "True when the string ends with the suffix.",
  lower: "The string in lower case.",
  upper: "The string in upper case.",
  replace: "Replaces every occurrence of old with new in the string.",
  trim: "Removes the given characters from both ends of a string.",
  trim_space: "Removes leading and trailing white space.",
  trim_prefix: "Removes a prefix from a string, when present.",
  trim_suffix: "Removes a suffix from a string, when present.",
  substring: "Part of a string from an offset with a length (-1: to the end).",
  indexof: "Index of the first occurrence of a substring, or -1.",
  sprintf: "Formats values with Go's fmt verbs, e.g. sprintf(\"%s is %d\", [name, n]).",
  format_int: "Formats an integer in base 2, 8, 10 or 16.",
  to_number: "Converts a string, boolean or null to a number.",
  "strings.any_prefix_match": "True when any of the strings starts with any of the prefixes.",
  "strings.any_suffix_match": "True when any of the strings ends with any of the suffixes.",
  "strings.replace_n": "Replaces several substrings at once, from an object of old: new pairs.",
  "object.get": "Value at a key (or path) of an object, or the default when absent.",
  "object.keys": "The keys of an object as a set.",
  "object.remove": "The object without the given keys.",
  "object.union": "Merges two objects; the second wins on conflicts.",
  "object.filter": "The object with only the given keys.",
  "array.concat": "Joins two arrays.",
  "array.slice": "Part of an array from a start index up to (not including) a stop index.",
  "array.reverse": "The array in reverse order.",
  union: "Union of a set of sets.",
  intersection: "Intersection of a set of sets.",
  "regex.match": "True when the string matches the RE2 regular expression.",
  re_match: "True when the string matches the RE2 regular expression (older name of regex.match).",
  "regex.split": "Splits a string at every match of a regular expression.",
  "regex.replace": "Replaces every match of a regular expression.",
  "regex.find_n": "Up to n matches of a regular expression (-1: all).",
  "glob.match": "True when the string matches the glob pattern, with optional delimiters.",
  "semver.compare": "Compares two semantic versions: -1, 0 or 1.",
  "semver.is_valid": "True when the value is a valid semantic version.",
  "json.marshal": "Serializes a value as JSON text.",
  "json.unmarshal": "Parses JSON text into a value.",
  "json.is_valid": "True when the string is valid JSON.",
  "yaml.unmarshal": "Parses YAML text into a value.",
  "base64.encode": "Base64 encoding of a string.",
  "base64.decode": "Decodes a base64 string.",
  "time.now_ns": "Current time in nanoseconds since the epoch (fixed for one evaluation).",
  "time.parse_rfc3339_ns": "Parses an RFC 3339 timestamp to nanoseconds since the epoch.",
  "time.weekday": "Day of the week of a time in nanoseconds, e.g. \"Monday\".",
  "time.clock": "[hour, minute, second] of a time in nanoseconds.",
  "time.date": "[year, month, day] of a time in nanoseconds.",
  "time.add_date": "Adds years, months and days to a time in nanoseconds.",
  "time.parse_duration_ns": "Parses a Go duration such as \"1h30m\" to nanoseconds.",
  type_name: "The type of a value: \"string\", \"number\", \"array\", ...",
  is_string: "True when the value is a string.",
  is_number: "True when the value is a number.",
  is_array: "True when the value is an array.",
  is_object: "True when the value is an object.",
  is_set: "True when the value is a set.",
  is_boolean: "True when the value is a boolean.",
  is_null: "True when the value is null.",
  walk: "Visits every [path, value] pair of a nested value.",
  "numbers.range": "Array of integers from a to b, inclusive.",
  abs: "Absolute value of a number.",
  round: "Rounds a number to the nearest integer.",
  ceil: "Rounds a number up.",
  floor: "Rounds a number down.",
  "units.parse_bytes": "Parses a byte size such as \"10MB\" or \"1KiB\" to a number of bytes.",
};

/** `array[string]`, `object[string: any]`, `string | number`: OPA's notation for types. */
export function formatType(type: TypeSpec): string {
  switch (type.kind) {
    case "array":
      return `array[${formatType(type.of)}]`;
    case "set":
      return `set[${formatType(type.of)}]`;
    case "object":
      return type.key.kind === "any" && type.value.kind === "any" ? "object" : `object[${formatType(type.key)}: ${formatType(type.value)}]`;
    case "union":
      return type.of.map(formatType).join(" | ");
    default:
      return type.kind;
  }
}

/** `count(collection: array | set | object | string) -> number`, with positional names. */
export function formatSignature(name: string, decl: BuiltinDecl): string {
  const args = decl.args.map((arg, i) => `x${i + 1}: ${formatType(arg)}`);
  if (decl.variadic) args.push(`...${formatType(decl.variadic)}`);
  return `${name}(${args.join(", ")}) -> ${formatType(decl.result)}`;
}

export function builtinDoc(name: string): string | undefined {
  return BUILTIN_DOCS[name] || undefined;
}
