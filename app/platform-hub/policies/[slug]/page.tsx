import type { Metadata } from "next";
import { PolicyEditor } from "@/components/policies/PolicyEditor";
import { editorBuiltins } from "@/lib/editor/builtins";
import { inputFields } from "@/lib/policy-input/fields";
import { requirePagePermission } from "@/lib/auth/page-access";
import { policyContext, readBranchPolicy } from "@/lib/policy-service";

type Params = { slug: string };
type Search = { branch?: string; tab?: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  return { title: `Policy ${(await params).slug}` };
}

/**
 * The policy editor. Input fields and builtin signatures are computed here and sent as data, and
 * so is the policy: the editor's text is in the first paint instead of after a second request.
 * When it cannot be read the editor asks again itself and shows why.
 */
export default async function PolicyPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Search> }) {
  await requirePagePermission("PlatformHubView");
  const { slug } = await params;
  const { branch, tab } = await searchParams;
  const detail = await readBranchPolicy(policyContext(), branch || "main", slug);
  const fields = inputFields().map(({ path, segments, type, description, optional }) => ({ path, segments, type, description, optional }));
  return (
    <PolicyEditor
      key={slug}
      slug={slug}
      branch={branch || "main"}
      tab={tab === "tests" || tab === "versions" || tab === "evaluations" ? tab : "process"}
      fields={fields}
      builtins={editorBuiltins()}
      initial={detail.ok ? detail.value : undefined}
    />
  );
}
