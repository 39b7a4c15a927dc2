/** Timing of one case: N sequential calls after a warm-up, median and p95 in milliseconds. */
export interface Timing {
  name: string;
  median: number;
  p95: number;
  max: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export async function measure(name: string, requests: number, call: () => Promise<unknown>): Promise<Timing> {
  await call();
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { name, median: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] };
}

const MEDIAN_BUDGET_MS = 100;
const P95_BUDGET_MS = 300;

const NAME_WIDTH = 36;
const cell = (n: number) => n.toFixed(1).padStart(9);

export const TABLE_HEADER = `${"case".padEnd(NAME_WIDTH)}  median ms    p95 ms    max ms`;

/** One line of the table the bench prints as it goes; a case over the budget is marked, not failed (a benchmark is not a test). */
export function formatRow(t: Timing): string {
  const over = t.median > MEDIAN_BUDGET_MS || t.p95 > P95_BUDGET_MS ? "  OVER BUDGET" : "";
  return `${t.name.padEnd(NAME_WIDTH)}  ${cell(t.median)} ${cell(t.p95)} ${cell(t.max)}${over}`;
}
