import { route, withStatus } from "@/lib/http";
import { createBranch, listBranches, policyContext } from "@/lib/policy-service";
import { createBranchSchema } from "@/lib/policy-service/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ permission: "PlatformHubView" }, () => listBranches(policyContext()));

export const POST = route({ permission: "PlatformHubEdit", body: createBranchSchema }, async ({ body }) => withStatus(await createBranch(policyContext(), body.name, body.from), 201));
