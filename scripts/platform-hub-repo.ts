/**
 * npm run repo:check   checks that every object the Platform Hub repository's refs reach reads back intact
 * npm run repo:repair  [-- --from <clone or backup>] repairs it (see lib/platform-hub/repair.ts)
 *
 * Works on PLATFORM_HUB_REPO (default data/platform-hub). Exits 1 while the repository is damaged.
 */
import { platformHubPath } from "@/lib/platform-hub";
import { checkRepository, describeBroken } from "@/lib/platform-hub/integrity";
import { repairRepository } from "@/lib/platform-hub/repair";

function usage(): never {
  console.error("usage: tsx scripts/platform-hub-repo.ts check | repair [--from <repository>]");
  process.exit(2);
}

async function check(gitdir: string): Promise<boolean> {
  const report = await checkRepository(gitdir);
  if (report.broken.length === 0) {
    console.log(`${gitdir}: intact (${report.roots.length} refs, ${report.checked} objects read)`);
    return true;
  }
  console.log(`${gitdir}: DAMAGED, ${report.broken.length} object(s) its refs reach cannot be read:`);
  console.log(`  ${describeBroken(report.broken, 50).split("; ").join("\n  ")}`);
  return false;
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const gitdir = platformHubPath();
  if (command === "check") process.exit((await check(gitdir)) ? 0 : 1);
  if (command !== "repair") usage();
  const fromAt = args.indexOf("--from");
  if (fromAt >= 0 && !args[fromAt + 1]) usage();
  const report = await repairRepository(gitdir, { from: fromAt >= 0 ? args[fromAt + 1] : undefined });
  for (const oid of report.removed) console.log(`removed the damaged object file of ${oid}`);
  for (const oid of report.restored) console.log(`restored ${oid} from ${args[fromAt + 1]}`);
  for (const move of report.moved) {
    console.log(`moved ${move.ref} back from ${move.from} to ${move.to}; ${move.lost.length} commit(s) are no longer on it:`);
    for (const lost of move.lost) console.log(`  lost ${lost.oid} ${lost.message}`);
  }
  for (const left of report.unrepaired) console.log(`could not repair ${left.ref}: ${left.reason}`);
  process.exit((await check(gitdir)) ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
