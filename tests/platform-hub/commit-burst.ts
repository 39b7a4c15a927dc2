/**
 * Child process of the crash test: 20 concurrent policy creations through the store the app
 * uses, one line `ACK <slug> <commit>` per commit the store acknowledged. The test kills it with
 * SIGKILL part way. Usage: tsx tests/platform-hub/commit-burst.ts <gitdir> <round>
 */
import { createPolicy, PlatformHub } from "@/lib/platform-hub";

const [gitdir, round] = process.argv.slice(2);
const hub = new PlatformHub(gitdir);
const author = { name: "Crash Test", email: "crash@example.com" };
const starters = ["manual_intervention_required", "no_steps_skipped", "packages_from_main", "required_tags"];

async function commitOne(i: number): Promise<void> {
  const slug = `r${round}_p${i}`;
  // A commit refused because a crashed writer's ref lock is still fresh is retried: only acknowledged commits count.
  for (let attempt = 0; attempt < 50; attempt++) {
    const created = await createPolicy(hub, "main", { starter: starters[i % starters.length], name: `Round ${round} policy ${i}`, slug }, { author });
    if (created.ok) {
      process.stdout.write(`ACK ${slug} ${created.value.commit}\n`);
      return;
    }
    if (created.error.code !== "stale_branch") throw new Error(`${created.error.code}: ${created.error.message}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

Promise.all(Array.from({ length: 20 }, (_, i) => commitOne(i))).then(
  () => process.stdout.write("DONE\n"),
  (e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  },
);
