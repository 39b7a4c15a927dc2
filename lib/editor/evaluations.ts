/**
 * Browser client of `POST /api/policies/[slug]/evaluations`: reads the NDJSON stream line by
 * line and hands each event on as it arrives, so the tab shows results while the run goes on.
 */
import type { EvaluationFilterOptions } from "@/lib/policy-service/evaluations/select";
import type { EvaluationEvent } from "@/lib/policy-service/evaluations/run";
import type { EvaluationFilters } from "@/lib/policy-service/evaluations/schema";
import { ApiError, type PolicyDoc } from "./api";

export type { EvaluatedExecution, EvaluationEvent, Judgement, Scope, Verdict } from "@/lib/policy-service/evaluations/run";
export type { EvaluationFilterOptions, EvaluationFilters };

export type EvaluationBody = ({ policy: PolicyDoc } | { version: string }) & { filters: EvaluationFilters; limit: number };

const url = (slug: string) => `/api/policies/${encodeURIComponent(slug)}/evaluations`;

async function failure(response: Response): Promise<ApiError> {
  const parsed = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
  return new ApiError(response.status, parsed?.error?.code ?? `http_${response.status}`, parsed?.error?.message ?? `The evaluation failed with ${response.status}`);
}

export async function evaluationOptions(slug: string): Promise<EvaluationFilterOptions> {
  const response = await fetch(url(slug), { cache: "no-store" });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as EvaluationFilterOptions;
}

export async function streamEvaluation(slug: string, body: EvaluationBody, onEvent: (event: EvaluationEvent) => void, signal?: AbortSignal): Promise<void> {
  const response = await fetch(url(slug), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal, cache: "no-store" });
  if (!response.ok || !response.body) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      if (!line) continue;
      const event = JSON.parse(line) as EvaluationEvent | { type: "error"; error: { code: string; message: string } };
      if (event.type === "error") throw new ApiError(500, event.error.code, event.error.message);
      onEvent(event);
    }
  }
}
