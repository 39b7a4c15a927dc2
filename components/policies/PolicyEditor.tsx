"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { CodeEditor, preloadCodeEditor, type EditorHandle } from "@/components/editor";
import { ApiError, policiesApi, type PolicyDoc, type PolicyVersion } from "@/lib/editor/api";
import type { EditorBuiltin } from "@/lib/editor/builtins";
import type { EditorField } from "@/lib/editor/completion";
import { describeLocation, sortProblems, summarizeProblems, type ApiProblem } from "@/lib/editor/diagnostics";
import { needs, useCan } from "@/components/auth/Permissions";
import { VIOLATION_ACTIONS } from "@/lib/db/enums";
import { NAME_MAX_LENGTH } from "@/lib/policies/slug";
import { BranchSelector } from "./BranchSelector";
import { CommitDialog } from "./CommitDialog";
import { UnpublishedChanges, VersionStatus } from "./Badges";
import { EvaluationsTab } from "./EvaluationsTab";
import { TestPanel } from "./TestPanel";
import { TestsTab } from "./TestsTab";
import { VersionsTab } from "./VersionsTab";
import { buttons, field } from "./ui";
import { useUnsavedChangesWarning } from "./useUnsavedChangesWarning";

// The editor is what this page is for: Monaco downloads while the policy loads, not after.
if (typeof window !== "undefined") preloadCodeEditor();

const DEFAULT_BRANCH = "main";
/** Diagnostics follow typing after this pause. */
const VALIDATE_DELAY_MS = 300;

export type PolicyTab = "process" | "tests" | "versions" | "evaluations";

const tabQuery = (tab: PolicyTab) => (tab === "process" ? "" : `&tab=${tab}`);

type PolicyResponse = Awaited<ReturnType<typeof policiesApi.get>>;

interface Props {
  slug: string;
  branch: string;
  tab: PolicyTab;
  fields: readonly EditorField[];
  builtins: readonly EditorBuiltin[];
  /** The policy on `branch` as the server read it while rendering the page, so the first paint shows it without another round trip. */
  initial?: PolicyResponse;
}

interface Loaded {
  branch: string;
  commitId: string;
  policy: PolicyDoc;
  activeVersion: string | null;
  /** The policy file as committed at `commitId`, to tell whether it differs from the latest published version. */
  ocl: string;
  /** The policy exactly as the server read it at `commitId`, to tell whether someone else changed it since. */
  serverPolicy: PolicyDoc | null;
}

function samePolicy(a: PolicyDoc, b: PolicyDoc): boolean {
  return (
    a.name === b.name &&
    a.description === b.description &&
    a.violationReason === b.violationReason &&
    a.violationAction === b.violationAction &&
    a.scopeRego === b.scopeRego &&
    a.conditionsRego === b.conditionsRego &&
    (a.testsRego ?? "") === (b.testsRego ?? "")
  );
}

function problemKey(p: ApiProblem): string {
  return `${p.code}|${p.module}|${p.moduleLine}|${p.moduleColumn}|${p.line}|${p.column}|${p.message}`;
}

/**
 * Diagnostics come from POST /api/policies/validate rather than running lib/policies in the
 * browser: it is the exact check publishing does (OCL rules, then both modules through the
 * Rego compiler), with one implementation, and the page does not ship the whole engine.
 */
const loadedFrom = (got: PolicyResponse): Loaded => ({
  branch: got.branch,
  commitId: got.commitId,
  policy: got.policy,
  activeVersion: got.activeVersion,
  ocl: got.ocl,
  serverPolicy: got.policy,
});

export function PolicyEditor({ slug, branch: initialBranch, tab: initialTab, fields, builtins, initial }: Props) {
  const can = useCan();
  const router = useRouter();
  const [branch, setBranch] = useState(initialBranch);
  const [tab, setTab] = useState(initialTab);
  const [loaded, setLoaded] = useState<Loaded | null>(() => (initial ? loadedFrom(initial) : null));
  const [draft, setDraft] = useState<PolicyDoc | null>(initial?.policy ?? null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [problems, setProblems] = useState<ApiProblem[]>(initial?.problems ?? []);
  const [testProblems, setTestProblems] = useState<ApiProblem[]>([]);
  const [validation, setValidation] = useState<"idle" | "checking" | "unavailable">("idle");
  const [committing, setCommitting] = useState(false);
  const [commitBusy, setCommitBusy] = useState(false);
  const [commitError, setCommitError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const loadRequest = useRef(0);
  const editors = useRef<Partial<Record<"scope" | "conditions", EditorHandle>>>({});
  const ids = { name: useId(), description: useId(), reason: useId() };

  const dirty = !!(loaded && draft && !samePolicy(loaded.policy, draft));
  const { confirmLeave } = useUnsavedChangesWarning(dirty);

  const load = useCallback(
    async (target: string, keepDraft: boolean) => {
      setLoadError(null);
      const request = ++loadRequest.current;
      try {
        const got = await policiesApi.get(slug, target);
        // Only the latest branch asked for counts when switching quickly.
        if (request !== loadRequest.current) return;
        setLoaded(loadedFrom(got));
        setDraft((current) => (keepDraft && current ? current : got.policy));
        if (!keepDraft) setProblems(got.problems);
      } catch (e) {
        if (request !== loadRequest.current) return;
        setLoaded(null);
        setLoadError(e instanceof ApiError && e.status === 404 ? `There is no policy "${slug}" on the branch ${target}.` : e instanceof Error ? e.message : "The policy could not be loaded");
      }
    },
    [slug],
  );

  // Loaded once, unless the server already did; later branch switches load themselves (the URL
  // follows, the page does not remount).
  const [startBranch] = useState(initialBranch);
  const [serverLoaded] = useState(!!initial);
  useEffect(() => {
    if (!serverLoaded) void load(startBranch, false);
  }, [load, startBranch, serverLoaded]);

  // Live diagnostics: the unsaved text, checked after a short pause in typing.
  useEffect(() => {
    if (!draft || !loaded) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setValidation("checking");
      policiesApi
        .validate(draft, controller.signal)
        .then((r) => {
          setProblems(r.problems);
          setValidation("idle");
        })
        .catch(() => {
          if (!controller.signal.aborted) setValidation("unavailable");
        });
    }, VALIDATE_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [draft, loaded]);

  const update = (patch: Partial<PolicyDoc>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setNotice(null);
    setTestProblems([]);
  };

  const allProblems = useMemo(() => {
    const seen = new Set(problems.map(problemKey));
    return [...problems, ...testProblems.filter((p) => !seen.has(problemKey(p)))];
  }, [problems, testProblems]);
  const sorted = useMemo(
    () => sortProblems(allProblems, { scope: draft?.scopeRego ?? "", conditions: draft?.conditionsRego ?? "" }),
    [allProblems, draft?.scopeRego, draft?.conditionsRego],
  );

  const switchBranch = (next: string, created: boolean) => {
    if (next === branch) return;
    if (!created && !confirmLeave()) return;
    setBranch(next);
    setNotice(created ? `Created branch ${next}. Commit to save your changes on it.` : null);
    router.replace(`/platform-hub/policies/${slug}?branch=${encodeURIComponent(next)}${tabQuery(tab)}`, { scroll: false });
    void load(next, created);
  };

  const selectTab = (next: PolicyTab) => {
    setTab(next);
    router.replace(`/platform-hub/policies/${slug}?branch=${encodeURIComponent(branch)}${tabQuery(next)}`, { scroll: false });
  };

  const commit = async (message: string | undefined) => {
    if (!draft || !loaded) return;
    setCommitBusy(true);
    setCommitError(null);
    const { slug: _slug, ...policy } = draft;
    /**
     * Commits by others to the branch are fine as long as they left this policy file alone, so
     * rather than the branch head we check the file itself: unchanged since it was loaded, the
     * save goes on top of whatever the branch has now; changed, nothing is saved.
     */
    const attempt = async () => {
      const current = await policiesApi.get(slug, branch);
      if (loaded.serverPolicy && !samePolicy(current.policy, loaded.serverPolicy)) return { conflict: current.commitId } as const;
      return { saved: await policiesApi.save(slug, { branch, policy, ...(message ? { message } : {}) }) } as const;
    };
    try {
      let outcome;
      try {
        outcome = await attempt();
      } catch (e) {
        // Another commit landed at the same moment: check the file again and retry once.
        if (!(e instanceof ApiError && e.status === 409 && e.code === "stale_branch")) throw e;
        outcome = await attempt();
      }
      if ("conflict" in outcome) {
        setCommitError(
          `Someone changed policies/${slug}.ocl on ${branch} since you opened it (now at ${outcome.conflict!.slice(0, 7)}). Copy your changes, reload the page and apply them again.`,
        );
        return;
      }
      const saved = outcome.saved!;
      const after = await policiesApi.get(slug, branch).catch(() => null);
      setLoaded({
        ...loaded,
        branch,
        commitId: saved.commitId,
        policy: draft,
        ocl: after?.commitId === saved.commitId ? after.ocl : loaded.ocl,
        serverPolicy: after?.commitId === saved.commitId ? after.policy : null,
      });
      setProblems(saved.problems);
      setCommitting(false);
      setNotice(`Committed ${saved.commitId.slice(0, 7)} to ${branch}${saved.problems.length ? `, with ${saved.problems.length} problem(s) to fix before publishing` : ""}.`);
    } catch (e) {
      setCommitError(e instanceof Error ? e.message : "The commit failed");
    } finally {
      setCommitBusy(false);
    }
  };

  const goTo = (p: ApiProblem) => {
    if ((p.module === "scope" || p.module === "conditions") && p.moduleLine) {
      setTab("process");
      editors.current[p.module]?.focusAt(p.moduleLine, p.moduleColumn ?? 1);
    }
  };

  const [latestVersion, setLatestVersion] = useState<PolicyVersion | null>(null);
  const onVersionsChange = useCallback((active: string | null, latest: PolicyVersion | null) => {
    // "Committed …" is about the last commit: once versions change (or load) it is old news.
    setNotice(null);
    setLoaded((l) => (l ? { ...l, activeVersion: active } : l));
    setLatestVersion(latest);
  }, []);
  // The header says Draft, Inactive or Active from the published versions.
  useEffect(() => {
    policiesApi
      .versions(slug)
      .then(({ versions }) => setLatestVersion(versions[0] ?? null))
      .catch(() => setLatestVersion(null));
  }, [slug]);

  if (loadError) {
    return (
      <>
        <h1 className="text-2xl font-semibold tracking-tight">{slug}</h1>
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {loadError}
        </p>
        <div className="mt-4 flex gap-3">
          {branch !== DEFAULT_BRANCH && (
            <button type="button" className={buttons.secondary} onClick={() => switchBranch(DEFAULT_BRANCH, false)}>
              Open on {DEFAULT_BRANCH}
            </button>
          )}
          <Link href="/platform-hub/policies" className={buttons.secondary}>
            Back to policies
          </Link>
        </div>
      </>
    );
  }
  if (!loaded || !draft) {
    return (
      <p className="text-sm text-slate-500" aria-live="polite">
        Loading policy…
      </p>
    );
  }

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-1 text-sm">
        <Link href="/platform-hub/policies" className="text-brand-500 hover:underline">
          Policies
        </Link>
      </nav>
      <header className="mb-4 flex flex-wrap items-end justify-between gap-4 border-b border-slate-200 pb-4">
        <div className="min-w-0">
          <h1 className="truncate text-2xl font-semibold tracking-tight text-slate-900">{loaded.policy.name || slug}</h1>
          <p className="mt-1 flex items-center gap-2 text-sm text-slate-600">
            <code className="font-mono text-xs">policies/{slug}.ocl</code>
            <VersionStatus active={loaded.activeVersion} latest={latestVersion?.version ?? null} />
            {latestVersion && loaded.branch === DEFAULT_BRANCH && latestVersion.ocl !== loaded.ocl && <UnpublishedChanges />}
            {dirty && (
              <span className="text-xs font-medium text-amber-700" data-testid="unsaved-indicator">
                Uncommitted changes
              </span>
            )}
          </p>
        </div>
        <div className="flex items-end gap-3">
          <BranchSelector branch={branch} onSwitch={switchBranch} />
          <button
            type="button"
            className={buttons.primary}
            disabled={!dirty || !can("PlatformHubEdit")}
            title={can("PlatformHubEdit") ? undefined : needs("PlatformHubEdit")}
            onClick={() => {
              setCommitError(null);
              setCommitting(true);
            }}
          >
            Commit
          </button>
        </div>
      </header>

      {notice && (
        <p role="status" className="mb-3 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
          {notice}
        </p>
      )}

      <div role="tablist" aria-label="Policy" className="mb-4 flex gap-1 border-b border-slate-200">
        {(
          [
            ["process", "Policy"],
            ["tests", "Tests"],
            ["versions", "Versions"],
            ["evaluations", "Evaluations"],
          ] as const
        ).map(([value, label]) => (
          <button
            key={value}
            type="button"
            role="tab"
            id={`tab-${value}`}
            aria-selected={tab === value}
            aria-controls={`panel-${value}`}
            onClick={() => selectTab(value)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
              tab === value ? "border-brand-500 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {label}
          </button>
        ))}
      </div>

      <div role="tabpanel" id="panel-tests" aria-labelledby="tab-tests" hidden={tab !== "tests"}>
        {tab === "tests" && <TestsTab slug={slug} draft={draft} onChange={(testsRego) => update({ testsRego })} onGoTo={goTo} fields={fields} builtins={builtins} />}
      </div>

      <div role="tabpanel" id="panel-evaluations" aria-labelledby="tab-evaluations" hidden={tab !== "evaluations"}>
        {tab === "evaluations" && <EvaluationsTab slug={slug} draft={draft} />}
      </div>

      <div role="tabpanel" id="panel-versions" aria-labelledby="tab-versions" hidden={tab !== "versions"}>
        {tab === "versions" && (
          <VersionsTab
            slug={slug}
            defaultBranch={DEFAULT_BRANCH}
            onVersionsChange={onVersionsChange}
            note={
              branch !== DEFAULT_BRANCH
                ? `You are editing ${branch}; publishing takes the policy as committed on ${DEFAULT_BRANCH}.`
                : dirty
                  ? "You have uncommitted changes: publishing takes the policy as last committed."
                  : undefined
            }
          />
        )}
      </div>

      <div role="tabpanel" id="panel-process" aria-labelledby="tab-process" hidden={tab !== "process"} className="grid gap-6 2xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-4">
          <div className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-2">
            <div>
              <label htmlFor={ids.name} className={field.label}>
                Name
              </label>
              <input
                id={ids.name}
                className={field.input}
                value={draft.name}
                maxLength={NAME_MAX_LENGTH}
                onChange={(e) => update({ name: e.target.value })}
                aria-invalid={!!sorted.fields.name}
                aria-describedby={sorted.fields.name ? `${ids.name}-error` : undefined}
              />
              {sorted.fields.name && (
                <p id={`${ids.name}-error`} className={field.error}>
                  {sorted.fields.name}
                </p>
              )}
            </div>
            <div>
              <span className={field.label}>Slug</span>
              <p className="mt-1 py-1.5 font-mono text-sm text-slate-600">{slug}</p>
            </div>
            <div className="md:col-span-2">
              <label htmlFor={ids.description} className={field.label}>
                Description
              </label>
              <textarea
                id={ids.description}
                rows={2}
                className={field.input}
                value={draft.description}
                placeholder="What this policy enforces and why, e.g. Production deployments need a manual approval"
                onChange={(e) => update({ description: e.target.value })}
              />
            </div>
            <div>
              <label htmlFor={ids.reason} className={field.label}>
                Violation reason
              </label>
              <input
                id={ids.reason}
                className={field.input}
                value={draft.violationReason}
                placeholder="What to change, e.g. Add a Manual Intervention step before deploying"
                onChange={(e) => update({ violationReason: e.target.value })}
              />
              <p className={field.hint}>Shown when an execution does not comply and the result gives no reason.</p>
            </div>
            <fieldset>
              <legend className={field.label}>Violation action</legend>
              <div className="mt-2 flex gap-4 text-sm">
                {VIOLATION_ACTIONS.map((action) => (
                  <label key={action} className="flex items-center gap-1.5">
                    <input type="radio" name="violation-action" value={action} checked={draft.violationAction === action} onChange={() => update({ violationAction: action })} />
                    {action === "block" ? "Block" : "Warn"}
                  </label>
                ))}
              </div>
              <p className={field.hint}>Block fails the execution before its first step; Warn lets it run with a warning.</p>
            </fieldset>
          </div>

          {sorted.other.length > 0 && (
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="policy-problems">
              <ul className="list-disc pl-5">
                {sorted.other.map((p, i) => (
                  <li key={i}>
                    {describeLocation(p)}: {p.message}
                  </li>
                ))}
              </ul>
            </div>
          )}

          <RegoBlock
            title="Scope"
            hint={
              <>
                Defines <code>evaluate</code>: true when an execution is in scope of this policy.
              </>
            }
            testId="scope-editor"
            problemCount={sorted.scope.length}
          >
            <CodeEditor
              path={`${slug}/scope.rego`}
              language="rego"
              label="Scope Rego"
              value={draft.scopeRego}
              onChange={(scopeRego) => update({ scopeRego })}
              markers={sorted.scope}
              fields={fields}
              builtins={builtins}
              height={240}
              onReady={(h) => (editors.current.scope = h)}
            />
          </RegoBlock>
          <RegoBlock
            title="Conditions"
            hint={
              <>
                Defines <code>result</code>: an object with <code>allowed</code>, and optionally <code>reason</code> and <code>action</code>.
              </>
            }
            testId="conditions-editor"
            problemCount={sorted.conditions.length}
          >
            <CodeEditor
              path={`${slug}/conditions.rego`}
              language="rego"
              label="Conditions Rego"
              value={draft.conditionsRego}
              onChange={(conditionsRego) => update({ conditionsRego })}
              markers={sorted.conditions}
              fields={fields}
              builtins={builtins}
              height={300}
              onReady={(h) => (editors.current.conditions = h)}
            />
          </RegoBlock>
          <p className="text-xs text-slate-500" aria-live="polite" data-testid="validation-status">
            {validation === "checking"
              ? "Checking…"
              : validation === "unavailable"
                ? "Live checking is unavailable right now; problems show when you commit."
                : summarizeProblems(allProblems)}
            {" "}Ctrl+Space suggests input fields and builtins; hover a builtin for its signature; Ctrl+M lets Tab leave an editor.
          </p>
        </div>
        <div className="min-w-0">
          <TestPanel policy={draft} onProblems={setTestProblems} onGoTo={goTo} />
        </div>
      </div>

      <CommitDialog open={committing} branch={branch} busy={commitBusy} error={commitError} onClose={() => setCommitting(false)} onCommit={(m) => void commit(m)} />
    </>
  );
}

function RegoBlock({ title, hint, testId, problemCount, children }: { title: string; hint: React.ReactNode; testId: string; problemCount: number; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex items-baseline justify-between gap-3 border-b border-slate-200 px-4 py-2">
        <h2 className="text-sm font-semibold">{title}</h2>
        <p className="text-xs text-slate-500">{hint}</p>
        {problemCount > 0 && <span className="text-xs font-medium text-red-700">{problemCount} problem{problemCount === 1 ? "" : "s"}</span>}
      </div>
      <div className="py-1" data-testid={testId}>
        {children}
      </div>
    </section>
  );
}
