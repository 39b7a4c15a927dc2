import { ok, route } from "@/lib/http";
import { inputFields } from "@/lib/policy-input/fields";
import { policyInputJsonSchema } from "@/lib/policy-input/schema";

export const runtime = "nodejs";

export const GET = route({ permission: "PlatformHubView" }, () => ok({ schema: policyInputJsonSchema(), fields: inputFields() }));
