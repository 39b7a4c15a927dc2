/**
 * Whether an execution needs an approved change request (the input's `RequiresApproval`): the
 * project asks for change approval and the environment is change controlled.
 */
export function requiresApproval(project: { requiresChangeApproval: boolean }, environment: { isChangeControlled: boolean }): boolean {
  return project.requiresChangeApproval && environment.isChangeControlled;
}
