// A second process writing audit records, for the concurrent-writers test of the hash chain.
import { recordAuditEvent } from "../../lib/audit/record";
import { createPrismaClient } from "../../lib/db/client";

async function main(): Promise<void> {
  const db = createPrismaClient();
  const [tag, count] = [process.argv[2], Number(process.argv[3])];
  let failed = 0;
  for (let i = 0; i < count; i++) {
    await recordAuditEvent(db, { eventGroup: "Release created", category: "Created", message: `${tag} ${i}` }).catch(() => failed++);
  }
  await db.$disconnect();
  console.log(JSON.stringify({ written: count - failed }));
}

void main();
