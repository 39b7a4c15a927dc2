// The demo instance, described by slugs. build.ts turns it into rows with Octopus ids.

export interface StepDef {
  slug: string;
  name: string;
  actionType: string;
  enabled?: boolean;
  isRequired?: boolean;
  startWithPrevious?: boolean;
  /** A step template (by its slug) or a process template (by its slug), pinned at a version. */
  template?: { kind: "Step Template" | "Process Template"; slug: string; version: string };
  packages?: string[];
  /** A variable expression that decides whether the step runs (a conditional step). */
  runCondition?: string;
  children?: StepDef[];
}

export interface ProjectDef {
  slug: string;
  name: string;
  group: string;
  description: string;
  tags: string[];
  tenanted: boolean;
  /** Release git refs come from a version-controlled process when set. */
  versionControlled: boolean;
  environments: string[];
  /** Deployments and runs to change-controlled environments need an approved change request. */
  requiresChangeApproval?: boolean;
  /** Made from a Platform Hub project template at this version. */
  template?: { slug: string; version: string };
  releaseCount: number;
  /** Deployment process revisions, oldest first; the last one is the live process. */
  revisions: StepDef[][];
  runbooks: RunbookDef[];
}

export interface RunbookDef {
  slug: string;
  name: string;
  description: string;
  environments: string[];
  runCount: number;
  steps: StepDef[];
}

export interface SpaceDef {
  slug: string;
  name: string;
  description: string;
  isDefault: boolean;
  environments: { slug: string; name: string; tags: string[]; changeControlled?: boolean }[];
  projectGroups: { slug: string; name: string; description: string }[];
  tenants: { slug: string; name: string; tags: string[]; connections: Record<string, string[]> }[];
  stepTemplates: { slug: string; name: string; actionType: string; description: string; versions: number }[];
  /** External feeds of the space; packages come from the built-in feed unless PACKAGE_FEEDS says otherwise. */
  feeds: FeedDef[];
  projects: ProjectDef[];
}

export interface FeedDef {
  slug: string;
  name: string;
  feedType: string;
  uri: string;
}

/** Feeds kept in Platform Hub and shared with every space. */
export const PLATFORM_HUB_FEEDS: FeedDef[] = [
  { slug: "platform-container-registry", name: "Platform Container Registry", feedType: "Docker", uri: "https://registry.example.com" },
  { slug: "platform-helm-charts", name: "Platform Helm Charts", feedType: "Helm", uri: "https://charts.example.com" },
];

/** Where each package is taken from, by feed slug (a space feed first, then Platform Hub); the rest use the built-in feed. */
export const PACKAGE_FEEDS: Record<string, string> = {
  "acme.web": "platform-container-registry",
  "portal.web": "platform-container-registry",
  "inventory.service": "platform-container-registry",
  "ingress-nginx": "platform-helm-charts",
  "acme.api": "storefront-nuget",
  "billing.api": "finance-artifactory",
};

export const PROJECT_TEMPLATES = [
  {
    slug: "web-service",
    name: "Web service",
    description: "A containerised service with the platform's deployment process and runbooks",
    versions: ["1.0.0", "1.1.0", "2.0.0"],
  },
] as const;

export const USERS = [
  { username: "admin", displayName: "Administrator", email: "admin@example.com", isService: false },
  { username: "jane.doe", displayName: "Jane Doe", email: "jane.doe@example.com", isService: false },
  { username: "raj.patel", displayName: "Raj Patel", email: "raj.patel@example.com", isService: false },
  { username: "mei.lin", displayName: "Mei Lin", email: "mei.lin@example.com", isService: false },
  { username: "ci-bot", displayName: "CI Service Account", email: null, isService: true },
] as const;

export const PROCESS_TEMPLATES = [
  {
    slug: "deploy-web-app-k8s",
    name: "Deploy web app to Kubernetes",
    description: "The platform team's blessed way to roll out a container to a cluster",
    versions: ["1.0.0", "1.1.0", "2.0.0"],
  },
  {
    slug: "change-approval",
    name: "Change approval",
    description: "A manual approval recorded against the change ticket",
    versions: ["1.0.0", "1.2.0"],
  },
] as const;

const smokeTests = (version: string): StepDef => ({
  slug: "run-smoke-tests",
  name: "Run Smoke Tests",
  actionType: "Octopus.Script",
  template: { kind: "Step Template", slug: "run-smoke-tests", version },
});

const notifySlack = (version: string, startWithPrevious = false): StepDef => ({
  slug: "notify-slack",
  name: "Notify Slack",
  actionType: "Octopus.Script",
  startWithPrevious,
  template: { kind: "Step Template", slug: "notify-slack", version },
});

const migrateDatabase = (version: string, pkg: string): StepDef => ({
  slug: "migrate-database",
  name: "Migrate Database",
  actionType: "Octopus.Script",
  template: { kind: "Step Template", slug: "flyway-migrate", version },
  packages: [pkg],
});

const approveProduction: StepDef = {
  slug: "approve-production",
  name: "Approve Production Deployment",
  actionType: "Octopus.Manual",
};

function acmeProcess(revision: 1 | 2 | 3): StepDef[] {
  return [
    ...(revision >= 2 ? [approveProduction] : []),
    migrateDatabase(revision >= 3 ? "3" : "2", "acme.database"),
    {
      slug: "deploy-acme-web",
      name: "Deploy ACME Web",
      actionType: "Octopus.KubernetesDeployContainers",
      isRequired: true,
      template: { kind: "Process Template", slug: "deploy-web-app-k8s", version: revision >= 3 ? "1.1.0" : "1.0.0" },
      packages: ["acme.web"],
    },
    {
      slug: "deploy-acme-api",
      name: "Deploy ACME API",
      actionType: "Octopus.TentaclePackage",
      startWithPrevious: true,
      packages: ["acme.api"],
      children: [
        { slug: "warm-up-api", name: "Warm Up API", actionType: "Octopus.Script" },
        { slug: "register-load-balancer", name: "Register in Load Balancer", actionType: "Octopus.Script" },
      ],
    },
    smokeTests(revision >= 2 ? "2" : "1"),
    {
      slug: "notify-team",
      name: "Notify Team",
      actionType: "Octopus.Email",
      // Later revisions mail the team only when something went wrong.
      ...(revision >= 3 ? { runCondition: "#{Octopus.Deployment.Error}" } : {}),
    },
    { slug: "update-status-page", name: "Update Status Page", actionType: "Octopus.Script", enabled: revision < 3 },
  ];
}

export const SPACES: SpaceDef[] = [
  {
    slug: "default",
    name: "Default",
    description: "Customer-facing products",
    isDefault: true,
    environments: [
      { slug: "development", name: "Development", tags: ["tier/non-production"] },
      { slug: "test", name: "Test", tags: ["tier/non-production"] },
      { slug: "staging", name: "Staging", tags: ["tier/non-production", "region/us-east"] },
      { slug: "production", name: "Production", tags: ["tier/production", "region/us-east"], changeControlled: true },
    ],
    projectGroups: [
      { slug: "default-project-group", name: "Default Project Group", description: "" },
      { slug: "storefront", name: "Storefront", description: "Everything a customer clicks on" },
      { slug: "finance", name: "Finance", description: "Billing and payments" },
      { slug: "internal-tools", name: "Internal Tools", description: "Tools for our own teams" },
    ],
    tenants: [
      { slug: "globex", name: "Globex", tags: ["tier/gold", "region/us-east"], connections: { "customer-portal": ["test", "staging", "production"] } },
      { slug: "initech", name: "Initech", tags: ["tier/silver", "region/eu-west"], connections: { "customer-portal": ["test", "production"] } },
      { slug: "umbrella", name: "Umbrella", tags: ["tier/gold", "region/ap-south"], connections: { "customer-portal": ["production"] } },
      { slug: "stark-industries", name: "Stark Industries", tags: ["tier/bronze"], connections: { "customer-portal": ["development", "test"] } },
    ],
    stepTemplates: [
      { slug: "run-smoke-tests", name: "Run Smoke Tests", actionType: "Octopus.Script", description: "Calls the health endpoints and fails on any non-200", versions: 3 },
      { slug: "notify-slack", name: "Notify Slack", actionType: "Octopus.Script", description: "Posts the deployment result to a channel", versions: 2 },
      { slug: "flyway-migrate", name: "Flyway Database Migrate", actionType: "Octopus.Script", description: "Runs Flyway migrations from a package", versions: 4 },
    ],
    feeds: [
      { slug: "storefront-nuget", name: "Storefront NuGet", feedType: "NuGet", uri: "https://nuget.example.com/storefront" },
      { slug: "finance-artifactory", name: "Finance Artifactory", feedType: "Maven", uri: "https://artifactory.example.com/finance" },
    ],
    projects: [
      {
        slug: "acme",
        name: "ACME",
        group: "storefront",
        description: "The ACME web shop and its API",
        tags: ["team/storefront", "criticality/high"],
        tenanted: false,
        versionControlled: true,
        environments: ["development", "test", "staging", "production"],
        requiresChangeApproval: true,
        releaseCount: 26,
        revisions: [acmeProcess(1), acmeProcess(2), acmeProcess(3)],
        runbooks: [
          {
            slug: "restart-web-pods",
            name: "Restart Web Pods",
            description: "Rolling restart of the ACME web deployment",
            environments: ["staging", "production"],
            runCount: 24,
            steps: [
              { slug: "restart-pods", name: "Restart Pods", actionType: "Octopus.KubernetesRunScript" },
              notifySlack("2"),
            ],
          },
          {
            slug: "rotate-database-credentials",
            name: "Rotate Database Credentials",
            description: "Issues new database credentials and revokes the old ones",
            environments: ["test", "production"],
            runCount: 12,
            steps: [
              { ...approveProduction, slug: "approve-rotation", name: "Approve Rotation" },
              { slug: "rotate-credentials", name: "Rotate Credentials", actionType: "Octopus.Script", isRequired: true },
              { slug: "email-dba", name: "Email DBA Team", actionType: "Octopus.Email" },
            ],
          },
        ],
      },
      {
        slug: "customer-portal",
        name: "Customer Portal",
        group: "storefront",
        description: "One portal per customer, deployed per tenant",
        tags: ["team/portal", "criticality/high"],
        tenanted: true,
        versionControlled: false,
        environments: ["development", "test", "staging", "production"],
        releaseCount: 14,
        revisions: [
          [
            {
              slug: "change-approval",
              name: "Change Approval",
              actionType: "Octopus.Manual",
              template: { kind: "Process Template", slug: "change-approval", version: "1.2.0" },
            },
            {
              slug: "deploy-portal",
              name: "Deploy Portal",
              actionType: "Octopus.KubernetesDeployContainers",
              isRequired: true,
              template: { kind: "Process Template", slug: "deploy-web-app-k8s", version: "2.0.0" },
              packages: ["portal.web"],
            },
            { ...notifySlack("2", true), runCondition: "#{unless Octopus.Deployment.Tenant.Name == \"Umbrella\"}True#{/unless}" },
          ],
        ],
        runbooks: [
          {
            slug: "provision-tenant",
            name: "Provision Tenant",
            description: "Creates the tenant's database and DNS records",
            environments: ["test", "production"],
            runCount: 14,
            steps: [
              { slug: "create-database", name: "Create Database", actionType: "Octopus.Script" },
              { slug: "create-dns-records", name: "Create DNS Records", actionType: "Octopus.Script", startWithPrevious: true },
            ],
          },
        ],
      },
      {
        slug: "billing-api",
        name: "Billing API",
        group: "finance",
        description: "Invoices, payments and refunds",
        tags: ["team/finance", "criticality/high", "compliance/pci"],
        tenanted: false,
        versionControlled: false,
        environments: ["development", "test", "production"],
        requiresChangeApproval: true,
        releaseCount: 16,
        revisions: [
          [
            migrateDatabase("2", "billing.database"),
            { slug: "deploy-billing-api", name: "Deploy Billing API", actionType: "Octopus.TentaclePackage", isRequired: true, packages: ["billing.api"] },
            smokeTests("1"),
          ],
        ],
        runbooks: [],
      },
      {
        slug: "inventory-service",
        name: "Inventory Service",
        group: "default-project-group",
        description: "Stock levels for every warehouse",
        tags: ["team/logistics"],
        tenanted: false,
        versionControlled: false,
        environments: ["development", "test", "staging", "production"],
        template: { slug: "web-service", version: "1.1.0" },
        releaseCount: 18,
        revisions: [
          [
            { slug: "deploy-inventory", name: "Deploy Inventory Service", actionType: "Octopus.KubernetesDeployContainers", packages: ["inventory.service"] },
            notifySlack("1", true),
          ],
        ],
        runbooks: [],
      },
      {
        slug: "ops-dashboard",
        name: "Ops Dashboard",
        group: "internal-tools",
        description: "The on-call team's wall screen",
        tags: ["team/sre"],
        tenanted: false,
        versionControlled: false,
        environments: ["development", "production"],
        releaseCount: 12,
        revisions: [
          [
            { slug: "deploy-dashboard", name: "Deploy Dashboard", actionType: "Octopus.TentaclePackage", packages: ["ops.dashboard"] },
            { slug: "email-sre", name: "Email SRE", actionType: "Octopus.Email" },
          ],
        ],
        runbooks: [
          {
            slug: "clear-cache",
            name: "Clear Cache",
            description: "Flushes the dashboard's metric cache",
            environments: ["production"],
            runCount: 16,
            steps: [{ slug: "flush-cache", name: "Flush Cache", actionType: "Octopus.Script" }],
          },
        ],
      },
    ],
  },
  {
    slug: "platform-engineering",
    name: "Platform Engineering",
    description: "Shared infrastructure run by the platform team",
    isDefault: false,
    environments: [
      { slug: "development", name: "Development", tags: ["tier/non-production"] },
      { slug: "production", name: "Production", tags: ["tier/production"], changeControlled: true },
    ],
    projectGroups: [{ slug: "infrastructure", name: "Infrastructure", description: "Clusters and networks" }],
    tenants: [],
    stepTemplates: [
      { slug: "helm-upgrade", name: "Helm Upgrade", actionType: "Octopus.HelmChartUpgrade", description: "Upgrades a chart with the platform defaults", versions: 2 },
    ],
    feeds: [],
    projects: [
      {
        slug: "kubernetes-platform",
        name: "Kubernetes Platform",
        group: "infrastructure",
        description: "Cluster add-ons: ingress, cert-manager, monitoring",
        tags: ["team/platform"],
        tenanted: false,
        versionControlled: true,
        environments: ["development", "production"],
        releaseCount: 12,
        revisions: [
          [
            {
              slug: "helm-upgrade-ingress",
              name: "Upgrade Ingress",
              actionType: "Octopus.HelmChartUpgrade",
              template: { kind: "Step Template", slug: "helm-upgrade", version: "2" },
              packages: ["ingress-nginx"],
            },
            { ...approveProduction, isRequired: true },
          ],
        ],
        runbooks: [
          {
            slug: "drain-node",
            name: "Drain Node",
            description: "Cordons and drains a node before maintenance",
            environments: ["development", "production"],
            runCount: 14,
            steps: [{ slug: "drain", name: "Drain", actionType: "Octopus.KubernetesRunScript" }],
          },
        ],
      },
      {
        slug: "shared-networking",
        name: "Shared Networking",
        group: "infrastructure",
        description: "VPCs, peering and DNS zones",
        tags: ["team/platform", "compliance/sox"],
        tenanted: false,
        versionControlled: false,
        environments: ["development", "production"],
        requiresChangeApproval: true,
        releaseCount: 10,
        revisions: [
          [
            { slug: "terraform-plan", name: "Terraform Plan", actionType: "Octopus.TerraformPlan", packages: ["networking.terraform"] },
            { slug: "terraform-apply", name: "Terraform Apply", actionType: "Octopus.TerraformApply", packages: ["networking.terraform"] },
          ],
        ],
        runbooks: [],
      },
    ],
  },
];

export const FEATURE_BRANCHES = [
  "refs/heads/feature/faster-checkout",
  "refs/heads/feature/new-pricing",
  "refs/heads/feature/dark-mode",
  "refs/heads/bugfix/session-timeout",
];

export const FAILURE_MESSAGES = [
  "The remote script failed with exit code 1",
  "Timed out waiting for the rollout of deployment/web to complete",
  "Package acquisition failed: the feed returned 503 Service Unavailable",
  "Health check https://localhost/healthz returned 500 after 5 attempts",
  "Flyway: Validate failed: migration checksum mismatch for version 42",
];
