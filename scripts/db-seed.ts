import { prisma } from "../lib/db/client";
import { databaseUrl } from "../lib/db/url";
import { seedDemoData } from "../lib/seed";

async function main(): Promise<void> {
  const started = Date.now();
  const { inserted } = await seedDemoData(prisma);
  const note = inserted === 0 ? " (already seeded)" : "";
  console.log(`Seeded ${databaseUrl()}: ${inserted} rows inserted in ${Date.now() - started} ms${note}`);
  await prisma.$disconnect();
}

void main();
