import type { Metadata } from "next";
import { PageHeader } from "@/components/PageHeader";
import { DemoInput } from "@/components/policies/DemoInput";
import { prisma } from "@/lib/db/client";
import { buildPolicyInput } from "@/lib/executions/input/build-input";
import { loadExecution } from "@/lib/executions/load-execution";
import { recentExecutions } from "@/lib/policy-service/test-inputs";
import { inputFields } from "@/lib/policy-input/fields";
import { requirePagePermission } from "@/lib/auth/page-access";

export const metadata: Metadata = { title: "Policy input schema" };

/**
 * Every field of the policy input, from the one schema definition, and a real execution's
 * input, built by the same code the policy gate uses (lib/executions/input).
 */
export default async function SchemaPage({ searchParams }: { searchParams: Promise<{ task?: string }> }) {
  await requirePagePermission("PlatformHubView");
  const fields = inputFields();
  const recent = await recentExecutions(prisma, { limit: 30 });
  const requested = (await searchParams).task;
  // By default the latest deployment that has an execution to show (some tasks own none).
  const candidates = requested ? [requested] : [...recent.filter((i) => i.kind === "Deploy"), ...recent.filter((i) => i.kind !== "Deploy")].map((i) => i.taskId).slice(0, 10);
  let taskId: string | undefined = candidates[0];
  let input: ReturnType<typeof buildPolicyInput> | null = null;
  for (const candidate of candidates) {
    const execution = await loadExecution(prisma, candidate);
    if (execution) {
      taskId = candidate;
      input = buildPolicyInput(execution);
      break;
    }
  }
  const choices = recent.map((item) => ({ taskId: item.taskId, label: `${item.description} (${item.kind === "Deploy" ? "deployment" : "runbook run"})` }));
  if (taskId && !choices.some((c) => c.taskId === taskId)) choices.unshift({ taskId, label: taskId });
  const groups = new Map<string, typeof fields>();
  for (const field of fields) {
    const top = field.segments[0];
    groups.set(top, [...(groups.get(top) ?? []), field]);
  }
  return (
    <>
      <PageHeader
        title="Policy input schema"
        description="The input object every policy is evaluated against, as input.<Field> in Rego. Field names are PascalCase, step ids are GUIDs, and the schema is open: fields not listed here are accepted, as Octopus adds fields over time."
      />
      <div className="grid gap-6 2xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-6">
          {[...groups].map(([top, group]) => (
            <section key={top} aria-labelledby={`field-${top}`} className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
              <h2 id={`field-${top}`} className="flex items-baseline gap-2 border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm font-semibold">
                <code className="font-mono">input.{top}</code>
                {group[0].optional && <span className="text-xs font-normal text-amber-700">only on some executions</span>}
              </h2>
              <table className="w-full table-fixed text-sm">
                <caption className="sr-only">Fields of input.{top}</caption>
                <colgroup>
                  <col className="w-[38%]" />
                  <col className="w-[22%]" />
                  <col />
                </colgroup>
                <thead className="sr-only">
                  <tr>
                    <th scope="col">Path</th>
                    <th scope="col">Type</th>
                    <th scope="col">Description</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {group.map((field) => (
                    <tr key={field.path}>
                      <td className="break-words px-4 py-1.5 align-top">
                        <code className="font-mono text-xs" style={{ paddingLeft: `${(field.segments.filter((s) => s !== "[_]").length - 1) * 12}px` }}>
                          {field.path}
                        </code>
                      </td>
                      <td className="break-words px-3 py-1.5 align-top font-mono text-xs text-slate-600">
                        {field.type}
                        {field.optional && field.segments.length > 1 && <span className="ml-1 text-slate-400">optional</span>}
                      </td>
                      <td className="px-3 py-1.5 align-top text-slate-700">{field.description}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
        <DemoInput choices={choices} taskId={taskId ?? null} input={input} />
      </div>
    </>
  );
}
