-- CreateTable
CREATE TABLE "Counter" (
    "prefix" TEXT NOT NULL PRIMARY KEY,
    "next" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" TEXT,
    "isService" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Space" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ProjectGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "spaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "ProjectGroup_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "spaceId" TEXT NOT NULL,
    "projectGroupId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "tenantedMode" TEXT NOT NULL DEFAULT 'Untenanted',
    "isDisabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Project_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Project_projectGroupId_fkey" FOREIGN KEY ("projectGroupId") REFERENCES "ProjectGroup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Environment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "spaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "sortOrder" INTEGER NOT NULL,
    CONSTRAINT "Environment_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Tenant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "spaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Tenant_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TenantProject" (
    "tenantId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,

    PRIMARY KEY ("tenantId", "projectId"),
    CONSTRAINT "TenantProject_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TenantProject_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TenantProjectEnvironment" (
    "tenantId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,

    PRIMARY KEY ("tenantId", "projectId", "environmentId"),
    CONSTRAINT "TenantProjectEnvironment_tenantId_projectId_fkey" FOREIGN KEY ("tenantId", "projectId") REFERENCES "TenantProject" ("tenantId", "projectId") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TenantProjectEnvironment_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StepTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "spaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "actionType" TEXT NOT NULL,
    CONSTRAINT "StepTemplate_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StepTemplateVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "stepTemplateId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "properties" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StepTemplateVersion_stepTemplateId_fkey" FOREIGN KEY ("stepTemplateId") REFERENCES "StepTemplate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProcessTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ProcessTemplateVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "processTemplateId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "major" INTEGER NOT NULL,
    "minor" INTEGER NOT NULL,
    "patch" INTEGER NOT NULL,
    "steps" TEXT NOT NULL DEFAULT '[]',
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProcessTemplateVersion_processTemplateId_fkey" FOREIGN KEY ("processTemplateId") REFERENCES "ProcessTemplate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Process" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "runbookId" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Process_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Process_runbookId_fkey" FOREIGN KEY ("runbookId") REFERENCES "Runbook" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Step" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "processId" TEXT NOT NULL,
    "parentStepId" TEXT,
    "sortOrder" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "actionType" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "isRequired" BOOLEAN NOT NULL DEFAULT false,
    "startTrigger" TEXT NOT NULL DEFAULT 'StartAfterPrevious',
    "sourceType" TEXT NOT NULL DEFAULT 'Step',
    "sourceSlugOrId" TEXT NOT NULL,
    "sourceVersion" TEXT,
    "properties" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "Step_processId_fkey" FOREIGN KEY ("processId") REFERENCES "Process" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Step_parentStepId_fkey" FOREIGN KEY ("parentStepId") REFERENCES "Step" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StepPackage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "stepId" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "packageId" TEXT NOT NULL,
    "feedId" TEXT NOT NULL DEFAULT 'feeds-builtin',
    CONSTRAINT "StepPackage_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "Step" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BuildInformation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "packageId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "gitRef" TEXT NOT NULL,
    "gitCommit" TEXT NOT NULL,
    "buildUrl" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Runbook" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "publishedSnapshotId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Runbook_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Runbook_publishedSnapshotId_fkey" FOREIGN KEY ("publishedSnapshotId") REFERENCES "RunbookSnapshot" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunbookSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runbookId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "processSnapshot" TEXT NOT NULL,
    "processRevision" INTEGER NOT NULL,
    "gitRef" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RunbookSnapshot_runbookId_fkey" FOREIGN KEY ("runbookId") REFERENCES "Runbook" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Release" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "spaceId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "gitRef" TEXT,
    "gitCommit" TEXT,
    "processSnapshot" TEXT NOT NULL,
    "processRevision" INTEGER NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Release_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Release_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Release_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReleasePackage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "releaseId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "packageId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "gitRef" TEXT,
    "gitCommit" TEXT,
    CONSTRAINT "ReleasePackage_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Deployment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "spaceId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "tenantId" TEXT,
    "taskId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "skippedStepIds" TEXT NOT NULL DEFAULT '[]',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Deployment_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Deployment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Deployment_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Deployment_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Deployment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Deployment_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ServerTask" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Deployment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunbookRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "spaceId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "runbookId" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "tenantId" TEXT,
    "taskId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "skippedStepIds" TEXT NOT NULL DEFAULT '[]',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RunbookRun_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RunbookRun_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RunbookRun_runbookId_fkey" FOREIGN KEY ("runbookId") REFERENCES "Runbook" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RunbookRun_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "RunbookSnapshot" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RunbookRun_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RunbookRun_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "RunbookRun_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ServerTask" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RunbookRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ServerTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "spaceId" TEXT,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'Queued',
    "projectId" TEXT,
    "environmentId" TEXT,
    "tenantId" TEXT,
    "createdById" TEXT,
    "queuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "completedAt" DATETIME,
    "errorMessage" TEXT,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "hasWarnings" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "ServerTask_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ServerTask_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ServerTask_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ServerTask_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ServerTask_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TaskLogEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "taskId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "level" TEXT NOT NULL,
    "section" TEXT NOT NULL DEFAULT '',
    "message" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TaskLogEntry_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ServerTask" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Policy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Policy_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "policyId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "major" INTEGER NOT NULL,
    "minor" INTEGER NOT NULL,
    "patch" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "violationReason" TEXT,
    "violationAction" TEXT NOT NULL DEFAULT 'block',
    "ocl" TEXT NOT NULL,
    "commitId" TEXT NOT NULL,
    "publishedById" TEXT,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "isActive" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "PolicyVersion_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Policy" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PolicyVersion_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PolicyEvaluation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "policyId" TEXT NOT NULL,
    "policyVersionId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "deploymentId" TEXT,
    "runbookRunId" TEXT,
    "spaceId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "tenantId" TEXT,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "scopeValue" TEXT NOT NULL,
    "rawResult" TEXT,
    "durationMs" REAL NOT NULL,
    "evaluatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PolicyEvaluation_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Policy" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PolicyEvaluation_policyVersionId_fkey" FOREIGN KEY ("policyVersionId") REFERENCES "PolicyVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PolicyEvaluation_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ServerTask" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PolicyEvaluation_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PolicyEvaluation_runbookRunId_fkey" FOREIGN KEY ("runbookRunId") REFERENCES "RunbookRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PolicyEvaluation_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PolicyEvaluation_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PolicyEvaluation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "occurredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "eventGroup" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "userId" TEXT,
    "username" TEXT,
    "spaceId" TEXT,
    "projectId" TEXT,
    "environmentId" TEXT,
    "tenantId" TEXT,
    "taskId" TEXT,
    "policyId" TEXT,
    "policyVersionId" TEXT,
    "outcome" TEXT,
    "details" TEXT NOT NULL DEFAULT '{}'
);

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE UNIQUE INDEX "Space_name_key" ON "Space"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Space_slug_key" ON "Space"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectGroup_spaceId_slug_key" ON "ProjectGroup"("spaceId", "slug");

-- CreateIndex
CREATE INDEX "Project_projectGroupId_idx" ON "Project"("projectGroupId");

-- CreateIndex
CREATE UNIQUE INDEX "Project_spaceId_slug_key" ON "Project"("spaceId", "slug");

-- CreateIndex
CREATE INDEX "Environment_spaceId_sortOrder_idx" ON "Environment"("spaceId", "sortOrder");

-- CreateIndex
CREATE UNIQUE INDEX "Environment_spaceId_slug_key" ON "Environment"("spaceId", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_spaceId_slug_key" ON "Tenant"("spaceId", "slug");

-- CreateIndex
CREATE INDEX "TenantProject_projectId_idx" ON "TenantProject"("projectId");

-- CreateIndex
CREATE INDEX "TenantProjectEnvironment_environmentId_idx" ON "TenantProjectEnvironment"("environmentId");

-- CreateIndex
CREATE UNIQUE INDEX "StepTemplate_spaceId_slug_key" ON "StepTemplate"("spaceId", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "StepTemplateVersion_stepTemplateId_version_key" ON "StepTemplateVersion"("stepTemplateId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ProcessTemplate_slug_key" ON "ProcessTemplate"("slug");

-- CreateIndex
CREATE INDEX "ProcessTemplateVersion_processTemplateId_major_minor_patch_idx" ON "ProcessTemplateVersion"("processTemplateId", "major", "minor", "patch");

-- CreateIndex
CREATE UNIQUE INDEX "ProcessTemplateVersion_processTemplateId_version_key" ON "ProcessTemplateVersion"("processTemplateId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Process_runbookId_key" ON "Process"("runbookId");

-- CreateIndex
CREATE INDEX "Process_projectId_kind_idx" ON "Process"("projectId", "kind");

-- CreateIndex
CREATE INDEX "Step_processId_parentStepId_sortOrder_idx" ON "Step"("processId", "parentStepId", "sortOrder");

-- CreateIndex
CREATE UNIQUE INDEX "Step_processId_slug_key" ON "Step"("processId", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "StepPackage_stepId_name_key" ON "StepPackage"("stepId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "BuildInformation_packageId_version_key" ON "BuildInformation"("packageId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Runbook_publishedSnapshotId_key" ON "Runbook"("publishedSnapshotId");

-- CreateIndex
CREATE UNIQUE INDEX "Runbook_projectId_slug_key" ON "Runbook"("projectId", "slug");

-- CreateIndex
CREATE INDEX "RunbookSnapshot_runbookId_createdAt_idx" ON "RunbookSnapshot"("runbookId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RunbookSnapshot_runbookId_name_key" ON "RunbookSnapshot"("runbookId", "name");

-- CreateIndex
CREATE INDEX "Release_projectId_createdAt_idx" ON "Release"("projectId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Release_projectId_version_key" ON "Release"("projectId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ReleasePackage_releaseId_stepId_name_key" ON "ReleasePackage"("releaseId", "stepId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Deployment_taskId_key" ON "Deployment"("taskId");

-- CreateIndex
CREATE INDEX "Deployment_projectId_environmentId_tenantId_createdAt_idx" ON "Deployment"("projectId", "environmentId", "tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Deployment_releaseId_idx" ON "Deployment"("releaseId");

-- CreateIndex
CREATE INDEX "Deployment_environmentId_createdAt_idx" ON "Deployment"("environmentId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RunbookRun_taskId_key" ON "RunbookRun"("taskId");

-- CreateIndex
CREATE INDEX "RunbookRun_runbookId_environmentId_tenantId_createdAt_idx" ON "RunbookRun"("runbookId", "environmentId", "tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "RunbookRun_projectId_createdAt_idx" ON "RunbookRun"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "ServerTask_queuedAt_idx" ON "ServerTask"("queuedAt");

-- CreateIndex
CREATE INDEX "ServerTask_state_queuedAt_idx" ON "ServerTask"("state", "queuedAt");

-- CreateIndex
CREATE INDEX "ServerTask_spaceId_queuedAt_idx" ON "ServerTask"("spaceId", "queuedAt");

-- CreateIndex
CREATE INDEX "ServerTask_projectId_queuedAt_idx" ON "ServerTask"("projectId", "queuedAt");

-- CreateIndex
CREATE INDEX "ServerTask_environmentId_queuedAt_idx" ON "ServerTask"("environmentId", "queuedAt");

-- CreateIndex
CREATE INDEX "ServerTask_kind_queuedAt_idx" ON "ServerTask"("kind", "queuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "TaskLogEntry_taskId_seq_key" ON "TaskLogEntry"("taskId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Policy_slug_key" ON "Policy"("slug");

-- CreateIndex
CREATE INDEX "PolicyVersion_policyId_major_minor_patch_idx" ON "PolicyVersion"("policyId", "major", "minor", "patch");

-- CreateIndex
CREATE INDEX "PolicyVersion_isActive_idx" ON "PolicyVersion"("isActive");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_policyId_version_key" ON "PolicyVersion"("policyId", "version");

-- CreateIndex
CREATE INDEX "PolicyEvaluation_taskId_idx" ON "PolicyEvaluation"("taskId");

-- CreateIndex
CREATE INDEX "PolicyEvaluation_policyId_evaluatedAt_idx" ON "PolicyEvaluation"("policyId", "evaluatedAt");

-- CreateIndex
CREATE INDEX "PolicyEvaluation_projectId_environmentId_tenantId_evaluatedAt_idx" ON "PolicyEvaluation"("projectId", "environmentId", "tenantId", "evaluatedAt");

-- CreateIndex
CREATE INDEX "PolicyEvaluation_outcome_evaluatedAt_idx" ON "PolicyEvaluation"("outcome", "evaluatedAt");

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_idx" ON "AuditEvent"("occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_eventGroup_occurredAt_idx" ON "AuditEvent"("eventGroup", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_projectId_occurredAt_idx" ON "AuditEvent"("projectId", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_environmentId_occurredAt_idx" ON "AuditEvent"("environmentId", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_occurredAt_idx" ON "AuditEvent"("tenantId", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_policyId_occurredAt_idx" ON "AuditEvent"("policyId", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_outcome_occurredAt_idx" ON "AuditEvent"("outcome", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_userId_occurredAt_idx" ON "AuditEvent"("userId", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_spaceId_occurredAt_idx" ON "AuditEvent"("spaceId", "occurredAt" DESC);


-- At most one active version per policy (spec: lifecycle step 4). Prisma cannot declare a
-- partial index, so it lives here only.
CREATE UNIQUE INDEX "PolicyVersion_one_active_per_policy" ON "PolicyVersion"("policyId") WHERE "isActive" = 1;
