import Link from "next/link";

interface Props {
  page: number;
  pageCount: number;
  total: number;
  /** The list's path and the other query parameters to keep while paging. */
  path: string;
  query: Record<string, string | undefined>;
  noun: string;
}

export function Pagination({ page, pageCount, total, path, query, noun }: Props) {
  const href = (target: number) => {
    const params = new URLSearchParams(Object.entries({ ...query, page: String(target) }).flatMap(([k, v]) => (v ? [[k, v]] : [])));
    return `${path}?${params}`;
  };
  const linkClass = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50";
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm text-slate-600">
      <p>
        Page {page} of {pageCount} · {total} {noun}
      </p>
      <div className="flex gap-2">
        {page > 1 && (
          <Link className={linkClass} href={href(page - 1)} rel="prev">
            Newer
          </Link>
        )}
        {page < pageCount && (
          <Link className={linkClass} href={href(page + 1)} rel="next">
            Older
          </Link>
        )}
      </div>
    </nav>
  );
}
