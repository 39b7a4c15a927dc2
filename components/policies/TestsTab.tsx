"use client";

import { useMemo, useRef, useState } from "react";
import { CodeEditor, type EditorHandle } from "@/components/editor";
import { StatusBadge } from "@/components/StatusBadge";
import { ApiError, policiesApi, type PolicyDoc, type PolicyTestResult, type PolicyTestsResponse, type TestStatus } from "@/lib/editor/api";
import type { EditorBuiltin } from "@/lib/editor/builtins";
import type { EditorField } from "@/lib/editor/completion";
import { markerSpan, type ApiProblem, type EditorMarker } from "@/lib/editor/diagnostics";
import type { Tone } from "@/lib/ui/tone";
import { buttons } from "./ui";

interface Props {
  slug: string;
  draft: PolicyDoc;
  onChange(testsRego: string): void;
  /** Shows a problem in the scope or conditions editor, for a test error that points there. */
  onGoTo(problem: ApiProblem): void;
  fields: readonly EditorField[];
  builtins: readonly EditorBuiltin[];
}

const STATUS: Record<TestStatus, { label: string; tone: Tone }> = {
  pass: { label: "Passed", tone: "success" },
  fail: { label: "Failed", tone: "danger" },
  error: { label: "Error", tone: "danger" },
  skip: { label: "Skipped", tone: "neutral" },
};

/** What a new tests block starts with: one test per block, in the policy's package. */
const exampleTests = (slug: string) => `package ${slug}

test_in_scope_in_production if evaluate with input as {"Environment": {"Slug": "production"}}

test_allowed if result.allowed with input as {"Environment": {"Slug": "production"}}
`;

function duration(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(1)} ms`;
}

function summary(counts: PolicyTestsResponse["counts"]): string {
  const parts = [`${counts.pass} passed`];
  if (counts.fail) parts.push(`${counts.fail} failed`);
  if (counts.error) parts.push(`${counts.error} errored`);
  if (counts.skip) parts.push(`${counts.skip} skipped`);
  return parts.join(", ");
}

/**
 * The policy's tests block: Rego `test_` rules run as `opa test` runs them, the same run that
 * publishing requires to pass. Runs the unsaved text; a failing test jumps to its line.
 */
export function TestsTab({ slug, draft, onChange, onGoTo, fields, builtins }: Props) {
  const [running, setRunning] = useState(false);
  const [response, setResponse] = useState<PolicyTestsResponse | null>(null);
  // The text the shown results are for: once it changes, the squiggles of the last run would point at moved lines.
  const [ranOn, setRanOn] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const editor = useRef<EditorHandle | null>(null);
  const tests = draft.testsRego ?? "";
  const stale = response !== null && ranOn !== tests;

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setResponse(await policiesApi.runTests(slug, draft));
      setRanOn(tests);
    } catch (e) {
      setResponse(null);
      setError(e instanceof ApiError || e instanceof Error ? e.message : "The tests could not be run");
    } finally {
      setRunning(false);
    }
  };

  const markers = useMemo((): EditorMarker[] => {
    if (!response || stale) return [];
    const lines = tests.split("\n");
    const at = (line: number, column: number) => ({ startLineNumber: line, endLineNumber: line, ...markerSpan(lines[line - 1] ?? "", column) });
    const failed = response.tests.flatMap((t) => {
      if (t.status !== "fail" && t.status !== "error") return [];
      const where = t.errorLocation?.block === "tests" ? t.errorLocation : t.location;
      return [{ ...at(where.moduleLine, where.moduleColumn), message: `${t.name}: ${t.status === "fail" ? "fails" : "error"}: ${t.message}`, code: `test_${t.status}`, severity: "error" as const }];
    });
    const problems = response.problems.flatMap((p) =>
      p.module === "tests" && p.moduleLine ? [{ ...at(p.moduleLine, p.moduleColumn ?? 1), message: p.message, code: p.code, severity: "error" as const }] : [],
    );
    return [...problems, ...failed];
  }, [response, stale, tests]);

  const goTo = (t: PolicyTestResult) => {
    const e = t.errorLocation;
    if (e && (e.block === "scope" || e.block === "conditions")) {
      onGoTo({ code: "test_error", message: t.message ?? "", file: t.location.file, line: e.line, column: e.column, module: e.block, moduleLine: e.moduleLine, moduleColumn: e.moduleColumn });
      return;
    }
    const where = e?.block === "tests" ? e : t.location;
    editor.current?.focusAt(where.moduleLine, where.moduleColumn);
  };

  return (
    <div className="grid gap-6 2xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <section aria-labelledby="tests-heading" className="min-w-0">
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="tests-heading" className="text-base font-semibold text-slate-900">
            Tests
          </h2>
          <p className="text-xs text-slate-500">
            <code className="font-mono">test_</code> rules with <code className="font-mono">with input as {"{...}"}</code>; a test passes when it is true. Publishing requires every test to pass.
          </p>
        </div>
        {tests.trim() === "" && (
          <div className="mb-3 rounded-md border border-dashed border-slate-300 bg-slate-50 px-3 py-3 text-sm text-slate-700">
            <p>This policy has no tests yet. They are kept in the policy file, in a tests block, and run as opa test runs them.</p>
            <button type="button" className={`${buttons.secondary} mt-2`} onClick={() => onChange(exampleTests(slug))}>
              Add example tests
            </button>
          </div>
        )}
        <div data-testid="tests-editor">
          <CodeEditor
            path={`${slug}/tests.rego`}
            language="rego"
            value={tests}
            onChange={onChange}
            label="Tests Rego"
            markers={markers}
            height={360}
            fields={fields}
            builtins={builtins}
            onReady={(handle) => {
              editor.current = handle;
            }}
          />
        </div>
      </section>

      <section aria-labelledby="test-results-heading" className="min-w-0">
        <div className="mb-2 flex items-center justify-between gap-3">
          <h2 id="test-results-heading" className="text-base font-semibold text-slate-900">
            Results
          </h2>
          <button type="button" className={buttons.primary} onClick={run} disabled={running || tests.trim() === ""}>
            {running ? "Running…" : "Run tests"}
          </button>
        </div>
        {error && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        {response && (
          <div aria-live="polite">
            <p role="status" className="mb-2 text-sm text-slate-700" data-testid="tests-summary">
              {response.problems.length > 0 ? "The policy does not compile, so no test ran." : response.tests.length === 0 ? "No test_ rules found." : summary(response.counts)}
              {stale && <span className="ml-2 text-xs text-amber-700">The tests changed since this run.</span>}
            </p>
            {response.problems.length > 0 && (
              <ul className="mb-3 space-y-1 text-sm">
                {response.problems.map((p, i) => (
                  <li key={i} className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800">
                    <span className="font-mono text-xs">
                      {p.module === "ocl" || !p.moduleLine ? `line ${p.line}` : `${p.module}, line ${p.moduleLine}`}
                    </span>{" "}
                    {p.message}
                  </li>
                ))}
              </ul>
            )}
            <ul className="divide-y divide-slate-200 rounded-md border border-slate-200" aria-label="Test results">
              {response.tests.map((t) => (
                <li key={t.name} className="px-3 py-2 text-sm" data-testid="test-result" data-status={t.status}>
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <code className="min-w-0 break-all font-mono text-xs text-slate-900">{t.rule}</code>
                    <span className="flex items-center gap-2">
                      {t.status !== "skip" && <span className="text-xs text-slate-500">{duration(t.durationMs)}</span>}
                      <StatusBadge tone={STATUS[t.status].tone}>{STATUS[t.status].label}</StatusBadge>
                    </span>
                  </div>
                  {(t.status === "fail" || t.status === "error") && (
                    <div className="mt-1 flex flex-wrap items-baseline justify-between gap-2">
                      <p className="text-xs text-red-800">{t.status === "fail" ? `Not true: ${t.message}` : t.message}</p>
                      <button type="button" className={buttons.link} onClick={() => goTo(t)}>
                        {t.errorLocation && t.errorLocation.block !== "tests"
                          ? `Go to ${t.errorLocation.block}, line ${t.errorLocation.moduleLine}`
                          : `Go to line ${(t.errorLocation ?? t.location).moduleLine}`}
                      </button>
                    </div>
                  )}
                  {t.output.length > 0 && <pre className="mt-1 overflow-x-auto rounded bg-slate-50 px-2 py-1 font-mono text-xs text-slate-700">{t.output.join("\n")}</pre>}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </div>
  );
}
