import { route, withStatus } from "@/lib/http";
import { createBranchPolicy, listBranchPolicies, policyContext } from "@/lib/policy-service";
import { branchQuerySchema, createPolicySchema } from "@/lib/policy-service/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ permission: "PlatformHubView", query: branchQuerySchema }, ({ query }) => listBranchPolicies(policyContext(), query.branch));

export const POST = route({ permission: "PlatformHubEdit", body: createPolicySchema }, async ({ body, actor }) => withStatus(await createBranchPolicy(policyContext(), body, actor), 201));
