import type { DbOrTx } from "@/lib/db/client";
import type { LogLevel } from "@/lib/db/enums";
import { insertRows } from "@/lib/db/insert-rows";
import type { RawDb } from "@/lib/db/sqlite-statements";

export const POLICY_SECTION = "Policy evaluation";

interface Entry {
  level: LogLevel;
  section: string;
  message: string;
  occurredAt: Date;
}

/** Buffered lines older than this are written at the next checkpoint. */
const CHECKPOINT_MS = 200;

/**
 * Appends to one task's log. Lines are buffered: `checkpoint` (called after every step) writes
 * them once they have waited a moment, so a watcher sees slow steps as they finish while a run of
 * instant steps costs one write; `flush` writes at once.
 */
export class TaskLog {
  private buffer: Entry[] = [];
  private section = "";
  private warned = false;

  private constructor(
    private readonly db: DbOrTx,
    readonly taskId: string,
    private nextSeq: number,
  ) {}

  /** Continues after the lines already written (the queued line, lines of an earlier attempt). */
  static async open(db: DbOrTx, taskId: string): Promise<TaskLog> {
    const [last] = await db.$queryRaw<{ seq: number | bigint | null }[]>`SELECT MAX("seq") AS "seq" FROM "TaskLogEntry" WHERE "taskId" = ${taskId}`;
    return new TaskLog(db, taskId, Number(last?.seq ?? 0) + 1);
  }

  /** Following lines belong to this section ("" for task-level lines). */
  enter(section: string): void {
    this.section = section;
  }

  write(level: LogLevel, message: string): void {
    if (level === "Warning") this.warned = true;
    this.buffer.push({ level, section: this.section, message, occurredAt: new Date() });
  }

  verbose(message: string): void {
    this.write("Verbose", message);
  }
  info(message: string): void {
    this.write("Info", message);
  }
  warn(message: string): void {
    this.write("Warning", message);
  }
  error(message: string): void {
    this.write("Error", message);
  }
  fatal(message: string): void {
    this.write("Fatal", message);
  }

  /** True once a warning was written: the task then finishes as SuccessWithWarnings. */
  get hasWarnings(): boolean {
    return this.warned;
  }

  async checkpoint(): Promise<void> {
    if (this.buffer.length > 0 && Date.now() - this.buffer[0].occurredAt.getTime() >= CHECKPOINT_MS) await this.flush();
  }

  /** Writes the buffered lines; pass a transaction to write them with the change they describe. */
  async flush(db: RawDb = this.db): Promise<void> {
    if (this.buffer.length === 0) return;
    const entries = this.buffer;
    this.buffer = [];
    const first = this.nextSeq;
    this.nextSeq += entries.length;
    await insertRows(db, "TaskLogEntry", entries.map((e, i) => ({ taskId: this.taskId, seq: first + i, ...e })));
  }
}
