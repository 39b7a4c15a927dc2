import { call } from "./harness";
import * as policies from "@/app/api/policies/route";
import * as starters from "@/app/api/policies/starters/route";
import * as branches from "@/app/api/policies/branches/route";
import * as validate from "@/app/api/policies/validate/route";
import * as test from "@/app/api/policies/test/route";
import * as testInputs from "@/app/api/policies/test-inputs/route";
import * as policy from "@/app/api/policies/[slug]/route";
import * as publish from "@/app/api/policies/[slug]/publish/route";
import * as versions from "@/app/api/policies/[slug]/versions/route";
import * as activate from "@/app/api/policies/[slug]/versions/[version]/activate/route";
import * as deactivate from "@/app/api/policies/[slug]/deactivate/route";
import * as inputSchema from "@/app/api/policy-input/schema/route";

type User = { user?: string | null };

/** The policies API, one function per route and method, as docs/policies-api.md lists them. */
export const api = {
  list: (query: Record<string, string> = {}) => call(policies.GET, "GET", { query }),
  create: (body: unknown, o: User = {}) => call(policies.POST, "POST", { body, ...o }),
  starters: () => call(starters.GET, "GET"),
  branches: () => call(branches.GET, "GET"),
  createBranch: (body: unknown) => call(branches.POST, "POST", { body }),
  read: (slug: string, query: Record<string, string> = {}) => call(policy.GET, "GET", { params: { slug }, query }),
  commit: (slug: string, body: unknown, o: User = {}) => call(policy.PUT, "PUT", { params: { slug }, body, ...o }),
  validate: (body: unknown) => call(validate.POST, "POST", { body }),
  test: (body: unknown) => call(test.POST, "POST", { body }),
  testInputs: (query: Record<string, string> = {}) => call(testInputs.GET, "GET", { query }),
  publish: (slug: string, body: unknown, o: User = {}) => call(publish.POST, "POST", { params: { slug }, body, ...o }),
  versions: (slug: string) => call(versions.GET, "GET", { params: { slug } }),
  activate: (slug: string, version: string, o: User = {}) => call(activate.POST, "POST", { params: { slug, version }, ...o }),
  deactivate: (slug: string, o: User = {}) => call(deactivate.POST, "POST", { params: { slug }, ...o }),
  inputSchema: () => call(inputSchema.GET, "GET"),
};
