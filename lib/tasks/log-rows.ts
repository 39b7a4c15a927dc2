/**
 * The task log as fixed-height display rows: a header row where the section changes, then one row
 * per line of each message (the policy input is a multi-line JSON document). Fixed heights let the
 * viewer virtualize a 100,000-line log without measuring anything.
 */
/** Log lines per read: the task page's first read and each of its polls. */
export const LOG_BATCH = 5000;

export interface LogEntry {
  seq: number;
  level: string;
  section: string;
  message: string;
  occurredAt: string;
}

export type LogRow =
  | { kind: "section"; key: string; title: string }
  | { kind: "line"; key: string; entry: LogEntry; text: string; first: boolean };

export function buildLogRows(entries: readonly LogEntry[], options: { verbose: boolean }): LogRow[] {
  const rows: LogRow[] = [];
  let section: string | undefined;
  for (const entry of entries) {
    if (!options.verbose && entry.level === "Verbose") continue;
    if (entry.section !== section) {
      section = entry.section;
      if (section) rows.push({ kind: "section", key: `s${entry.seq}`, title: section });
    }
    entry.message.split("\n").forEach((text, i) => rows.push({ kind: "line", key: `${entry.seq}.${i}`, entry, text, first: i === 0 }));
  }
  return rows;
}
