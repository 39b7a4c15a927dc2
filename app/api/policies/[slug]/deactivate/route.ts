import { route } from "@/lib/http";
import { deactivatePolicy, policyContext } from "@/lib/policies/lifecycle";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ actor: true }, ({ params, actor }) => deactivatePolicy(policyContext(), params.slug, actor));
