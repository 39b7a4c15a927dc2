/** Whether Prisma refused a write for breaking a unique constraint (its error code P2002), on either dialect. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}
