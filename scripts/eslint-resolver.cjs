// Resolves the app's `@/...` imports (tsconfig "paths") for ESLint's import-aware rules, so the
// boundary rule sees which folder an import points at; everything else is Node's resolution.
const path = require("node:path");
const node = require("eslint-import-resolver-node");

const ROOT = path.resolve(__dirname, "..");
const EXTENSIONS = [".ts", ".tsx", ".mts", ".js", ".mjs", ".cjs", ".json"];

exports.interfaceVersion = 2;
exports.resolve = (source, file) => {
  const target = source.startsWith("@/") ? path.join(ROOT, source.slice(2)) : source;
  return node.resolve(target, file, { extensions: EXTENSIONS });
};
