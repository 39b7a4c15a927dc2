import { route } from "@/lib/http";
import { deactivatePolicy, policyContext } from "@/lib/policy-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ permission: "PolicyActivate" }, ({ params, actor }) => deactivatePolicy(policyContext(), params.slug, actor));
