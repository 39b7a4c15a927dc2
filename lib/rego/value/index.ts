export * from "./number";
export * from "./types";
export * from "./json";
