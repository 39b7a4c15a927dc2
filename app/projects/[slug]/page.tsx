import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { DeploymentGrid } from "@/components/projects/DeploymentGrid";
import { ProjectActions } from "@/components/projects/ProjectActions";
import { RunbooksTab } from "@/components/projects/RunbooksTab";
import { ViolationBanner } from "@/components/projects/ViolationBanner";
import { ExemptionBanner } from "@/components/exemptions/ExemptionBanner";
import { Table, Td, Th } from "@/components/Table";
import { Tags } from "@/components/Tags";
import { getProjectDashboard, RECENT_RELEASES, type ProjectDashboard } from "@/lib/projects/queries";
import { currentSpace } from "@/lib/spaces/current";
import { formatDateTime } from "@/lib/ui/format";
import { Breadcrumb } from "@/components/Breadcrumb";
import { requirePagePermission } from "@/lib/auth/page-access";

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
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

const TABS = [
  { id: "overview", label: "Overview" },
  { id: "runbooks", label: "Runbooks" },
] as const;

export default async function ProjectPage({ params, searchParams }: Props) {
  await requirePagePermission("ProjectView", (await currentSpace()).current?.id);
  const { current, dashboard } = await loadDashboard((await params).slug);
  if (!dashboard) notFound();
  const query = await searchParams;
  const tab = query.tab === "runbooks" ? "runbooks" : "overview";
  const deploy = typeof query.deploy === "string" ? query.deploy : undefined;
  const { project } = dashboard;
  const choices = {
    projectId: project.id,
    tenantedMode: project.tenantedMode,
    environments: dashboard.environments,
    tenants: dashboard.tenants,
  };

  return (
    <>
      <Breadcrumb href="/projects" label="Projects">
        {project.projectGroup.name}
        {project.spaceId !== current?.id && <> · in space {project.space.name}</>}
      </Breadcrumb>
      <PageHeader title={project.name} description={project.description}>
        <div className="flex flex-col items-end gap-2">
          <ProjectActions key={deploy ?? "actions"} choices={choices} projectSlug={project.slug} releases={dashboard.releases} hasOlderReleases={dashboard.releases.length >= RECENT_RELEASES} deployReleaseId={deploy} />
          <Tags tags={project.tags} />
        </div>
      </PageHeader>
      {dashboard.banner && <ViolationBanner banner={dashboard.banner} />}
      {dashboard.exempted.length > 0 && <ExemptionBanner executions={dashboard.exempted} />}
      <nav aria-label="Project sections" className="mb-6 flex gap-1 border-b border-slate-200">
        {TABS.map((t) => (
          <Link
            key={t.id}
            href={t.id === "overview" ? `/projects/${project.slug}` : `/projects/${project.slug}?tab=${t.id}`}
            aria-current={tab === t.id ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${tab === t.id ? "border-brand-500 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {tab === "overview" ? (
        <>
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
            {dashboard.releases.length >= RECENT_RELEASES && (
              <p className="mt-2 text-sm text-slate-600">The {RECENT_RELEASES} newest releases. Older ones can be found by version and deployed from Deploy….</p>
            )}
          </section>
        </>
      ) : (
        <section aria-labelledby="runbooks">
          <h2 id="runbooks" className="mb-3 text-lg font-semibold">
            Runbooks
          </h2>
          <RunbooksTab dashboard={dashboard} choices={choices} />
        </section>
      )}
    </>
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
