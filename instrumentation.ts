/** Next.js runs this once per server process: the task worker lives here. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The Platform Hub repository is checked (and, with a Git remote, cloned and fetched) at start,
  // so damage shows in the log at once rather than on the first policy read.
  const { platformHub } = await import("./lib/platform-hub");
  void platformHub()
    .ensureRepository()
    .then((ready) => {
      if (!ready.ok) console.error(`Platform Hub: ${ready.error.message}`);
    });
  // The dev server can evaluate this module again; one worker per process is enough.
  const state = globalThis as typeof globalThis & { policyHubWorkerStarted?: boolean };
  if (state.policyHubWorkerStarted) return;
  state.policyHubWorkerStarted = true;
  // SIGTERM/SIGINT let running tasks finish (POLICY_HUB_SHUTDOWN_GRACE_MS) before the server exits.
  const { startServerWorker } = await import("./lib/executions/server-worker");
  startServerWorker();
  // Webhook deliveries from the notification outbox, on every instance (claims keep them single).
  if (process.env.POLICY_HUB_WEBHOOKS !== "off") {
    const [{ startDispatcher }, { prisma }] = await Promise.all([import("./lib/notifications/dispatcher"), import("./lib/db/client")]);
    startDispatcher(prisma);
  }
}
