/**
 * The one wrapper for every route handler under `app/api`:
 *
 *   export const POST = route({ body: Schema, actor: true }, async ({ body, actor }) => ok(..., 201));
 *
 * It parses the JSON body (`spec.body`) and query (`spec.query`) with zod (400 naming the problem),
 * awaits the route params, resolves the acting user when the handler needs one (`spec.actor`),
 * answers a returned `Result` as JSON and every response `cache-control: no-store`, and turns an
 * unexpected throw into a logged 500 in the same `{ error: { code, message } }` shape. With
 * `spec.permission` it checks the caller first (`lib/auth/guard`).
 */
import type { z } from "zod";
import { guardRequest, type Requirement } from "@/lib/auth/guard";
import type { Principal } from "@/lib/auth/principal";
import { prisma } from "@/lib/db/client";
import { resolveActingUser, type Actor } from "@/lib/identity/acting-user";
import type { Result } from "@/lib/result";
import { readJsonBody, readSearchParams } from "./parse";
import { errorResponse, NO_STORE, resultResponse } from "./response";

export interface RouteSpec<B = unknown, Q = unknown, A extends boolean = boolean> {
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** The handler acts on someone's behalf (writes, audit records, commits): resolve the acting user. */
  actor?: A;
  /** Who may call it: checked first (401 signed out, 403 without the permission); the handler gets the principal. */
  permission?: Requirement;
}

export interface RouteContext<B, Q, P, A> {
  request: Request;
  params: P;
  body: B;
  query: Q;
  actor: A;
  /** The signed-in caller, when the spec names a permission. */
  principal: Principal | null;
}

type Params = Record<string, string>;
type NextContext = { params: Promise<Params> };
type HandlerAnswer = Response | Result<unknown>;

export function route<B = undefined, Q = undefined, A extends boolean = false, P extends Params = Params>(
  spec: RouteSpec<B, Q, A>,
  handler: (context: RouteContext<B, Q, P, A extends true ? Actor : undefined>) => Promise<HandlerAnswer> | HandlerAnswer,
): (request: Request, context?: NextContext) => Promise<Response> {
  return async (request, context) => {
    try {
      const guard = spec.permission ? await guardRequest(prisma, request, spec.permission) : undefined;
      if (guard && !guard.ok) return errorResponse({ ...guard.error, status: guard.status });
      const params = ((await context?.params) ?? {}) as P;
      const query = spec.query ? readSearchParams(request, spec.query) : undefined;
      if (query && !query.ok) return errorResponse(query.error);
      const body = spec.body ? await readJsonBody(request, spec.body) : undefined;
      if (body && !body.ok) return errorResponse(body.error);
      const actor = spec.actor ? await resolveActingUser(request) : undefined;
      if (actor && !actor.ok) return errorResponse(actor.error);
      const answer = await handler({
        request,
        params,
        body: body?.value as B,
        query: query?.value as Q,
        actor: actor?.value as A extends true ? Actor : undefined,
        principal: guard?.principal ?? null,
      });
      return answer instanceof Response ? noStore(answer) : resultResponse(answer);
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
