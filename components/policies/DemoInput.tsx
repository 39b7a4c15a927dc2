"use client";

import { useEffect, useId, useState } from "react";
import { ApiError, policiesApi, type TestInputItem } from "@/lib/editor/api";
import { field } from "./ui";

/** A do-nothing policy: evaluating it returns the input the gate built for an execution. */
const PREVIEW_POLICY = {
  slug: "schema_preview",
  name: "Schema preview",
  description: "",
  violationReason: "",
  violationAction: "warn" as const,
  scopeRego: "package schema_preview\n\ndefault evaluate := false\n",
  conditionsRego: 'package schema_preview\n\ndefault result := {"allowed": true}\n',
};

/** The input of a real demo execution, as the gate builds it. */
export function DemoInput() {
  const [items, setItems] = useState<TestInputItem[]>([]);
  const [taskId, setTaskId] = useState<string>("");
  const [input, setInput] = useState<unknown>(null);
  const [error, setError] = useState<string | null>(null);
  const selectId = useId();

  useEffect(() => {
    policiesApi
      .testInputs("", 20)
      .then(({ items }) => {
        setItems(items);
        const first = items.find((i) => i.kind === "Deploy") ?? items[0];
        if (first) setTaskId(first.taskId);
      })
      .catch((e) => setError(e instanceof ApiError ? e.message : "Recent executions could not be loaded"));
  }, []);

  useEffect(() => {
    if (!taskId) return;
    setInput(null);
    policiesApi
      .test({ policy: PREVIEW_POLICY, taskId })
      .then((r) => setInput(r.input))
      .catch((e) => setError(e instanceof ApiError ? e.message : "The input could not be built"));
  }, [taskId]);

  return (
    <section aria-labelledby="demo-input-heading" className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="demo-input-heading" className="text-base font-semibold">
        Example input
      </h2>
      <p className="mt-0.5 text-xs text-slate-600">The input a policy would see for a recent execution in the demo data.</p>
      <label htmlFor={selectId} className={`${field.label} mt-3`}>
        Execution
      </label>
      <select id={selectId} className={field.input} value={taskId} onChange={(e) => setTaskId(e.target.value)}>
        {items.map((item) => (
          <option key={item.taskId} value={item.taskId}>
            {item.description} ({item.kind === "Deploy" ? "deployment" : "runbook run"})
          </option>
        ))}
      </select>
      {error && (
        <p role="alert" className={field.error}>
          {error}
        </p>
      )}
      <pre className="mt-3 max-h-[70vh] overflow-auto rounded bg-slate-50 p-3 font-mono text-xs" data-testid="demo-input">
        {input === null ? (error ? "" : "Loading…") : JSON.stringify(input, null, 2)}
      </pre>
    </section>
  );
}
