// Outside a production build (vitest, tsx scripts, next dev) the worker runs from its TypeScript
// source through tsx, so it is always the code of the working tree.
require("tsx/cjs");
require("./worker.ts");
