import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { Table, Td, Th } from "@/components/Table";
import { Tags } from "@/components/Tags";
import { TaskStateBadge } from "@/components/TaskStateBadge";
import { getProjectDashboard, type ProjectDashboard } from "@/lib/projects/queries";
import { currentSpace } from "@/lib/spaces/current";
import { formatAge, formatDateTime } from "@/lib/ui/format";

interface Props {
  params: Promise<{ slug: string }>;
}

// The title and the page need the same dashboard: load it once per request.
const loadDashboard = cache(async (slug: string) => {
  const { current } = await currentSpace();
  return { current, dashboard: await getProjectDashboard(slug, current?.id) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { dashboard } = await loadDashboard((await params).slug);
  return { title: dashboard?.project.name ?? "Project not found" };
}

export default async function ProjectPage({ params }: Props) {
  const { current, dashboard } = await loadDashboard((await params).slug);
  if (!dashboard) notFound();
  const { project } = dashboard;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/projects" className="hover:underline">
          Projects
        </Link>{" "}
        / {project.projectGroup.name}
        {project.spaceId !== current?.id && <> · in space {project.space.name}</>}
      </nav>
      <PageHeader title={project.name} description={project.description}>
        <Tags tags={project.tags} />
      </PageHeader>
      <section aria-labelledby="overview" className="mb-8">
        <h2 id="overview" className="mb-3 text-lg font-semibold">
          Environments
        </h2>
        <DeploymentGrid dashboard={dashboard} />
      </section>
      <section aria-labelledby="releases" className="mb-8">
        <h2 id="releases" className="mb-3 text-lg font-semibold">
          Latest releases
        </h2>
        <Releases dashboard={dashboard} />
      </section>
      <section aria-labelledby="runbooks">
        <h2 id="runbooks" className="mb-3 text-lg font-semibold">
          Runbooks
        </h2>
        {dashboard.runbooks.length === 0 ? (
          <p className="text-sm text-slate-600">This project has no runbooks.</p>
        ) : (
          <Table caption="Runbooks">
            <thead>
              <tr>
                <Th>Runbook</Th>
                <Th>Published snapshot</Th>
                <Th>Runs</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {dashboard.runbooks.map((runbook) => (
                <tr key={runbook.id}>
                  <Td>
                    <span className="font-medium">{runbook.name}</span>
                    <span className="block text-xs text-slate-500">{runbook.description}</span>
                  </Td>
                  <Td>{runbook.publishedSnapshot?.name ?? "Not published"}</Td>
                  <Td>{runbook._count.runs}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </>
  );
}

function DeploymentGrid({ dashboard }: { dashboard: ProjectDashboard }) {
  const now = new Date();
  if (dashboard.rows.length === 0) {
    return (
      <EmptyState title="No tenants connected">
        This project deploys per tenant. Connect a tenant to the project and choose its environments to see it here.
      </EmptyState>
    );
  }
  const tenanted = dashboard.rows.some((row) => row.tenant);
  return (
    <Table caption={`Latest deployment per ${tenanted ? "tenant and " : ""}environment`}>
      <thead>
        <tr>
          {tenanted && <Th>Tenant</Th>}
          {dashboard.environments.map((env) => (
            <Th key={env.id}>{env.name}</Th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {dashboard.rows.map((row) => (
          <tr key={row.tenant?.id ?? "untenanted"}>
            {row.tenant && (
              <Td>
                <span className="font-medium">{row.tenant.name}</span>
                <Tags tags={row.tenant.tags} />
              </Td>
            )}
            {row.cells.map((deployment, i) =>
              deployment ? (
                <Td key={dashboard.environments[i].id}>
                  <Link href={`/tasks/${deployment.task.id}`} className="group flex flex-col items-start gap-1">
                    <span className="font-mono text-sm font-semibold group-hover:underline">{deployment.release.version}</span>
                    <TaskStateBadge state={deployment.task.state} />
                    <span className="text-xs text-slate-500">{formatAge(deployment.createdAt, now)}</span>
                  </Link>
                </Td>
              ) : (
                <Td key={dashboard.environments[i].id}>
                  <span className="text-xs text-slate-400">Not deployed</span>
                </Td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function Releases({ dashboard }: { dashboard: ProjectDashboard }) {
  if (dashboard.releases.length === 0) {
    return <EmptyState title="No releases yet">Create a release to deploy this project.</EmptyState>;
  }
  return (
    <Table caption="Latest releases">
      <thead>
        <tr>
          <Th>Version</Th>
          <Th>Created</Th>
          <Th>Git ref</Th>
          <Th>Packages</Th>
          <Th>Deployed to</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {dashboard.releases.map((release) => (
          <tr key={release.id}>
            <Td>
              <span className="font-mono font-semibold">{release.version}</span>
            </Td>
            <Td className="whitespace-nowrap">{formatDateTime(release.createdAt)}</Td>
            <Td>{release.gitRef ? <code className="text-xs">{release.gitRef}</code> : <span className="text-slate-400">—</span>}</Td>
            <Td>
              <ul className="flex flex-col gap-0.5 text-xs">
                {release.packages.map((pkg) => (
                  <li key={pkg.id}>
                    <span className="font-mono">
                      {pkg.packageId} {pkg.version}
                    </span>
                    {pkg.gitRef && <span className="text-slate-500"> from {pkg.gitRef.replace(/^refs\/heads\//, "")}</span>}
                  </li>
                ))}
              </ul>
            </Td>
            <Td>
              {release.environmentIds.length === 0
                ? <span className="text-slate-400">Nowhere yet</span>
                : dashboard.environments.filter((e) => release.environmentIds.includes(e.id)).map((e) => e.name).join(", ")}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
