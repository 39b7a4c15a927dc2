export { parseOcl } from "./parser";
export { serializeOcl } from "./serializer";
export type * from "./types";
export { oclMeaning } from "./meaning";
