-- CreateTable
CREATE TABLE "LatestExecution" (
    "projectId" TEXT NOT NULL,
    "runbookKey" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "tenantKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "executionId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("projectId", "runbookKey", "environmentId", "tenantKey")
);

-- CreateTable
CREATE TABLE "PolicyEvaluationDay" (
    "day" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("day", "policyId", "outcome")
);

-- CreateIndex
CREATE UNIQUE INDEX "LatestExecution_executionId_key" ON "LatestExecution"("executionId");

-- CreateIndex
CREATE INDEX "PolicyEvaluationDay_policyId_day_idx" ON "PolicyEvaluationDay"("policyId", "day");


-- Dashboards read the latest execution per target from LatestExecution instead of all history.
-- Same order as the dashboards use: newest createdAt, then the greater id.
CREATE TRIGGER "LatestExecution_deployment_insert" AFTER INSERT ON "Deployment"
BEGIN
    INSERT INTO "LatestExecution" ("projectId", "runbookKey", "environmentId", "tenantKey", "kind", "executionId", "taskId", "createdAt")
    VALUES (NEW."projectId", '', NEW."environmentId", COALESCE(NEW."tenantId", ''), 'Deploy', NEW."id", NEW."taskId", NEW."createdAt")
    ON CONFLICT ("projectId", "runbookKey", "environmentId", "tenantKey") DO UPDATE
    SET "executionId" = excluded."executionId", "taskId" = excluded."taskId", "createdAt" = excluded."createdAt"
    WHERE excluded."createdAt" > "LatestExecution"."createdAt"
       OR (excluded."createdAt" = "LatestExecution"."createdAt" AND excluded."executionId" > "LatestExecution"."executionId");
END;

CREATE TRIGGER "LatestExecution_runbook_run_insert" AFTER INSERT ON "RunbookRun"
BEGIN
    INSERT INTO "LatestExecution" ("projectId", "runbookKey", "environmentId", "tenantKey", "kind", "executionId", "taskId", "createdAt")
    VALUES (NEW."projectId", NEW."runbookId", NEW."environmentId", COALESCE(NEW."tenantId", ''), 'RunbookRun', NEW."id", NEW."taskId", NEW."createdAt")
    ON CONFLICT ("projectId", "runbookKey", "environmentId", "tenantKey") DO UPDATE
    SET "executionId" = excluded."executionId", "taskId" = excluded."taskId", "createdAt" = excluded."createdAt"
    WHERE excluded."createdAt" > "LatestExecution"."createdAt"
       OR (excluded."createdAt" = "LatestExecution"."createdAt" AND excluded."executionId" > "LatestExecution"."executionId");
END;

-- A deleted latest execution hands its place to the next newest one of its target, if any.
CREATE TRIGGER "LatestExecution_deployment_delete" AFTER DELETE ON "Deployment"
WHEN EXISTS (SELECT 1 FROM "LatestExecution" WHERE "executionId" = OLD."id")
BEGIN
    DELETE FROM "LatestExecution" WHERE "executionId" = OLD."id";
    INSERT INTO "LatestExecution" ("projectId", "runbookKey", "environmentId", "tenantKey", "kind", "executionId", "taskId", "createdAt")
    SELECT "projectId", '', "environmentId", COALESCE("tenantId", ''), 'Deploy', "id", "taskId", "createdAt" FROM "Deployment"
    WHERE "projectId" = OLD."projectId" AND "environmentId" = OLD."environmentId" AND "tenantId" IS OLD."tenantId"
    ORDER BY "createdAt" DESC, "id" DESC LIMIT 1;
END;

CREATE TRIGGER "LatestExecution_runbook_run_delete" AFTER DELETE ON "RunbookRun"
WHEN EXISTS (SELECT 1 FROM "LatestExecution" WHERE "executionId" = OLD."id")
BEGIN
    DELETE FROM "LatestExecution" WHERE "executionId" = OLD."id";
    INSERT INTO "LatestExecution" ("projectId", "runbookKey", "environmentId", "tenantKey", "kind", "executionId", "taskId", "createdAt")
    SELECT "projectId", "runbookId", "environmentId", COALESCE("tenantId", ''), 'RunbookRun', "id", "taskId", "createdAt" FROM "RunbookRun"
    WHERE "runbookId" = OLD."runbookId" AND "environmentId" = OLD."environmentId" AND "tenantId" IS OLD."tenantId"
    ORDER BY "createdAt" DESC, "id" DESC LIMIT 1;
END;

INSERT INTO "LatestExecution" ("projectId", "runbookKey", "environmentId", "tenantKey", "kind", "executionId", "taskId", "createdAt")
SELECT "projectId", '', "environmentId", COALESCE("tenantId", ''), 'Deploy', "id", "taskId", "createdAt" FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY "projectId", "environmentId", "tenantId" ORDER BY "createdAt" DESC, "id" DESC) AS "rank" FROM "Deployment"
) WHERE "rank" = 1;

INSERT INTO "LatestExecution" ("projectId", "runbookKey", "environmentId", "tenantKey", "kind", "executionId", "taskId", "createdAt")
SELECT "projectId", "runbookId", "environmentId", COALESCE("tenantId", ''), 'RunbookRun', "id", "taskId", "createdAt" FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY "runbookId", "environmentId", "tenantId" ORDER BY "createdAt" DESC, "id" DESC) AS "rank" FROM "RunbookRun"
) WHERE "rank" = 1;

-- Evaluations counted per UTC day (dates are ISO-8601 text in UTC: the first ten characters).
CREATE TRIGGER "PolicyEvaluationDay_insert" AFTER INSERT ON "PolicyEvaluation"
BEGIN
    INSERT INTO "PolicyEvaluationDay" ("day", "policyId", "outcome", "count")
    VALUES (substr(NEW."evaluatedAt", 1, 10), NEW."policyId", NEW."outcome", 1)
    ON CONFLICT ("day", "policyId", "outcome") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "PolicyEvaluationDay_delete" AFTER DELETE ON "PolicyEvaluation"
BEGIN
    UPDATE "PolicyEvaluationDay" SET "count" = "count" - 1
    WHERE "day" = substr(OLD."evaluatedAt", 1, 10) AND "policyId" = OLD."policyId" AND "outcome" = OLD."outcome";
END;

INSERT INTO "PolicyEvaluationDay" ("day", "policyId", "outcome", "count")
SELECT substr("evaluatedAt", 1, 10), "policyId", "outcome", COUNT(*) FROM "PolicyEvaluation" GROUP BY 1, 2, 3;
