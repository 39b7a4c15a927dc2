-- PostgreSQL twin of prisma/migrations/20261203084606_latest_execution_outcomes: each latest
-- execution carries the distinct outcome:violationAction pairs of its evaluations, so the projects
-- list reads one table instead of joining every latest execution's evaluations.

-- AlterTable
ALTER TABLE "LatestExecution" ADD COLUMN "outcomes" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "LatestExecution_projectId_outcomes_idx" ON "LatestExecution"("projectId", "outcomes");

-- CreateIndex
CREATE INDEX "LatestExecution_taskId_idx" ON "LatestExecution"("taskId");

-- The one count of a task's pairs: run whenever a row gets a task (a newer execution takes the
-- target, a deleted one hands it back), whatever was written first, the execution or its evaluations.
CREATE FUNCTION "LatestExecution_outcomes_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW."outcomes" := (
        SELECT COALESCE(string_agg("pair" || ' ', ''), '') FROM (
            SELECT DISTINCT e."outcome" || ':' || v."violationAction" AS "pair"
            FROM "PolicyEvaluation" e JOIN "PolicyVersion" v ON v."id" = e."policyVersionId"
            WHERE e."taskId" = NEW."taskId"
        ) pairs
    );
    RETURN NEW;
END;
$$;

-- An evaluation of a latest execution adds its pair unless the row has it already.
CREATE FUNCTION "LatestExecution_outcomes_evaluation_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    "pair" TEXT := NEW."outcome" || ':' || (SELECT "violationAction" FROM "PolicyVersion" WHERE "id" = NEW."policyVersionId");
BEGIN
    UPDATE "LatestExecution" SET "outcomes" = "outcomes" || "pair" || ' '
    WHERE "taskId" = NEW."taskId" AND strpos(' ' || "outcomes", ' ' || "pair" || ' ') = 0;
    RETURN NULL;
END;
$$;

-- A deleted evaluation may have been the last of its pair: count again.
CREATE FUNCTION "LatestExecution_outcomes_evaluation_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "LatestExecution" SET "taskId" = "taskId" WHERE "taskId" = OLD."taskId";
    RETURN NULL;
END;
$$;

CREATE TRIGGER "LatestExecution_outcomes_count" BEFORE INSERT OR UPDATE OF "taskId" ON "LatestExecution" FOR EACH ROW EXECUTE FUNCTION "LatestExecution_outcomes_count"();
CREATE TRIGGER "LatestExecution_outcomes_evaluation_insert" AFTER INSERT ON "PolicyEvaluation" FOR EACH ROW EXECUTE FUNCTION "LatestExecution_outcomes_evaluation_insert"();
CREATE TRIGGER "LatestExecution_outcomes_evaluation_delete" AFTER DELETE ON "PolicyEvaluation" FOR EACH ROW EXECUTE FUNCTION "LatestExecution_outcomes_evaluation_delete"();

UPDATE "LatestExecution" SET "taskId" = "taskId";
