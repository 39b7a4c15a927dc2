-- CreateTable
CREATE TABLE "AuditChainCheckpoint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seq" INTEGER NOT NULL,
    "recordId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "verifiedAt" DATETIME NOT NULL
);

