export * from "./document";
export * from "./slug";
export { readPolicyFile, slugOfPath, fileLocationInModule, type PolicyFileRead, type RegoModuleLocation } from "./read";
export { writePolicyFile } from "./write";
export { validatePolicyFile, validatePolicyRead, type ValidateOptions } from "./validate";
export { outlineRego, withPackage, type RegoOutline } from "./rego-outline";
export { policyFromStarter } from "./create";
