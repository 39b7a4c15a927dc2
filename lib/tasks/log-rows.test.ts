import { describe, expect, it } from "vitest";
import { buildLogRows, type LogEntry } from "./log-rows";

const entry = (seq: number, level: string, section: string, message: string): LogEntry => ({ seq, level, section, message, occurredAt: "2026-11-28T00:00:00.000Z" });

describe("task log rows", () => {
  const entries = [
    entry(1, "Info", "", "The task was queued"),
    entry(2, "Verbose", "Policy evaluation", 'Policy input:\n{\n  "a": 1\n}'),
    entry(3, "Warning", "Policy evaluation", "manual_intervention: warning - Add a step"),
    entry(4, "Info", "Step 1: Deploy", "Deployed"),
  ];

  it("hides verbose lines unless asked, keeping the sections of what is shown", () => {
    expect(buildLogRows(entries, { verbose: false }).map((r) => (r.kind === "section" ? `# ${r.title}` : r.text))).toEqual([
      "The task was queued",
      "# Policy evaluation",
      "manual_intervention: warning - Add a step",
      "# Step 1: Deploy",
      "Deployed",
    ]);
  });

  it("splits multi-line messages into rows, marking the first", () => {
    const rows = buildLogRows(entries, { verbose: true }).filter((r) => r.kind === "line" && r.entry.seq === 2);
    expect(rows.map((r) => (r.kind === "line" ? [r.text, r.first] : null))).toEqual([
      ["Policy input:", true],
      ["{", false],
      ['  "a": 1', false],
      ["}", false],
    ]);
  });
});
