/** Policy slugs: the file name, and the Rego package, of a policy. Fixed once the policy is saved. */

const SLUG = /^[a-z][a-z0-9_]*$/;

export function isValidSlug(slug: string): boolean {
  return SLUG.test(slug);
}

/** Why a slug is not valid, worded as what to change; null when it is valid. */
export function slugProblem(slug: string): string | null {
  if (slug === "") return "The slug is empty: use lower-case letters, digits and underscores, starting with a letter";
  if (isValidSlug(slug)) return null;
  const proposal = proposeSlug(slug);
  const hint = proposal ? `, e.g. "${proposal}"` : "";
  if (slug.includes("-")) return `The slug "${slug}" contains "-": use underscores instead${hint}`;
  if (!/^[a-z]/.test(slug)) return `The slug "${slug}" must start with a lower-case letter${hint}`;
  return `The slug "${slug}" may only contain lower-case letters, digits and underscores${hint}`;
}

/** The slug a policy name suggests: lower case, every run of other characters becomes one "_". */
export function proposeSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  // A Rego package cannot start with a digit.
  return /^[0-9]/.test(slug) ? `policy_${slug}` : slug;
}
