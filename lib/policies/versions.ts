import semver from "semver";

export const BUMPS = ["major", "minor", "patch"] as const;
export type Bump = (typeof BUMPS)[number];

/**
 * The version a bump makes, for the server that publishes and the dialog that shows it alike;
 * with nothing published yet only a major bump (to 1.0.0) is allowed: null otherwise.
 */
export function nextVersion(latest: string | null | undefined, bump: Bump): string | null {
  if (!latest) return bump === "major" ? "1.0.0" : null;
  return semver.inc(latest, bump);
}
