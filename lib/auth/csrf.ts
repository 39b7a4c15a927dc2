/**
 * Cross-site request forgery guard. A browser attaches the session cookie to requests other
 * sites make, so a state-changing request that authenticates by cookie must come from the app's
 * own origin. Requests with an API key carry their own proof and are not checked.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The origins the app is served from: the request's own, plus APP_ORIGIN behind a proxy. */
function ownOrigins(request: Request): Set<string> {
  const origins = new Set([new URL(request.url).origin]);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(/:$/, "");
  if (host) origins.add(`${proto}://${host}`);
  for (const o of (process.env.APP_ORIGIN ?? "").split(",")) if (o.trim()) origins.add(o.trim().replace(/\/$/, ""));
  return origins;
}

/** Why the request is refused as cross-site, or null when it may proceed. */
export function crossSiteProblem(request: Request): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return `A ${site} request may not change anything with a session cookie`;
  const origin = request.headers.get("origin");
  if (origin) return ownOrigins(request).has(origin) ? null : `Requests from ${origin} may not change anything with a session cookie`;
  // Every current browser sends Sec-Fetch-Site, and Origin on each POST; a request with neither
  // comes from a program (curl, a script, a test), which no other site can make a browser send.
  // This is the Fetch Metadata resource isolation policy; SameSite=Lax on the cookie backs it up.
  return null;
}
