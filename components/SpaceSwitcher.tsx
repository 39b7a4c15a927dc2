"use client";

import { usePathname } from "next/navigation";

interface Props {
  spaces: { slug: string; name: string }[];
  current: string | undefined;
}

/** Posts to /api/space, which remembers the choice in a cookie and comes back to this page. */
export function SpaceSwitcher({ spaces, current }: Props) {
  const pathname = usePathname();
  return (
    <form method="post" action="/api/space" className="flex flex-col gap-1">
      <label htmlFor="space-switcher" className="text-xs font-semibold uppercase tracking-wide text-slate-300">
        Space
      </label>
      <input type="hidden" name="returnTo" value={pathname} />
      <select
        id="space-switcher"
        name="space"
        defaultValue={current}
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
        className="rounded-md border border-brand-700 bg-brand-800 px-2 py-1.5 text-sm text-white"
      >
        {spaces.map((space) => (
          <option key={space.slug} value={space.slug}>
            {space.name}
          </option>
        ))}
      </select>
      <button type="submit" className="sr-only focus:not-sr-only focus:rounded focus:bg-brand-700 focus:px-2 focus:py-1 focus:text-sm focus:text-white">
        Switch space
      </button>
    </form>
  );
}
