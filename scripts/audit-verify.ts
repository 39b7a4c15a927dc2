// npm run audit:verify: walks the audit hash chain of DATABASE_URL; exits 1 naming the first
// broken or missing record.
import { describeVerification, verifyAuditChain } from "../lib/audit/chain";
import { createPrismaClient } from "../lib/db/client";

async function main(): Promise<number> {
  const db = createPrismaClient();
  try {
    const result = await verifyAuditChain(db);
    (result.ok ? console.log : console.error)(describeVerification(result));
    return result.ok ? 0 : 1;
  } finally {
    await db.$disconnect();
  }
}

main().then((code) => process.exit(code), (e) => { console.error(e); process.exit(2); });
