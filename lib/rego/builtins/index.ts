/**
 * Registers every builtin family. Each family module exports `builtins: BuiltinDef[]`;
 * add new families to this list.
 */
import { registerBuiltins } from "./registry";
import * as operators from "./operators";
import * as numbers from "./numbers";
import * as aggregates from "./aggregates";
import * as sets from "./sets";
import * as arrays from "./arrays";
import * as objects from "./objects";
import * as jsonpath from "./jsonpath";
import * as typechecks from "./typechecks";
import * as casts from "./casts";
import * as walk from "./walk";
import * as strings from "./strings";
import * as sprintf from "./sprintf";
import * as regex from "./regex";
import * as glob from "./glob";
import * as encoding from "./encoding";
import * as yaml from "./yaml";
import * as units from "./units";
import * as semver from "./semver";
import * as timefns from "./time";
import * as uuid from "./uuid";
import * as runtime from "./runtime";
import * as crypto from "./crypto";
import * as bits from "./bits";
import * as rand from "./rand";
import * as net from "./net";
import * as graph from "./graph";
import * as network from "./network";
import * as providers from "./providers";
import * as templates from "./templates";
import * as uri from "./uri";
import * as graphql from "./graphql";
import * as metadata from "./metadata";
import * as regoAst from "./rego-ast";
import * as jwt from "./jwt";
import * as jsonSchema from "./json-schema";
import * as x509 from "./x509";

const families: ReadonlyArray<{ builtins: readonly import("./registry").BuiltinDef[] }> = [
  operators,
  numbers,
  aggregates,
  sets,
  arrays,
  objects,
  jsonpath,
  typechecks,
  casts,
  walk,
  strings,
  sprintf,
  regex,
  glob,
  encoding,
  yaml,
  units,
  semver,
  timefns,
  uuid,
  runtime,
  crypto,
  bits,
  rand,
  net,
  graph,
  network,
  providers,
  templates,
  uri,
  graphql,
  metadata,
  regoAst,
  jwt,
  jsonSchema,
  x509,
];

registerBuiltins(families.flatMap((family) => family.builtins));

export { lookupBuiltin, allBuiltins, BuiltinError, type BuiltinDef, type BuiltinContext, type BuiltinImpl } from "./registry";
export { T, type TypeSpec, type BuiltinDecl } from "./types";
