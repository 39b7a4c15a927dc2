/**
 * The builtins of OPA v1.20.2 (`capabilities/v1.20.2.json` in open-policy-agent/opa, the latest
 * v1.x release there), as facts: each name with its declared signature, written in OPA's type
 * notation (the one `opa capabilities` and the policy reference print):
 *
 *   number, string, boolean, null, any        scalars and the top type
 *   any<A, B>                                 one of A, B
 *   array[T], set[T], object[K: V]            dynamic collections
 *   array<A, B>, object<k: A>[K: V]           static parts (fixed positions / named keys)
 *
 * `(...any)` is a variadic call, a missing `=> T` a builtin without a result (`print`).
 * Flags: `deprecated` (rejected in v1 modules), `nondeterministic`, `relation`, `infix`.
 * This list is what `lib/rego/README.md`'s builtin table and the declaration test
 * (`capabilities.test.ts`) are checked against; to follow a newer OPA, update it from the new
 * capabilities file and run `npm run rego:builtins`.
 */

export const OPA_CAPABILITIES_VERSION = "v1.20.2";

export interface OpaBuiltin {
  readonly name: string;
  readonly sig: string;
  readonly deprecated?: true;
  readonly nondeterministic?: true;
  readonly relation?: true;
  readonly infix?: string;
}

const COLL = "any<array[any], set[any]>";
const OBJ = "object[any: any]";
const SOBJ = "object[string: any]";
const PATHS = "any<array[any<string, array[any]>], set[any<string, array[any]>]>";
const KEYS = `any<array[any], ${OBJ}, set[any]>`;
const STRS = "any<string, array[string], set[string]>";
const TIME = "any<number, array<number, string>>";
const GRAPH = `object[any: ${COLL}]`;
const GQL = `any<string, ${OBJ}>`;
const CIDRS = "any<string, array[any<string, array[any]>], object[string: any<string, array[any]>], set[any<string, array[any]>]>";
const X509 = `array<boolean, array[${SOBJ}]>`;

const fn = (name: string, sig: string, flags: Omit<OpaBuiltin, "name" | "sig"> = {}): OpaBuiltin => ({ name, sig, ...flags });
const str1 = (name: string, result = "string") => fn(name, `(string) => ${result}`);
const str2 = (name: string, result = "string") => fn(name, `(string, string) => ${result}`);
const num2 = (name: string, infix?: string) => fn(name, "(number, number) => number", infix ? { infix } : {});
const cmp = (name: string, infix: string) => fn(name, "(any, any) => boolean", { infix });
const is = (name: string) => fn(name, "(any) => boolean");
const jwtVerify = (alg: string) => str2(`io.jwt.verify_${alg}`, "boolean");

export const OPA_BUILTINS: readonly OpaBuiltin[] = [
  fn("abs", "(number) => number"),
  fn("all", `(${COLL}) => boolean`, { deprecated: true }),
  fn("and", "(set[any], set[any]) => set[any]", { infix: "&" }),
  fn("any", `(${COLL}) => boolean`, { deprecated: true }),
  fn("array.concat", "(array[any], array[any]) => array[any]"),
  fn("array.flatten", "(array[any]) => array[any]"),
  fn("array.reverse", "(array[any]) => array[any]"),
  fn("array.slice", "(array[any], number, number) => array[any]"),
  fn("assign", "(any, any) => boolean", { infix: ":=" }),
  str1("base64.decode"),
  str1("base64.encode"),
  str1("base64.is_valid", "boolean"),
  str1("base64url.decode"),
  str1("base64url.encode"),
  str1("base64url.encode_no_pad"),
  num2("bits.and"),
  num2("bits.lsh"),
  fn("bits.negate", "(number) => number"),
  num2("bits.or"),
  num2("bits.rsh"),
  num2("bits.xor"),
  fn("cast_array", "(any) => array[any]", { deprecated: true }),
  fn("cast_boolean", "(any) => boolean", { deprecated: true }),
  fn("cast_null", "(any) => null", { deprecated: true }),
  fn("cast_object", `(any) => ${OBJ}`, { deprecated: true }),
  fn("cast_set", "(any) => set[any]", { deprecated: true }),
  fn("cast_string", "(any) => string", { deprecated: true }),
  fn("ceil", "(number) => number"),
  fn("concat", "(string, any<array[string], set[string]>) => string"),
  str2("contains", "boolean"),
  fn("count", `(any<string, array[any], ${OBJ}, set[any]>) => number`),
  str2("crypto.hmac.equal", "boolean"),
  str2("crypto.hmac.md5"),
  str2("crypto.hmac.sha1"),
  str2("crypto.hmac.sha256"),
  str2("crypto.hmac.sha512"),
  str1("crypto.md5"),
  str1("crypto.parse_private_keys", `array[${SOBJ}]`),
  str1("crypto.sha1"),
  str1("crypto.sha256"),
  str1("crypto.x509.parse_and_verify_certificates", X509),
  fn("crypto.x509.parse_and_verify_certificates_with_options", `(string, ${SOBJ}) => ${X509}`),
  str1("crypto.x509.parse_certificate_request", SOBJ),
  str1("crypto.x509.parse_certificates", `array[${SOBJ}]`),
  str2("crypto.x509.parse_keypair", SOBJ),
  str1("crypto.x509.parse_rsa_private_key", SOBJ),
  num2("div", "/"),
  str2("endswith", "boolean"),
  cmp("eq", "="),
  cmp("equal", "=="),
  fn("floor", "(number) => number"),
  fn("format_int", "(number, number) => string"),
  fn("glob.match", "(string, any<null, array[string]>, string) => boolean"),
  str1("glob.quote_meta"),
  fn("graph.reachable", `(${GRAPH}, ${COLL}) => set[any]`),
  fn("graph.reachable_paths", `(${GRAPH}, ${COLL}) => set[array[any]]`),
  fn("graphql.is_valid", `(${GQL}, ${GQL}) => boolean`),
  fn("graphql.parse", `(${GQL}, ${GQL}) => array<${OBJ}, ${OBJ}>`),
  fn("graphql.parse_and_verify", `(${GQL}, ${GQL}) => array<boolean, ${OBJ}, ${OBJ}>`),
  str1("graphql.parse_query", OBJ),
  str1("graphql.parse_schema", OBJ),
  fn("graphql.schema_is_valid", `(${GQL}) => boolean`),
  cmp("gt", ">"),
  cmp("gte", ">="),
  str1("hex.decode"),
  str1("hex.encode"),
  fn("http.send", `(${SOBJ}) => ${OBJ}`, { nondeterministic: true }),
  str2("indexof", "number"),
  str2("indexof_n", "array[number]"),
  fn("internal.member_2", "(any, any) => boolean", { infix: "in" }),
  fn("internal.member_3", "(any, any, any) => boolean", { infix: "in" }),
  fn("internal.print", "(array[set[any]])"),
  fn("internal.template_string", "(array[any]) => string"),
  fn("internal.test_case", "(array[any])"),
  fn("intersection", "(set[set[any]]) => set[any]"),
  str1("io.jwt.decode", `array<${OBJ}, ${OBJ}, string>`),
  fn("io.jwt.decode_verify", `(string, ${SOBJ}) => array<boolean, ${OBJ}, ${OBJ}>`, { nondeterministic: true }),
  fn("io.jwt.encode_sign", `(${SOBJ}, ${SOBJ}, ${SOBJ}) => string`, { nondeterministic: true }),
  fn("io.jwt.encode_sign_raw", "(string, string, string) => string", { nondeterministic: true }),
  jwtVerify("eddsa"),
  jwtVerify("es256"),
  jwtVerify("es384"),
  jwtVerify("es512"),
  jwtVerify("hs256"),
  jwtVerify("hs384"),
  jwtVerify("hs512"),
  jwtVerify("ps256"),
  jwtVerify("ps384"),
  jwtVerify("ps512"),
  jwtVerify("rs256"),
  jwtVerify("rs384"),
  jwtVerify("rs512"),
  is("is_array"),
  is("is_boolean"),
  is("is_null"),
  is("is_number"),
  is("is_object"),
  is("is_set"),
  is("is_string"),
  fn("json.filter", `(${OBJ}, ${PATHS}) => ${OBJ}`),
  str1("json.is_valid", "boolean"),
  fn("json.marshal", "(any) => string"),
  fn("json.marshal_with_options", "(any, object<indent: string, prefix: string, pretty: boolean>[string: any]) => string"),
  fn(
    "json.match_schema",
    `(${GQL}, ${GQL}) => array<boolean, array[object<desc: string, error: string, field: string, type: string>]>`,
  ),
  fn("json.patch", `(any, array[object<op: string, path: any>[any: any]]) => any`),
  fn("json.remove", `(${OBJ}, ${PATHS}) => ${OBJ}`),
  fn("json.unmarshal", "(string) => any"),
  fn("json.verify_schema", `(${GQL}) => array<boolean, any<null, string>>`),
  str1("lower"),
  cmp("lt", "<"),
  cmp("lte", "<="),
  fn("max", `(${COLL}) => any`),
  fn("min", `(${COLL}) => any`),
  fn("minus", "(any<number, set[any]>, any<number, set[any]>) => any<number, set[any]>", { infix: "-" }),
  num2("mul", "*"),
  cmp("neq", "!="),
  str2("net.cidr_contains", "boolean"),
  fn("net.cidr_contains_matches", `(${CIDRS}, ${CIDRS}) => set[array<any, any>]`),
  str1("net.cidr_expand", "set[string]"),
  str2("net.cidr_intersects", "boolean"),
  str1("net.cidr_is_valid", "boolean"),
  fn("net.cidr_merge", "(any<array[any<string>], set[string]>) => set[string]"),
  fn("net.cidr_overlap", "(string, string) => boolean", { deprecated: true }),
  fn("net.lookup_ip_addr", "(string) => set[string]", { nondeterministic: true }),
  fn("numbers.range", "(number, number) => array[number]"),
  fn("numbers.range_step", "(number, number, number) => array[number]"),
  fn("object.filter", `(${OBJ}, ${KEYS}) => ${OBJ}`),
  fn("object.get", `(${OBJ}, any, any) => any`),
  fn("object.keys", `(${OBJ}) => set[any]`),
  fn("object.remove", `(${OBJ}, ${KEYS}) => ${OBJ}`),
  fn("object.subset", `(${KEYS}, ${KEYS}) => boolean`),
  fn("object.union", `(${OBJ}, ${OBJ}) => ${OBJ}`),
  fn("object.union_n", `(array[${OBJ}]) => ${OBJ}`),
  fn("opa.runtime", `() => ${SOBJ}`, { nondeterministic: true }),
  fn("or", "(set[any], set[any]) => set[any]", { infix: "|" }),
  num2("plus", "+"),
  fn("print", "(...any)"),
  fn("product", "(any<array[number], set[number]>) => number"),
  fn("providers.aws.sign_req", `(${SOBJ}, ${SOBJ}, number) => ${OBJ}`),
  fn("rand.intn", "(string, number) => number", { nondeterministic: true }),
  fn("re_match", "(string, string) => boolean", { deprecated: true }),
  fn("regex.find_all_string_submatch_n", "(string, string, number) => array[array[string]]"),
  fn("regex.find_n", "(string, string, number) => array[string]"),
  str2("regex.globs_match", "boolean"),
  str1("regex.is_valid", "boolean"),
  str2("regex.match", "boolean"),
  fn("regex.replace", "(string, string, string) => string"),
  str2("regex.split", "array[string]"),
  fn("regex.template_match", "(string, string, string, string) => boolean"),
  fn("rego.metadata.chain", "() => array[any]"),
  fn("rego.metadata.rule", "() => any"),
  str2("rego.parse_module", SOBJ),
  num2("rem", "%"),
  fn("replace", "(string, string, string) => string"),
  fn("round", "(number) => number"),
  str2("semver.compare", "number"),
  fn("semver.is_valid", "(any) => boolean"),
  fn("set_diff", "(set[any], set[any]) => set[any]", { deprecated: true }),
  fn("sort", `(${COLL}) => array[any]`),
  str2("split", "array[string]"),
  fn("sprintf", "(string, array[any]) => string"),
  str2("startswith", "boolean"),
  fn("strings.any_prefix_match", `(${STRS}, ${STRS}) => boolean`),
  fn("strings.any_suffix_match", `(${STRS}, ${STRS}) => boolean`),
  str2("strings.count", "number"),
  fn("strings.render_template", `(string, ${SOBJ}) => string`),
  fn("strings.replace_n", "(object[string: string], string) => string"),
  str1("strings.reverse"),
  fn("strings.split_n", "(string, string, number) => array[string]"),
  fn("substring", "(string, number, number) => string"),
  fn("sum", "(any<array[number], set[number]>) => number"),
  fn("time.add_date", "(number, number, number, number) => number"),
  fn("time.clock", `(${TIME}) => array<number, number, number>`),
  fn("time.date", `(${TIME}) => array<number, number, number>`),
  fn("time.diff", `(${TIME}, ${TIME}) => array<number, number, number, number, number, number>`),
  fn("time.format", "(any<number, array<number, string>, array<number, string, string>>) => string"),
  fn("time.now_ns", "() => number", { nondeterministic: true }),
  str1("time.parse_duration_ns", "number"),
  str2("time.parse_ns", "number"),
  str1("time.parse_rfc3339_ns", "number"),
  fn("time.weekday", `(${TIME}) => string`),
  fn("to_number", "(any<null, boolean, number, string>) => number"),
  str1("trace", "boolean"),
  str2("trim"),
  str2("trim_left"),
  str2("trim_prefix"),
  str2("trim_right"),
  str1("trim_space"),
  str2("trim_suffix"),
  fn("type_name", "(any) => string"),
  fn("union", "(set[set[any]]) => set[any]"),
  str1("units.parse", "number"),
  str1("units.parse_bytes", "number"),
  str1("upper"),
  str1("uri.is_valid", "boolean"),
  str1("uri.parse", "object[string: string]"),
  str1("urlquery.decode"),
  str1("urlquery.decode_object", "object[string: array[string]]"),
  str1("urlquery.encode"),
  fn("urlquery.encode_object", `(object[string: ${STRS}]) => string`),
  str1("uuid.parse", SOBJ),
  fn("uuid.rfc4122", "(string) => string", { nondeterministic: true }),
  fn("walk", "(any) => array<array[any], any>", { relation: true }),
  str1("yaml.is_valid", "boolean"),
  fn("yaml.marshal", "(any) => string"),
  str1("yaml.unmarshal", "any"),
];
