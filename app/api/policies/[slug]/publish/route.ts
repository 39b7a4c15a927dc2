import { mapResult, route, withStatus } from "@/lib/http";
import { policyContext, publishPolicy } from "@/lib/policy-service";
import { publishSchema } from "@/lib/policy-service/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ permission: "PolicyPublish", body: publishSchema }, async ({ params, body, actor }) =>
  withStatus(mapResult(await publishPolicy(policyContext(), { slug: params.slug, ...body }, actor), (version) => ({ version })), 201),
);
