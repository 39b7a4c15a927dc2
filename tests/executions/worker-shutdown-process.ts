/**
 * A server process for the shutdown test: SIGTERM/SIGINT listeners that exit at once, as `next start`
 * installs before it calls `register()`, then the app's instrumentation, which starts the worker.
 */
import { register } from "../../instrumentation";

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    console.log(`next-like listener: exiting on ${signal}`);
    process.exit(143);
  });
}

void register().then(() => console.log("worker started"));
