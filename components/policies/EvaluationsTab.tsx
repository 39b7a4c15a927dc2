"use client";

import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { EmptyState } from "@/components/EmptyState";
import { StatusBadge } from "@/components/StatusBadge";
import { Table, Td, Th } from "@/components/Table";
import { ApiError, policiesApi, type PolicyDoc, type PolicyVersion } from "@/lib/editor/api";
import {
  evaluationOptions,
  streamEvaluation,
  type EvaluatedExecution,
  type EvaluationFilterOptions,
  type EvaluationFilters,
  type Judgement,
  type Scope,
  type Verdict,
} from "@/lib/editor/evaluations";
import type { Tone } from "@/lib/ui/tone";
import { Dialog } from "../Dialog";
import { ExplanationView } from "./ExplanationView";
import { buttons, field } from "./ui";

const VERDICTS: readonly Verdict[] = ["Compliant", "Block", "Warning", "Runtime error"];
const SCOPES: readonly Scope[] = ["In", "Out", "Invalid input"];
const VERDICT_TONE: Record<Verdict, Tone> = { Compliant: "success", Warning: "warning", Block: "danger", "Runtime error": "danger" };
const DEFAULT_LIMIT = 1000;
const MAX_LIMIT = 5000;

interface Props {
  slug: string;
  /** The policy as it is in the editor, saved or not. */
  draft: PolicyDoc | null;
}

type Summary = { candidate: string; active: string | null; newlyBlocks: string[]; newlyAllows: string[]; durationMs?: number };

/** Block and runtime error share red; the error's mark keeps them apart without colour. */
function VerdictBadge({ judgement }: { judgement: Judgement }) {
  return (
    <StatusBadge tone={VERDICT_TONE[judgement.verdict]}>
      {judgement.verdict === "Runtime error" ? "! " : ""}
      {judgement.verdict}
    </StatusBadge>
  );
}

const dayStart = (d: string) => (d ? `${d}T00:00:00.000Z` : undefined);
const dayEnd = (d: string) => (d ? `${d}T23:59:59.999Z` : undefined);
const formatTime = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

export function EvaluationsTab({ slug, draft }: Props) {
  const ids = {
    source: useId(), space: useId(), project: useId(), environment: useId(), tenant: useId(), kind: useId(),
    from: useId(), to: useId(), limit: useId(), search: useId(), verdict: useId(), scope: useId(), change: useId(),
  };
  const [options, setOptions] = useState<EvaluationFilterOptions | null>(null);
  const [versions, setVersions] = useState<PolicyVersion[]>([]);
  const [source, setSource] = useState("draft");
  const [filters, setFilters] = useState({ spaceId: "", projectId: "", environmentId: "", tenantId: "", kind: "", from: "", to: "" });
  const [limit, setLimit] = useState(DEFAULT_LIMIT);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [rows, setRows] = useState<EvaluatedExecution[]>([]);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [columns, setColumns] = useState({ search: "", verdict: "", scope: "", change: "" });
  const [viewing, setViewing] = useState<EvaluatedExecution | null>(null);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    evaluationOptions(slug).then(setOptions, () => setError("The filters could not be loaded"));
    policiesApi.versions(slug).then(({ versions }) => setVersions(versions), () => setVersions([]));
    return () => abort.current?.abort();
  }, [slug]);

  const inSpace = <T extends { spaceId: string }>(list: T[] | undefined) => (list ?? []).filter((x) => !filters.spaceId || x.spaceId === filters.spaceId);
  const setFilter = (key: keyof typeof filters, value: string) =>
    setFilters((f) => (key === "spaceId" ? { ...f, spaceId: value, projectId: "", environmentId: "", tenantId: "" } : { ...f, [key]: value }));

  const run = async (e: FormEvent) => {
    e.preventDefault();
    if (source === "draft" && !draft) return;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const chosen: EvaluationFilters = {
      ...(filters.spaceId ? { spaceId: filters.spaceId } : {}),
      ...(filters.projectId ? { projectId: filters.projectId } : {}),
      ...(filters.environmentId ? { environmentId: filters.environmentId } : {}),
      ...(filters.tenantId ? { tenantId: filters.tenantId } : {}),
      ...(filters.kind ? { kind: filters.kind as EvaluationFilters["kind"] } : {}),
      ...(filters.from ? { from: dayStart(filters.from) } : {}),
      ...(filters.to ? { to: dayEnd(filters.to) } : {}),
    };
    setRunning(true);
    setError(null);
    setRows([]);
    setSummary(null);
    setProgress({ done: 0, total: 0 });
    try {
      const what = source === "draft" ? { policy: draft! } : { version: source };
      await streamEvaluation(
        slug,
        { ...what, filters: chosen, limit },
        (event) => {
          if (event.type === "start") {
            setProgress({ done: 0, total: event.total });
            setSummary({ candidate: event.candidate, active: event.active, newlyBlocks: [], newlyAllows: [] });
          } else if (event.type === "results") {
            setProgress({ done: event.done, total: event.total });
            setRows((r) => [...r, ...event.rows]);
          } else {
            setSummary((s) => s && { ...s, newlyBlocks: event.newlyBlocks, newlyAllows: event.newlyAllows, durationMs: event.durationMs });
          }
        },
        controller.signal,
      );
    } catch (err) {
      if (!controller.signal.aborted) setError(err instanceof ApiError ? err.message : "The evaluation could not be run");
    } finally {
      if (abort.current === controller) setRunning(false);
    }
  };

  const cancel = () => {
    abort.current?.abort();
    setRunning(false);
  };

  const counts = useMemo(() => {
    const verdict = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
    const scope = Object.fromEntries(SCOPES.map((s) => [s, 0])) as Record<Scope, number>;
    for (const r of rows) {
      verdict[r.candidate.verdict]++;
      scope[r.candidate.scope]++;
    }
    return { verdict, scope };
  }, [rows]);

  const shown = useMemo(() => {
    const q = columns.search.trim().toLowerCase();
    return rows.filter(
      (r) =>
        (!columns.verdict || r.candidate.verdict === columns.verdict) &&
        (!columns.scope || r.candidate.scope === columns.scope) &&
        (!columns.change || (columns.change === "none" ? !r.change : r.change === columns.change)) &&
        (!q || `${r.name} ${r.project} ${r.environment} ${r.tenant ?? ""}`.toLowerCase().includes(q)),
    );
  }, [rows, columns]);

  const byTask = useMemo(() => new Map(rows.map((r) => [r.taskId, r])), [rows]);
  const finished = summary?.durationMs !== undefined;
  const percent = progress && progress.total ? Math.round((progress.done / progress.total) * 100) : 0;

  const select = (id: string, label: string, value: string, onChange: (v: string) => void, choices: { id: string; name: string }[], any: string) => (
    <div>
      <label htmlFor={id} className={field.label}>{label}</label>
      <select id={id} className={field.input} value={value} onChange={(e) => onChange(e.target.value)} disabled={running}>
        <option value="">{any}</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>{c.name}</option>
        ))}
      </select>
    </div>
  );

  const columnFilter = (id: string, label: string, key: "verdict" | "scope" | "change", choices: (readonly [string, string])[]) => (
    <>
      <label htmlFor={id} className="sr-only">{label}</label>
      <select id={id} className={`${field.input} mt-0 font-normal normal-case`} value={columns[key]} onChange={(e) => setColumns((c) => ({ ...c, [key]: e.target.value }))}>
        <option value="">All</option>
        {choices.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
      </select>
    </>
  );

  return (
    <section aria-labelledby="evaluations-heading" className="space-y-4">
      <div>
        <h2 id="evaluations-heading" className="text-base font-semibold text-slate-900">Evaluate over past executions</h2>
        <p className="text-sm text-slate-600">
          Runs the policy over recent deployments and runbook runs, each with the input it had when it ran. Nothing is stored and nothing is enforced.
        </p>
      </div>

      <form onSubmit={run} className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-4 xl:grid-cols-5" aria-label="Evaluation filters">
        <div>
          <label htmlFor={ids.source} className={field.label}>Policy</label>
          <select id={ids.source} className={field.input} value={source} onChange={(e) => setSource(e.target.value)} disabled={running}>
            <option value="draft">As in the editor (unsaved)</option>
            {versions.map((v) => (
              <option key={v.id} value={v.version}>v{v.version}{v.isActive ? " (active)" : ""}</option>
            ))}
          </select>
        </div>
        {select(ids.space, "Space", filters.spaceId, (v) => setFilter("spaceId", v), options?.spaces ?? [], "All spaces")}
        {select(ids.project, "Project", filters.projectId, (v) => setFilter("projectId", v), inSpace(options?.projects), "All projects")}
        {select(ids.environment, "Environment", filters.environmentId, (v) => setFilter("environmentId", v), inSpace(options?.environments), "All environments")}
        {select(ids.tenant, "Tenant", filters.tenantId, (v) => setFilter("tenantId", v), inSpace(options?.tenants), "Any tenant")}
        {select(ids.kind, "Kind", filters.kind, (v) => setFilter("kind", v), [{ id: "Deploy", name: "Deployments" }, { id: "RunbookRun", name: "Runbook runs" }], "Deployments and runbook runs")}
        <div>
          <label htmlFor={ids.from} className={field.label}>From</label>
          <input id={ids.from} type="date" className={field.input} value={filters.from} max={filters.to || undefined} onChange={(e) => setFilter("from", e.target.value)} disabled={running} />
        </div>
        <div>
          <label htmlFor={ids.to} className={field.label}>To</label>
          <input id={ids.to} type="date" className={field.input} value={filters.to} min={filters.from || undefined} onChange={(e) => setFilter("to", e.target.value)} disabled={running} />
        </div>
        <div>
          <label htmlFor={ids.limit} className={field.label}>Last executions</label>
          <input
            id={ids.limit} type="number" min={1} max={MAX_LIMIT} required className={field.input} value={limit}
            onChange={(e) => setLimit(Math.max(1, Math.min(MAX_LIMIT, Number(e.target.value) || 1)))} disabled={running} aria-describedby={`${ids.limit}-hint`}
          />
          <p id={`${ids.limit}-hint`} className={field.hint}>At most {MAX_LIMIT.toLocaleString("en-US")}</p>
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttons.primary} disabled={running || (source === "draft" && !draft)}>
            {running ? "Evaluating…" : "Run evaluation"}
          </button>
          {running && <button type="button" className={buttons.secondary} onClick={cancel}>Cancel</button>}
        </div>
      </form>

      {error && <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p>}

      {progress && (
        <div className="space-y-1">
          <div
            role="progressbar" aria-label="Evaluation progress" aria-valuemin={0} aria-valuemax={progress.total || 1} aria-valuenow={progress.done}
            className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full bg-brand-500 transition-[width]" style={{ width: `${finished ? 100 : percent}%` }} />
          </div>
          <p role="status" className="text-xs text-slate-600">
            {finished
              ? `Evaluated ${progress.total.toLocaleString("en-US")} executions with ${summary?.candidate} in ${((summary?.durationMs ?? 0) / 1000).toFixed(1)} s`
              : `Evaluated ${progress.done.toLocaleString("en-US")} of ${progress.total.toLocaleString("en-US")}…`}
          </p>
        </div>
      )}

      {rows.length > 0 && (
        <div className="flex flex-wrap gap-6 text-sm" data-testid="evaluation-counts">
          <dl className="flex flex-wrap items-center gap-2" aria-label="Verdicts">
            {VERDICTS.map((v) => (
              <div key={v} className="flex items-center gap-1">
                <dt><VerdictBadge judgement={{ verdict: v, scope: "In", enforced: null }} /></dt>
                <dd className="font-semibold tabular-nums" data-testid={`count-${v}`}>{counts.verdict[v]}</dd>
              </div>
            ))}
          </dl>
          <dl className="flex flex-wrap items-center gap-3 text-slate-700" aria-label="Scope">
            {SCOPES.map((s) => (
              <div key={s} className="flex items-center gap-1">
                <dt>{s === "Invalid input" ? s : `${s} of scope`}</dt>
                <dd className="font-semibold tabular-nums" data-testid={`scope-${s}`}>{counts.scope[s]}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}

      {finished && summary && (
        <div className="rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm" data-testid="evaluation-comparison">
          {summary.active ? (
            <>
              <p className="font-medium text-slate-900">
                Compared with the active version {summary.active}: newly blocks {summary.newlyBlocks.length}, newly allows {summary.newlyAllows.length}
              </p>
              {(
                [
                  ["Newly blocks", summary.newlyBlocks],
                  ["Newly allows", summary.newlyAllows],
                ] as const
              ).map(([label, list]) =>
                list.length ? (
                  <details key={label} className="mt-2">
                    <summary className="cursor-pointer text-slate-700">{label} ({list.length})</summary>
                    <ul className="mt-1 max-h-48 list-disc overflow-y-auto pl-6 text-slate-700">
                      {list.map((id) => (
                        <li key={id}>{byTask.get(id)?.name ?? id}</li>
                      ))}
                    </ul>
                  </details>
                ) : null,
              )}
            </>
          ) : (
            <p className="text-slate-700">The policy has no active version to compare with.</p>
          )}
        </div>
      )}

      {progress && finished && rows.length === 0 && <EmptyState title="No executions match these filters">Widen the filters or the date range.</EmptyState>}

      {rows.length > 0 && (
        <Table caption="Evaluated executions">
          <thead>
            <tr>
              <Th>Execution</Th>
              <Th>Queued</Th>
              <Th>Verdict</Th>
              <Th>Scope</Th>
              {summary?.active && <Th>Active {summary.active}</Th>}
              {summary?.active && <Th>Change</Th>}
              <Th><span className="sr-only">Details</span></Th>
            </tr>
            <tr className="bg-slate-50">
              <Th>
                <label htmlFor={ids.search} className="sr-only">Filter executions</label>
                <input id={ids.search} className={`${field.input} mt-0 font-normal normal-case`} placeholder="Filter…" value={columns.search} onChange={(e) => setColumns((c) => ({ ...c, search: e.target.value }))} />
              </Th>
              <Th />
              <Th>{columnFilter(ids.verdict, "Filter by verdict", "verdict", VERDICTS.map((v) => [v, v]))}</Th>
              <Th>{columnFilter(ids.scope, "Filter by scope", "scope", SCOPES.map((v) => [v, v]))}</Th>
              {summary?.active && <Th />}
              {summary?.active && (
                <Th>
                  {columnFilter(ids.change, "Filter by change", "change", [["newly blocks", "Newly blocks"], ["newly allows", "Newly allows"], ["none", "Unchanged"]])}
                </Th>
              )}
              <Th />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shown.map((r) => (
              <tr key={r.taskId} data-testid="evaluation-row">
                <Td className="py-1.5">
                  <div className="font-medium text-slate-900">{r.name}</div>
                  <div className="text-xs text-slate-500">{r.kind === "Deploy" ? "Deployment" : "Runbook run"} · {r.project}{r.tenant ? ` · ${r.tenant}` : ""}</div>
                </Td>
                <Td className="whitespace-nowrap py-1.5 text-xs text-slate-600">{formatTime(r.queuedAt)}</Td>
                <Td className="py-1.5"><VerdictBadge judgement={r.candidate} /></Td>
                <Td className="py-1.5 text-xs">{r.candidate.scope}</Td>
                {summary?.active && <Td className="py-1.5">{r.active && <VerdictBadge judgement={r.active} />}</Td>}
                {summary?.active && (
                  <Td className={`py-1.5 text-xs font-medium ${r.change === "newly blocks" ? "text-red-700" : r.change === "newly allows" ? "text-green-700" : "text-slate-400"}`}>
                    {r.change ?? "—"}
                  </Td>
                )}
                <Td className="py-1.5">
                  <button type="button" className={buttons.link} onClick={() => setViewing(r)} aria-label={`View ${r.name}`}>View</button>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      <Dialog open={!!viewing} title={viewing?.name ?? ""} onClose={() => setViewing(null)} wide testId="evaluation-view">
        {viewing && (
          <div className="space-y-3 text-sm">
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
              <dt className="text-slate-600">Verdict</dt>
              <dd><VerdictBadge judgement={viewing.candidate} /> <span className="ml-2 text-slate-700">Scope: {viewing.candidate.scope}</span></dd>
              <dt className="text-slate-600">Reason</dt>
              <dd className="text-slate-900">{viewing.candidate.reason ?? (viewing.candidate.scope === "Out" ? "Out of the policy's scope" : "Complies")}</dd>
              {viewing.active && (
                <>
                  <dt className="text-slate-600">Active {summary?.active}</dt>
                  <dd><VerdictBadge judgement={viewing.active} /> <span className="ml-2 text-slate-700">{viewing.active.reason ?? ""}</span></dd>
                </>
              )}
            </dl>
            {viewing.candidate.explanation && (
              <div className="rounded-md border border-slate-200 p-3">
                {/* lines of the evaluated version: not necessarily the editor's text, so not links into it */}
                <ExplanationView explanation={viewing.candidate.explanation} />
              </div>
            )}
            <div>
              <h3 className="mb-1 font-medium text-slate-900">Input</h3>
              <pre data-testid="evaluation-input" className="max-h-[50vh] overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100" tabIndex={0} aria-label="Policy input (JSON)">
                {viewing.input ? JSON.stringify(viewing.input, null, 2) : "The input could not be built"}
              </pre>
            </div>
          </div>
        )}
      </Dialog>
    </section>
  );
}
