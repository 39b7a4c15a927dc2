/** Proposes the last release's version with its last number bumped ("1.4.2" -> "1.4.3", "2.0.0-rc1" -> "2.0.0-rc2"). */
export function nextReleaseVersion(latest: string | undefined): string {
  if (!latest) return "0.0.1";
  const match = /^(.*?)(\d+)(\D*)$/.exec(latest);
  return match ? `${match[1]}${Number(match[2]) + 1}${match[3]}` : `${latest}.1`;
}
