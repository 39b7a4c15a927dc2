import Link from "next/link";
import type { AuditFilter } from "@/lib/audit/query/filters";
import type { AuditFilterOptions } from "@/lib/audit/query/names";
import { POLICY_OUTCOMES } from "@/lib/db/enums";
import { FilterSelect } from "../FilterSelect";
import { ResetOnRestore } from "../ResetOnRestore";

const field = "flex flex-col gap-1 text-xs font-medium text-slate-600";
const control = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900";

/**
 * A plain GET form: applying it puts every filter in the URL, so a filtered view is a link that
 * can be shared, and it works before (or without) any JavaScript. autoComplete is off so that
 * Back shows the filters of the URL, not the unapplied choices the browser would restore.
 */
export function AuditFilters({ filter, options }: { filter: AuditFilter; options: AuditFilterOptions }) {
  const chosen = new Set(filter.group ?? []);
  const select = (name: keyof AuditFilter, label: string, list: { id: string; name: string }[], any: string) => (
    <FilterSelect name={name} label={label} any={any} options={list} value={filter[name] as string | undefined} />
  );
  return (
    <form method="get" autoComplete="off" aria-label="Filter audit records" className="mb-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <ResetOnRestore />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-5">
        <fieldset className="col-span-2 md:col-span-4 xl:col-span-5">
          <legend className="text-xs font-medium text-slate-600">Event groups {chosen.size === 0 ? "(all)" : `(${chosen.size} chosen)`}</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {options.groups.map((group) => (
              <label key={group} className="flex items-center gap-1.5 text-sm text-slate-800">
                <input type="checkbox" name="group" value={group} defaultChecked={chosen.has(group)} className="h-4 w-4 rounded border-slate-300" />
                {group}
              </label>
            ))}
          </div>
        </fieldset>
        <label className={field}>
          From
          <input type="date" name="from" defaultValue={filter.from ?? ""} className={control} />
        </label>
        <label className={field}>
          To
          <input type="date" name="to" defaultValue={filter.to ?? ""} className={control} />
        </label>
        {select("project", "Project", options.projects, "Any project")}
        {select("environment", "Environment", options.environments, "Any environment")}
        {select("tenant", "Tenant", options.tenants, "Any tenant")}
        {select("policy", "Policy", options.policies, "Any policy")}
        {select("outcome", "Outcome", POLICY_OUTCOMES.map((o) => ({ id: o, name: o })), "Any outcome")}
        {select("user", "User", options.users, "Any user")}
      </div>
      <div className="mt-3 flex items-center gap-3">
        <button type="submit" className="rounded-md bg-brand-500 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          Filter
        </button>
        <Link href="/configuration/audit" className="text-sm text-brand-700 hover:underline">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
