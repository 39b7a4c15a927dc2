"use client";

import { useEffect, useId, useState } from "react";
import { CodeEditor } from "@/components/editor";
import { StatusBadge } from "@/components/StatusBadge";
import { ApiError, policiesApi, type PolicyDoc, type TestInputItem, type TestResponse } from "@/lib/editor/api";
import { describeLocation, type ApiProblem } from "@/lib/editor/diagnostics";
import { OutcomeBadge } from "./Badges";
import { ExplanationView } from "./ExplanationView";
import { buttons, field } from "./ui";

interface Props {
  policy: PolicyDoc;
  /** Compile and evaluation problems of the last run, to squiggle in the Rego editors. */
  onProblems(problems: ApiProblem[]): void;
  onGoTo(problem: ApiProblem): void;
}

function json(value: unknown): string {
  return value === undefined ? "undefined" : JSON.stringify(value, null, 2);
}

/** Evaluates the policy as it is in the editor, unsaved, against a recent execution's input or typed JSON. */
export function TestPanel({ policy, onProblems, onGoTo }: Props) {
  const [source, setSource] = useState<"execution" | "json">("execution");
  const [query, setQuery] = useState("");
  const [items, setItems] = useState<TestInputItem[] | null>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  const [inputJson, setInputJson] = useState("{\n}\n");
  const [running, setRunning] = useState(false);
  const [response, setResponse] = useState<TestResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const searchId = useId();

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      policiesApi
        .testInputs(query, 20, controller.signal)
        .then(({ items }) => setItems(items))
        .catch((e) => {
          if (!controller.signal.aborted) {
            setItems([]);
            setError(e instanceof ApiError ? e.message : "Recent executions could not be loaded");
          }
        });
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      let body: { policy: PolicyDoc; input?: unknown; taskId?: string };
      if (source === "execution") {
        if (!taskId) throw new Error("Choose an execution to test against");
        body = { policy, taskId };
      } else {
        let input: unknown;
        try {
          input = JSON.parse(inputJson);
        } catch (e) {
          throw new Error(`The input is not valid JSON: ${(e as Error).message}`);
        }
        body = { policy, input };
      }
      const result = await policiesApi.test(body);
      setResponse(result);
      onProblems(result.problems);
    } catch (e) {
      setResponse(null);
      if (e instanceof ApiError) onProblems(e.problems);
      setError(e instanceof Error ? e.message : "The test failed");
    } finally {
      setRunning(false);
    }
  };

  const selected = items?.find((i) => i.taskId === taskId);

  return (
    <section aria-labelledby="test-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="test-panel">
      <h2 id="test-heading" className="text-base font-semibold">
        Test
      </h2>
      <p className="mt-0.5 text-xs text-slate-600">Evaluates the policy as it is in the editor, without committing, exactly as the gate would decide.</p>

      <fieldset className="mt-3">
        <legend className="sr-only">Test input</legend>
        <div className="inline-flex rounded-md border border-slate-300 p-0.5 text-sm">
          {(
            [
              ["execution", "Recent execution"],
              ["json", "Input JSON"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className={`cursor-pointer rounded px-2.5 py-1 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500 ${source === value ? "bg-brand-500 text-white" : "text-slate-700"}`}>
              <input type="radio" name="test-source" value={value} checked={source === value} onChange={() => setSource(value)} className="sr-only" />
              {label}
            </label>
          ))}
        </div>
      </fieldset>

      {source === "execution" ? (
        <div className="mt-3">
          <label htmlFor={searchId} className={field.label}>
            Search recent deployments and runbook runs
          </label>
          <input
            id={searchId}
            type="search"
            className={field.input}
            placeholder="Project, environment, release, tenant…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <div role="radiogroup" aria-label="Recent executions" className="mt-2 max-h-56 overflow-y-auto rounded-md border border-slate-200">
            {items === null ? (
              <p className="px-3 py-2 text-sm text-slate-500">Loading…</p>
            ) : items.length === 0 ? (
              <p className="px-3 py-2 text-sm text-slate-500">No executions match. Try a project or environment name.</p>
            ) : (
              items.map((item) => (
                <label
                  key={item.taskId}
                  className={`flex cursor-pointer items-start gap-2 border-b border-slate-100 px-3 py-1.5 text-sm last:border-b-0 hover:bg-slate-50 ${
                    taskId === item.taskId ? "bg-brand-100/60" : ""
                  }`}
                >
                  <input type="radio" name="test-execution" className="mt-1" checked={taskId === item.taskId} onChange={() => setTaskId(item.taskId)} />
                  <span className="min-w-0">
                    <span className="block truncate font-medium text-slate-900">{item.description}</span>
                    <span className="block text-xs text-slate-500">
                      {item.kind === "Deploy" ? "Deployment" : "Runbook run"} · {item.project} · {item.environment}
                      {item.tenant ? ` · ${item.tenant}` : ""} · {item.state} · {item.queuedAt.slice(0, 16).replace("T", " ")}
                    </span>
                  </span>
                </label>
              ))
            )}
          </div>
        </div>
      ) : (
        <div className="mt-3">
          <div className="flex items-center justify-between">
            <span id={`${searchId}-json`} className={field.label}>
              Input JSON
            </span>
            {response?.input !== undefined && (
              <button type="button" className={buttons.link} onClick={() => setInputJson(json(response.input) + "\n")}>
                Use the last test&apos;s input
              </button>
            )}
          </div>
          <div className="mt-1 overflow-hidden rounded-md border border-slate-300" data-testid="input-json-editor">
            <CodeEditor path="test/input.json" language="json" value={inputJson} onChange={setInputJson} label="Input JSON" height={220} />
          </div>
        </div>
      )}

      <div className="mt-3 flex items-center gap-3">
        <button type="button" className={buttons.primary} disabled={running || (source === "execution" && !taskId)} onClick={() => void run()}>
          {running ? "Running…" : "Run test"}
        </button>
        {source === "execution" && selected && <span className="truncate text-xs text-slate-500">against {selected.description}</span>}
      </div>

      {error && (
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {response && <TestResult response={response} policy={policy} onGoTo={onGoTo} />}
    </section>
  );
}

function TestResult({ response, policy, onGoTo }: { response: TestResponse; policy: PolicyDoc; onGoTo(p: ApiProblem): void }) {
  const { scope, result, decision, explanation, problems, durationMs } = response;
  return (
    <div className="mt-4 space-y-3 border-t border-slate-200 pt-3 text-sm" data-testid="test-result" aria-live="polite">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">Outcome:</span>
        <span data-testid="test-outcome">
          {problems.length > 0 && !decision ? (
            <StatusBadge tone="danger">Does not compile</StatusBadge>
          ) : scope.inScope === false ? (
            <StatusBadge tone="neutral">Out of scope</StatusBadge>
          ) : decision ? (
            <OutcomeBadge outcome={decision.outcome} />
          ) : (
            <StatusBadge tone="neutral">No decision</StatusBadge>
          )}
        </span>
        <span className="ml-auto text-xs text-slate-500" data-testid="test-duration">
          Evaluated in {durationMs.toFixed(durationMs < 10 ? 2 : 0)} ms
        </span>
      </div>
      {decision && decision.outcome !== "pass" && (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
          <dt className="text-slate-500">Action</dt>
          <dd data-testid="test-action">{decision.enforced === "block" ? "Block: the execution fails before its first step" : "Warn: the execution runs with a warning"}</dd>
          <dt className="text-slate-500">Reason</dt>
          <dd data-testid="test-reason">{decision.reason ?? policy.violationReason}</dd>
          {decision.error && (
            <>
              <dt className="text-slate-500">Error</dt>
              <dd className="text-red-700">{decision.error}</dd>
            </>
          )}
        </dl>
      )}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
        <dt className="text-slate-500">Scope value</dt>
        <dd>
          <code className="text-xs" data-testid="test-scope-value">
            {scope.defined ? json(scope.value) : "undefined"}
          </code>
        </dd>
        <dt className="text-slate-500">In scope</dt>
        <dd data-testid="test-in-scope">{scope.inScope === "error" ? "Error" : scope.inScope ? "Yes" : "No"}</dd>
      </dl>
      {result && (
        <div>
          <p className="text-slate-500">result</p>
          <pre className="mt-1 max-h-48 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs" data-testid="test-result-value">
            {result.defined ? json(result.value) : "undefined"}
          </pre>
        </div>
      )}
      {explanation && (
        <ExplanationView
          explanation={explanation}
          // the editor moves to a place as it does to a problem's
          onGoTo={(at) => onGoTo({ code: "explanation", message: at.text, file: at.file, line: at.line, column: at.column, module: at.module, moduleLine: at.moduleLine, moduleColumn: at.moduleColumn })}
        />
      )}
      {problems.length > 0 && (
        <div role="alert">
          <p className="font-medium text-red-800">Errors</p>
          <ul className="mt-1 space-y-1">
            {problems.map((p, i) => (
              <li key={i} className="text-red-800">
                <button type="button" className="text-left hover:underline" onClick={() => onGoTo(p)}>
                  <span className="font-medium">{describeLocation(p)}</span>: {p.message}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
