/**
 * npm run bench:scale: builds a scratch database the size of a large instance (see
 * scripts/scale/sizes.ts) and prints the server time of every page and list API, measured by
 * calling the same lib/ functions the pages and route handlers call.
 *
 *   npm run bench:scale                  # 500 projects, 1M executions, 10M audit records, on SQLite
 *   npm run bench:scale -- --db postgres # the same on a throwaway PostgreSQL server (scripts/pg-test-server.sh)
 *   npm run bench:scale -- --size small  # a thousandth of that, under a minute (part of test:all, both databases)
 *   npm run bench:scale -- --keep        # leave the database (and the PostgreSQL server running) for
 *                                        # EXPLAIN; prints the DATABASE_URL and a kept.json for --reuse
 *   npm run bench:scale -- --reuse <kept.json>  # time a kept database again, after applying new migrations
 *   npm run bench:scale -- --requests 5  # fewer requests per case (default: 30, small: 5)
 *   npm run bench:scale -- --full-chain  # also time npm run audit:verify's full walk (minutes at 10M
 *                                        # records; always done at --size small, which checks the generated chain)
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateInstance, type GeneratedInstance } from "./scale/generate";
import { formatRow, measure, TABLE_HEADER } from "./scale/measure";
import { openPostgresSink } from "./scale/postgres-sink";
import type { ScaleSink } from "./scale/sink";
import { isSizeName, SIZES } from "./scale/sizes";
import { openSqliteSink } from "./scale/sqlite-sink";
import { startThrowawayPostgres } from "./throwaway-postgres";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "large" }, db: { type: "string", default: "sqlite" }, keep: { type: "boolean", default: false },
    reuse: { type: "string" }, requests: { type: "string" }, "full-chain": { type: "boolean", default: false },
  },
});
if (!isSizeName(values.size)) throw new Error(`--size is one of ${Object.keys(SIZES).join(", ")}`);
if (values.db !== "sqlite" && values.db !== "postgres") throw new Error("--db is sqlite or postgres");
const size = SIZES[values.size];
const requests = values.requests ? Number(values.requests) : size.requests;

/** What --keep writes and --reuse reads: where the database is and what was generated in it. */
interface Kept {
  url: string;
  /** The throwaway PostgreSQL server's folder, for scripts/pg-test-server.sh stop. */
  pgDir?: string;
  now: number;
  instance: GeneratedInstance;
}

/** A scratch database of the chosen kind, and how to fill it, report its size and remove it. */
interface Scratch {
  url: string;
  dir: string;
  pgDir?: string;
  sink(): Promise<ScaleSink>;
  bytes(): Promise<number>;
  remove(): void;
}

function sqliteScratch(): Scratch {
  const dir = mkdtempSync(path.join(tmpdir(), "policy-hub-scale-"));
  const file = path.join(dir, "scale.db");
  return {
    url: `file:${file}`, dir,
    sink: async () => openSqliteSink(file),
    bytes: async () => statSync(file).size,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresScratch(): Scratch {
  const server = startThrowawayPostgres("policy_hub_scale");
  const { url } = server;
  const dir = mkdtempSync(path.join(tmpdir(), "policy-hub-scale-"));
  return {
    url, dir, pgDir: server.dir,
    sink: () => openPostgresSink(url, dir, (line) => console.log(line)),
    bytes: async () => Number(execFileSync("psql", ["-X", "-At", "-d", url, "-c", "SELECT pg_database_size(current_database())"], { encoding: "utf8" })),
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
      server.stop();
    },
  };
}

const started = performance.now();

/** Points the process at `url` (before anything imports lib/db) and applies the migrations. */
function useDatabase(url: string): void {
  process.env.DATABASE_URL = url;
  execFileSync("npx", ["tsx", "scripts/db-migrate.ts"], { stdio: "ignore", env: process.env });
}

async function build(scratch: Scratch): Promise<Kept> {
  useDatabase(scratch.url);
  const now = Date.now();
  console.log(`Building a ${values.size} instance in ${scratch.url}`);
  const instance = await generateInstance(await scratch.sink(), size, now, (line) => console.log(line));
  console.log(`Built in ${((performance.now() - started) / 1000).toFixed(0)} s, ${((await scratch.bytes()) / 1e9).toFixed(2)} GB`);
  return { url: scratch.url, pgDir: scratch.pgDir, now, instance };
}

async function main() {
  if (values.reuse) {
    const kept: Kept = JSON.parse(readFileSync(values.reuse, "utf8"));
    useDatabase(kept.url);
    console.log(`Timing ${kept.url} again, built with --size ${values.size}`);
    return time(kept);
  }
  // A scratch database, never the demo one.
  const scratch = values.db === "postgres" ? postgresScratch() : sqliteScratch();
  // Interrupted, it still stops its PostgreSQL server and removes its files (gigabytes at full size).
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      if (!values.keep) scratch.remove();
      process.exit(130);
    });
  }
  try {
    const kept = await build(scratch);
    await time(kept);
    if (values.keep) {
      const file = path.join(scratch.dir, "kept.json");
      writeFileSync(file, JSON.stringify(kept));
      console.log(`Kept DATABASE_URL=${kept.url}; time it again with --reuse ${file}`);
      if (kept.pgDir) console.log(`Stop the server with: bash scripts/pg-test-server.sh stop ${kept.pgDir}`);
    }
  } finally {
    if (!values.keep) scratch.remove();
  }
}

/**
 * Times every case. The lib/ query modules use the process-wide client, which reads DATABASE_URL
 * when first imported: they are imported here, after useDatabase.
 */
async function time({ now, instance }: Kept): Promise<void> {
  const { prisma } = await import("../lib/db/client");
  const { listProjectGroups, getProjectDashboard } = await import("../lib/projects/queries");
  const { getProjectDashboardState } = await import("../lib/executions/dashboard");
  const tasksApi = await import("../lib/executions/task-queries");
  const { queryAuditPage } = await import("../lib/audit/query/page");
  const { auditFilterOptions, auditNames } = await import("../lib/audit/query/names");
  const { decodeCursor, encodeCursor } = await import("../lib/audit/query/cursor");
  const { encodePosition } = await import("../lib/paging");
  const { verifyAuditChain, verifyAuditChainSinceCheckpoint } = await import("../lib/audit/chain");
  const { complianceOverview } = await import("../lib/compliance/overview");
  const { outcomesOfLastWeek } = await import("../lib/policy-service/stats");

  const space = "Spaces-1";
  const [environment] = instance.environmentIds;
  const { tenantedProject, untenantedProject } = instance;
  const tenant = (await prisma.tenantProject.findFirst({ where: { projectId: tenantedProject.id }, select: { tenantId: true } }))?.tenantId ?? instance.tenantIds[0];
  const middle = await prisma.auditEvent.findUnique({ where: { seq: Math.ceil(size.auditRecords / 2) }, select: { id: true, occurredAt: true } });
  const deepCursor = middle ? decodeCursor(encodeCursor(middle)) : undefined;
  const day = (offsetDays: number) => new Date(now - offsetDays * 86_400_000).toISOString().slice(0, 10);
  const middleTask = await prisma.serverTask.findUnique({ where: { id: `ServerTasks-${Math.ceil(size.executions / 2)}` }, select: { id: true, queuedAt: true } });
  const deepTaskCursor = middleTask ? encodePosition({ at: middleTask.queuedAt, id: middleTask.id }) : undefined;

  const cases: [string, () => Promise<unknown>][] = [
    ["projects: page (listProjectGroups)", () => listProjectGroups(space)],
    ["project overview: tenanted", () => getProjectDashboard(tenantedProject.slug, space)],
    ["project overview: untenanted", () => getProjectDashboard(untenantedProject.slug, space)],
    ["project dashboard API", () => getProjectDashboardState(prisma, { id: tenantedProject.id })],
    ["tasks page: all", () => tasksApi.listTasks(prisma, { spaceId: space })],
    ["tasks page: state Failed", () => tasksApi.listTasks(prisma, { spaceId: space, state: "Failed" })],
    ["tasks page: state Queued", () => tasksApi.listTasks(prisma, { spaceId: space, state: "Queued" })],
    ["tasks page: kind RunbookRun", () => tasksApi.listTasks(prisma, { spaceId: space, kind: "RunbookRun" })],
    ["tasks page: project", () => tasksApi.listTasks(prisma, { spaceId: space, projectId: tenantedProject.id })],
    ["tasks page: environment", () => tasksApi.listTasks(prisma, { spaceId: space, environmentId: environment })],
    ["tasks page: project+env+Failed", () => tasksApi.listTasks(prisma, { spaceId: space, projectId: tenantedProject.id, environmentId: environment, state: "Failed" })],
    ["tasks page: deep page (middle)", () => tasksApi.listTasks(prisma, { spaceId: space, cursor: deepTaskCursor })],
    ["tasks page: deep page, Failed, newer", () => tasksApi.listTasks(prisma, { spaceId: space, state: "Failed", cursor: deepTaskCursor, direction: "newer" })],
    ["tasks page: filter options", () => tasksApi.taskFilterOptions(prisma, space)],
    ["tasks API: all spaces", () => tasksApi.listTasks(prisma, {})],
    ["tasks API: state Success,Failed", () => tasksApi.listTasks(prisma, { spaceId: space, state: "Success,Failed" })],
    ["tasks API: tenant", () => tasksApi.listTasks(prisma, { spaceId: space, tenantId: tenant })],
    ["task page: first read", () => tasksApi.getTaskWithLog(prisma, instance.longLogTask, { limit: 5000 })],
    ["task API: long log, first page", () => tasksApi.getTaskWithLog(prisma, instance.longLogTask)],
    ["task API: long log, deep page", () => tasksApi.getTaskWithLog(prisma, instance.longLogTask, { afterSeq: Math.floor(size.longLogLines * 0.9) })],
    ["task API: long log, Warning+", () => tasksApi.getTaskWithLog(prisma, instance.longLogTask, { level: "Warning" })],
    ["task API: short log", () => tasksApi.getTaskWithLog(prisma, instance.shortLogTask)],
    ["audit: newest", () => queryAuditPage(prisma, { filter: {} })],
    ["audit: group", () => queryAuditPage(prisma, { filter: { group: ["Deployment queued"] } })],
    ["audit: two groups", () => queryAuditPage(prisma, { filter: { group: ["Compliance Policy Evaluated", "User signed in"] } })],
    ["audit: project", () => queryAuditPage(prisma, { filter: { project: tenantedProject.id } })],
    ["audit: environment", () => queryAuditPage(prisma, { filter: { environment } })],
    ["audit: tenant", () => queryAuditPage(prisma, { filter: { tenant } })],
    ["audit: policy", () => queryAuditPage(prisma, { filter: { policy: instance.policyIds[0] } })],
    ["audit: outcome block", () => queryAuditPage(prisma, { filter: { outcome: "block" } })],
    ["audit: user", () => queryAuditPage(prisma, { filter: { user: instance.userIds[0] } })],
    ["audit: 30 days a year ago", () => queryAuditPage(prisma, { filter: { from: day(395), to: day(365) } })],
    ["audit: project+outcome+user", () => queryAuditPage(prisma, { filter: { project: tenantedProject.id, outcome: "block", user: instance.userIds[0] } })],
    ["audit: deep page (middle)", () => queryAuditPage(prisma, { filter: {}, cursor: deepCursor })],
    ["audit: deep page, project", () => queryAuditPage(prisma, { filter: { project: tenantedProject.id }, cursor: deepCursor })],
    ["audit: deep page, newer", () => queryAuditPage(prisma, { filter: { policy: instance.policyIds[1] }, cursor: deepCursor, direction: "newer" })],
    ["audit page: chain since checkpoint", () => verifyAuditChainSinceCheckpoint(prisma)],
    ["audit: filter options + names", async () => auditNames(prisma, (await queryAuditPage(prisma, { filter: {} })).rows).then(() => auditFilterOptions(prisma))],
    ["compliance overview: 90 days", () => complianceOverview(prisma, "90d", new Date(now))],
    ["compliance overview: 7 days", () => complianceOverview(prisma, "7d", new Date(now))],
    ["policies list: 7-day counts", () => outcomesOfLastWeek(prisma, instance.policyIds, new Date(now))],
  ];
  console.log(`\n${values.size}: ${Object.entries(instance.counts).map(([t, n]) => `${t} ${n}`).join(", ")}; ${requests} requests per case\n`);
  console.log(TABLE_HEADER);
  for (const [name, call] of cases) console.log(formatRow(await measure(name, requests, call)));
  if (values["full-chain"] || values.size === "small") {
    // The full walk of npm run audit:verify, timed once: it grows with the log (the page starts at the checkpoint).
    const chainStarted = performance.now();
    const verification = await verifyAuditChain(prisma);
    if (!verification.ok) throw new Error(`The generated audit chain does not verify: ${verification.broken.reason}`);
    console.log(`\naudit:verify, the full walk, over ${verification.verified} records, once: ${(performance.now() - chainStarted).toFixed(0)} ms`);
  }
  console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);
  await prisma.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
