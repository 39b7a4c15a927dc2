/**
 * One instance of the cluster test: the server's worker (claims, heartbeat, recovery of stopped
 * instances, drain on SIGTERM) on DATABASE_URL, named by POLICY_HUB_INSTANCE_ID, with nothing
 * else of the server, so three of them fit on a small machine.
 */
import { startServerWorker } from "@/lib/executions/server-worker";

startServerWorker();
console.log(`instance ${process.env.POLICY_HUB_INSTANCE_ID} started`);
