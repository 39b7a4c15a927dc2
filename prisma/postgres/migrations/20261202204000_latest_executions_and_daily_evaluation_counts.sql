-- PostgreSQL twin of prisma/migrations/20261202204000_latest_executions_and_daily_evaluation_counts:
-- the tables from prisma migrate diff between the PostgreSQL schemas, the triggers written as
-- PL/pgSQL functions with the SQLite triggers' semantics. Ids compare with COLLATE "C", as SQLite
-- compares text byte by byte, so both pick the same latest execution when two share a createdAt.

-- CreateTable
CREATE TABLE "LatestExecution" (
    "projectId" TEXT NOT NULL,
    "runbookKey" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "tenantKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "executionId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LatestExecution_pkey" PRIMARY KEY ("projectId","runbookKey","environmentId","tenantKey")
);

-- CreateTable
CREATE TABLE "PolicyEvaluationDay" (
    "day" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "PolicyEvaluationDay_pkey" PRIMARY KEY ("day","policyId","outcome")
);

-- CreateIndex
CREATE UNIQUE INDEX "LatestExecution_executionId_key" ON "LatestExecution"("executionId");

-- CreateIndex
CREATE INDEX "PolicyEvaluationDay_policyId_day_idx" ON "PolicyEvaluationDay"("policyId", "day");

-- An execution takes its target's place when it is newer (newest createdAt, then the greater id,
-- the dashboards' order). One upsert statement: instances inserting executions of the same target
-- at once wait on the row's lock and each compares against the other's committed row.
CREATE FUNCTION "LatestExecution_offer"(
    "p_projectId" TEXT, "p_runbookKey" TEXT, "p_environmentId" TEXT, "p_tenantKey" TEXT,
    "p_kind" TEXT, "p_executionId" TEXT, "p_taskId" TEXT, "p_createdAt" TIMESTAMP(3)
) RETURNS void LANGUAGE sql AS $$
    INSERT INTO "LatestExecution" AS latest ("projectId", "runbookKey", "environmentId", "tenantKey", "kind", "executionId", "taskId", "createdAt")
    VALUES ("p_projectId", "p_runbookKey", "p_environmentId", "p_tenantKey", "p_kind", "p_executionId", "p_taskId", "p_createdAt")
    ON CONFLICT ("projectId", "runbookKey", "environmentId", "tenantKey") DO UPDATE
    SET "executionId" = excluded."executionId", "taskId" = excluded."taskId", "createdAt" = excluded."createdAt"
    WHERE excluded."createdAt" > latest."createdAt"
       OR (excluded."createdAt" = latest."createdAt" AND excluded."executionId" COLLATE "C" > latest."executionId" COLLATE "C");
$$;

CREATE FUNCTION "LatestExecution_deployment_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "LatestExecution_offer"(NEW."projectId", '', NEW."environmentId", COALESCE(NEW."tenantId", ''), 'Deploy', NEW."id", NEW."taskId", NEW."createdAt");
    RETURN NULL;
END;
$$;

CREATE FUNCTION "LatestExecution_runbook_run_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "LatestExecution_offer"(NEW."projectId", NEW."runbookId", NEW."environmentId", COALESCE(NEW."tenantId", ''), 'RunbookRun', NEW."id", NEW."taskId", NEW."createdAt");
    RETURN NULL;
END;
$$;

-- A deleted latest execution hands its place to the next newest one of its target, if any. Rows
-- deleted by one statement (a project's cascade) are all gone before these row triggers run.
CREATE FUNCTION "LatestExecution_deployment_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "LatestExecution" WHERE "executionId" = OLD."id";
    IF FOUND THEN
        PERFORM "LatestExecution_offer"(d."projectId", '', d."environmentId", COALESCE(d."tenantId", ''), 'Deploy', d."id", d."taskId", d."createdAt")
        FROM (
            SELECT * FROM "Deployment"
            WHERE "projectId" = OLD."projectId" AND "environmentId" = OLD."environmentId" AND "tenantId" IS NOT DISTINCT FROM OLD."tenantId"
            ORDER BY "createdAt" DESC, "id" COLLATE "C" DESC LIMIT 1
        ) d;
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION "LatestExecution_runbook_run_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "LatestExecution" WHERE "executionId" = OLD."id";
    IF FOUND THEN
        PERFORM "LatestExecution_offer"(r."projectId", r."runbookId", r."environmentId", COALESCE(r."tenantId", ''), 'RunbookRun', r."id", r."taskId", r."createdAt")
        FROM (
            SELECT * FROM "RunbookRun"
            WHERE "runbookId" = OLD."runbookId" AND "environmentId" = OLD."environmentId" AND "tenantId" IS NOT DISTINCT FROM OLD."tenantId"
            ORDER BY "createdAt" DESC, "id" COLLATE "C" DESC LIMIT 1
        ) r;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "LatestExecution_deployment_insert" AFTER INSERT ON "Deployment" FOR EACH ROW EXECUTE FUNCTION "LatestExecution_deployment_insert"();
CREATE TRIGGER "LatestExecution_runbook_run_insert" AFTER INSERT ON "RunbookRun" FOR EACH ROW EXECUTE FUNCTION "LatestExecution_runbook_run_insert"();
CREATE TRIGGER "LatestExecution_deployment_delete" AFTER DELETE ON "Deployment" FOR EACH ROW EXECUTE FUNCTION "LatestExecution_deployment_delete"();
CREATE TRIGGER "LatestExecution_runbook_run_delete" AFTER DELETE ON "RunbookRun" FOR EACH ROW EXECUTE FUNCTION "LatestExecution_runbook_run_delete"();

INSERT INTO "LatestExecution" ("projectId", "runbookKey", "environmentId", "tenantKey", "kind", "executionId", "taskId", "createdAt")
SELECT DISTINCT ON ("projectId", "environmentId", "tenantId") "projectId", '', "environmentId", COALESCE("tenantId", ''), 'Deploy', "id", "taskId", "createdAt"
FROM "Deployment" ORDER BY "projectId", "environmentId", "tenantId", "createdAt" DESC, "id" COLLATE "C" DESC;

INSERT INTO "LatestExecution" ("projectId", "runbookKey", "environmentId", "tenantKey", "kind", "executionId", "taskId", "createdAt")
SELECT DISTINCT ON ("runbookId", "environmentId", "tenantId") "projectId", "runbookId", "environmentId", COALESCE("tenantId", ''), 'RunbookRun', "id", "taskId", "createdAt"
FROM "RunbookRun" ORDER BY "runbookId", "environmentId", "tenantId", "createdAt" DESC, "id" COLLATE "C" DESC;

-- Evaluations counted per UTC day: Prisma writes timestamps in UTC, so the day is the date part,
-- the same text as the first ten characters of SQLite's ISO-8601 dates.
CREATE FUNCTION "PolicyEvaluationDay_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "PolicyEvaluationDay" AS days ("day", "policyId", "outcome", "count")
    VALUES (to_char(NEW."evaluatedAt", 'YYYY-MM-DD'), NEW."policyId", NEW."outcome", 1)
    ON CONFLICT ("day", "policyId", "outcome") DO UPDATE SET "count" = days."count" + 1;
    RETURN NULL;
END;
$$;

CREATE FUNCTION "PolicyEvaluationDay_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "PolicyEvaluationDay" SET "count" = "count" - 1
    WHERE "day" = to_char(OLD."evaluatedAt", 'YYYY-MM-DD') AND "policyId" = OLD."policyId" AND "outcome" = OLD."outcome";
    RETURN NULL;
END;
$$;

CREATE TRIGGER "PolicyEvaluationDay_insert" AFTER INSERT ON "PolicyEvaluation" FOR EACH ROW EXECUTE FUNCTION "PolicyEvaluationDay_insert"();
CREATE TRIGGER "PolicyEvaluationDay_delete" AFTER DELETE ON "PolicyEvaluation" FOR EACH ROW EXECUTE FUNCTION "PolicyEvaluationDay_delete"();

INSERT INTO "PolicyEvaluationDay" ("day", "policyId", "outcome", "count")
SELECT to_char("evaluatedAt", 'YYYY-MM-DD'), "policyId", "outcome", COUNT(*) FROM "PolicyEvaluation" GROUP BY 1, 2, 3;
