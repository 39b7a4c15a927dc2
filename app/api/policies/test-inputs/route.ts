import { ok, route } from "@/lib/http";
import { policyContext, recentExecutions } from "@/lib/policy-service";
import { testInputsQuerySchema } from "@/lib/policy-service/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ permission: "PlatformHubView", query: testInputsQuerySchema }, async ({ query }) => ok({ items: await recentExecutions(policyContext().db, query) }));
