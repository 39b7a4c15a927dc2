import { ok, route } from "@/lib/http";
import { policyContext, recentExecutions } from "@/lib/policies/lifecycle";
import { testInputsQuerySchema } from "@/lib/policies/lifecycle/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ permission: "PlatformHubView", query: testInputsQuerySchema }, async ({ query }) => ok({ items: await recentExecutions(policyContext().db, query) }));
