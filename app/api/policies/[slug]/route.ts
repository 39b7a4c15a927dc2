import { route } from "@/lib/http";
import { commitBranchPolicy, policyContext, readBranchPolicy } from "@/lib/policies/lifecycle";
import { branchQuerySchema, commitPolicySchema } from "@/lib/policies/lifecycle/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ permission: "PlatformHubView", query: branchQuerySchema }, ({ params, query }) => readBranchPolicy(policyContext(), query.branch, params.slug));

export const PUT = route({ permission: "PlatformHubEdit", body: commitPolicySchema }, ({ params, body, actor }) =>
  commitBranchPolicy(policyContext(), params.slug, body, actor),
);
