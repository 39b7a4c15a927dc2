import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { ViolationMarker } from "@/components/projects/ViolationMarker";
import { Tags } from "@/components/Tags";
import { TaskStateBadge } from "@/components/TaskStateBadge";
import { listProjectGroups } from "@/lib/projects/queries";
import { currentSpace } from "@/lib/spaces/current";
import { formatAge } from "@/lib/ui/format";
import { requirePagePermission } from "@/lib/auth/page-access";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage() {
  await requirePagePermission("ProjectView", (await currentSpace()).current?.id);
  const { current } = await currentSpace();
  const groups = current ? await listProjectGroups(current.id) : [];
  const now = new Date();
  const hasProjects = groups.some((g) => g.projects.length > 0);

  return (
    <>
      <PageHeader title="Projects" description={current ? `Everything deployed from the ${current.name} space` : undefined} />
      {!hasProjects && (
        <EmptyState title="No projects yet">
          Load the demo instance with <code className="font-mono">npm run db:seed</code>, or create a project in this space.
        </EmptyState>
      )}
      <div className="flex flex-col gap-8">
        {groups
          .filter((group) => group.projects.length > 0)
          .map((group) => (
            <section key={group.id} aria-labelledby={`group-${group.id}`}>
              <h2 id={`group-${group.id}`} className="mb-1 text-lg font-semibold text-slate-800">
                {group.name}
              </h2>
              {group.description && <p className="mb-3 text-sm text-slate-600">{group.description}</p>}
              <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
                {group.projects.map((project) => (
                  <li key={project.id}>
                    <Link
                      href={`/projects/${project.slug}`}
                      className="flex h-full flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500"
                    >
                      <span className="flex items-center justify-between gap-2">
                        <span className="font-semibold text-slate-900">{project.name}</span>
                        <span className="flex items-center gap-2">
                          <ViolationMarker violation={project.violation} />
                          {project.tenantedMode !== "Untenanted" && <span className="text-xs text-slate-500">Tenanted</span>}
                        </span>
                      </span>
                      <span className="text-sm text-slate-600">{project.description}</span>
                      <Tags tags={project.tags} />
                      <span className="mt-auto flex items-center gap-2 pt-1 text-xs text-slate-500">
                        {project.latestDeployment ? (
                          <>
                            <TaskStateBadge state={project.latestDeployment.task.state} />
                            {project.latestDeployment.release.version} to {project.latestDeployment.environment.name},{" "}
                            {formatAge(project.latestDeployment.createdAt, now)}
                          </>
                        ) : (
                          "Not deployed yet"
                        )}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ))}
      </div>
    </>
  );
}
