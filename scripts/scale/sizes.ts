/** How big the scratch instance is. `large` is the target; `small` keeps test:all honest. */
export interface ScaleSize {
  projects: number;
  environments: number;
  tenants: number;
  /** Share of projects that are tenanted, each connected to `tenantsPerProject` tenants. */
  tenantedShare: number;
  tenantsPerProject: number;
  /** Deployments plus runbook runs, spread over `days`. */
  executions: number;
  runbookRunShare: number;
  days: number;
  /** In-scope policy evaluations per execution. */
  evaluationsPerExecution: number;
  auditRecords: number;
  /** Tasks that get a long log, and its length; every other task gets a few lines. */
  longLogTasks: number;
  longLogLines: number;
  policies: number;
  /** Requests per measured case. */
  requests: number;
}

export const SIZES = {
  large: {
    projects: 500, environments: 6, tenants: 100, tenantedShare: 0.2, tenantsPerProject: 10,
    executions: 1_000_000, runbookRunShare: 0.2, days: 730, evaluationsPerExecution: 3,
    auditRecords: 10_000_000, longLogTasks: 5, longLogLines: 100_000, policies: 50, requests: 30,
  },
  medium: {
    projects: 500, environments: 6, tenants: 100, tenantedShare: 0.2, tenantsPerProject: 10,
    executions: 100_000, runbookRunShare: 0.2, days: 730, evaluationsPerExecution: 3,
    auditRecords: 1_000_000, longLogTasks: 3, longLogLines: 100_000, policies: 50, requests: 30,
  },
  small: {
    projects: 20, environments: 4, tenants: 10, tenantedShare: 0.2, tenantsPerProject: 5,
    executions: 1_000, runbookRunShare: 0.2, days: 730, evaluationsPerExecution: 3,
    auditRecords: 10_000, longLogTasks: 1, longLogLines: 1_000, policies: 50, requests: 5,
  },
} as const satisfies Record<string, ScaleSize>;

export type SizeName = keyof typeof SIZES;
export const isSizeName = (name: string): name is SizeName => name in SIZES;
