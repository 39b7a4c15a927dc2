/** Policy slugs: the file name, and the Rego package, of a policy. Fixed once the policy is saved. */

const SLUG = /^[a-z][a-z0-9_]*$/;
/** Slugs name files and Rego packages: short enough to read in a path and a log line. */
export const SLUG_MAX_LENGTH = 64;
/** The longest policy name the API stores. */
export const NAME_MAX_LENGTH = 200;
/** Words the policies API uses as paths of its own (/api/policies/starters, ...), so no policy can be called that. */
export const RESERVED_SLUGS: readonly string[] = ["starters", "branches", "validate", "test"];

export function isValidSlug(slug: string): boolean {
  return SLUG.test(slug) && slug.length <= SLUG_MAX_LENGTH && !RESERVED_SLUGS.includes(slug);
}

/** Why a slug is not valid, worded as what to change; null when it is valid. */
export function slugProblem(slug: string): string | null {
  if (slug === "") return "The slug is empty: use lower-case letters, digits and underscores, starting with a letter";
  if (isValidSlug(slug)) return null;
  if (RESERVED_SLUGS.includes(slug)) return `The slug "${slug}" is reserved by Policy Hub: choose another, e.g. "${slug}_policy"`;
  if (slug.length > SLUG_MAX_LENGTH) return `The slug has ${slug.length} characters: shorten it to at most ${SLUG_MAX_LENGTH}`;
  const proposal = proposeSlug(slug);
  const hint = proposal ? `, e.g. "${proposal}"` : "";
  if (slug.includes("-")) return `The slug "${slug}" contains "-": use underscores instead${hint}`;
  if (!/^[a-z]/.test(slug)) return `The slug "${slug}" must start with a lower-case letter${hint}`;
  return `The slug "${slug}" may only contain lower-case letters, digits and underscores${hint}`;
}

/** The slug a policy name suggests: lower case, every run of other characters becomes one "_", cut to the maximum length. */
export function proposeSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  // A Rego package cannot start with a digit.
  const prefixed = /^[0-9]/.test(slug) ? `policy_${slug}` : slug;
  const cut = prefixed.slice(0, SLUG_MAX_LENGTH).replace(/_+$/, "");
  return RESERVED_SLUGS.includes(cut) ? `${cut}_policy` : cut;
}
