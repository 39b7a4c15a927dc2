import { route } from "@/lib/http";
import { commitBranchPolicy, policyContext, readBranchPolicy } from "@/lib/policy-service";
import { branchQuerySchema, commitPolicySchema } from "@/lib/policy-service/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ permission: "PlatformHubView", query: branchQuerySchema }, ({ params, query }) => readBranchPolicy(policyContext(), query.branch, params.slug));

export const PUT = route({ permission: "PlatformHubEdit", body: commitPolicySchema }, ({ params, body, actor }) =>
  commitBranchPolicy(policyContext(), params.slug, body, actor),
);
