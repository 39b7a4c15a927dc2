import { route } from "@/lib/http";
import { policyContext, policyVersions } from "@/lib/policy-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route({ permission: "PlatformHubView" }, ({ params }) => policyVersions(policyContext().db, params.slug));
