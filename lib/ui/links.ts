/** Where a policy is opened, from anywhere it is named (banners, audit, compliance tables). */
export function policyHref(slug: string): string {
  return `/platform-hub/policies/${encodeURIComponent(slug)}`;
}
