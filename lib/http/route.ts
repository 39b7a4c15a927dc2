/**
 * The one wrapper for every route handler under `app/api`:
 *
 *   export const POST = route({ permission: "Deploy", body: Schema }, async ({ body, actor }) => ok(..., 201));
 *
 * It checks the caller first: the acting user from the session cookie or API key (401 when there
 * is none), the CSRF origin rule and `spec.permission` (403 naming it), then parses the route
 * params, the query (`spec.query`) and the JSON body (`spec.body`) with zod (400 naming the
 * problem; a body over the size limit is 413, one nested too deep 400: `body-limits.ts`); with
 * `spec.idempotent` an `Idempotency-Key` makes a repeated request get the first answer; with `spec.space` it checks the permission again in the space the request's resource
 * belongs to. It answers a returned `Result` as JSON and every response `cache-control: no-store`,
 * and turns an unexpected throw into a logged 500 in the same `{ error: { code, message } }` shape.
 */
import type { z } from "zod";
import { authorize, type Requirement } from "@/lib/auth/guard";
import { prisma } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/principal";
import { resolveActingUser } from "@/lib/identity/acting-user";
import type { Result } from "@/lib/result";
import { readIdempotencyKey, requestFingerprint, runIdempotent } from "@/lib/idempotency";
import { bodyLimitsFromEnv, readBodyText } from "./body-limits";
import { parseJsonBody, readSearchParams } from "./parse";
import { errorResponse, NO_STORE, resultResponse } from "./response";

type Params = Record<string, string>;

export interface RouteSpec<B = unknown, Q = unknown, R extends Requirement = Requirement, P extends Params = Params> {
  /** Who may call it: a permission, any signed-in user, or "public" (sign-in, setup). Every route says. */
  permission: R;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** The space of the resource the request is about, when the permission is granted per space. */
  space?: (request: { params: P; body: B; query: Q }) => Promise<string | null> | string | null;
  /**
   * POSTs that start work: with an `Idempotency-Key` header, a repeat of the same request by the
   * same caller gets the first answer again instead of a second run (`lib/idempotency`).
   */
  idempotent?: boolean;
}

export interface RouteContext<B, Q, P, A> {
  request: Request;
  params: P;
  body: B;
  query: Q;
  /** The signed-in caller (null only on public routes): who audit records, commits and tasks name. */
  actor: A;
}

type NextContext = { params: Promise<Params> };
type HandlerAnswer = Response | Result<unknown>;

export function route<B = undefined, Q = undefined, R extends Requirement = Requirement, P extends Params = Params>(
  spec: RouteSpec<B, Q, R, P>,
  handler: (context: RouteContext<B, Q, P, R extends "public" ? null : Principal>) => Promise<HandlerAnswer> | HandlerAnswer,
): (request: Request, context?: NextContext) => Promise<Response> {
  return async (request, context) => {
    try {
      let actor: Principal | null = null;
      if (spec.permission !== "public") {
        const resolved = await resolveActingUser(request);
        if (!resolved.ok) return errorResponse(resolved.error);
        actor = resolved.value;
        const denial = await authorize(prisma, request, actor, spec.permission);
        if (denial) return errorResponse(denial);
      }
      const params = ((await context?.params) ?? {}) as P;
      const query = spec.query ? readSearchParams(request, spec.query) : undefined;
      if (query && !query.ok) return errorResponse(query.error);
      const limits = bodyLimitsFromEnv();
      const text = spec.body || spec.idempotent ? await readBodyText(request, limits.maxBytes) : undefined;
      if (text && !text.ok) return errorResponse(text.error);
      const body = spec.body ? parseJsonBody(text!.value, spec.body, limits.maxDepth) : undefined;
      if (body && !body.ok) return errorResponse(body.error);
      if (actor && spec.space && spec.permission !== "public") {
        const spaceId = await spec.space({ params, body: body?.value as B, query: query?.value as Q });
        const denial = spaceId ? await authorize(prisma, request, actor, spec.permission, spaceId) : null;
        if (denial) return errorResponse(denial);
      }
      const run = async () => {
        const answer = await handler({
          request,
          params,
          body: body?.value as B,
          query: query?.value as Q,
          actor: actor as R extends "public" ? null : Principal,
        });
        return answer instanceof Response ? noStore(answer) : resultResponse(answer);
      };
      if (!spec.idempotent) return await run();
      const key = readIdempotencyKey(request.headers);
      if (!key.ok) return errorResponse(key.error);
      if (key.key === null) return await run();
      const url = new URL(request.url);
      const fingerprint = requestFingerprint(request.method, url.pathname + url.search, text?.ok ? text.value : "");
      const outcome = await runIdempotent(prisma, { owner: actor?.id ?? "anonymous", key: key.key, fingerprint }, run);
      return outcome.ok ? noStore(outcome.response) : errorResponse(outcome.error);
    } catch (e) {
      console.error(e);
      return errorResponse({ code: "internal_error", message: "Something went wrong on the server; the error is in its log", status: 500 });
    }
  };
}

/** Redirects and streams keep their own headers; only caching is decided here. */
function noStore(response: Response): Response {
  if (!response.headers.has("cache-control")) {
    try {
      response.headers.set("cache-control", NO_STORE["cache-control"]);
    } catch {
      // Immutable headers (a fetched response passed through): return it as it is.
    }
  }
  return response;
}
