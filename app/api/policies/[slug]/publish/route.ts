import { mapResult, route, withStatus } from "@/lib/http";
import { policyContext, publishPolicy } from "@/lib/policies/lifecycle";
import { publishSchema } from "@/lib/policies/lifecycle/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ permission: "PolicyPublish", body: publishSchema }, async ({ params, body, actor }) =>
  withStatus(mapResult(await publishPolicy(policyContext(), { slug: params.slug, ...body }, actor), (version) => ({ version })), 201),
);
