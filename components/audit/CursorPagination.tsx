import Link from "next/link";

interface Props {
  path: string;
  /** The filters to keep while paging. */
  query: URLSearchParams;
  newer?: string;
  older?: string;
}

const linkClass = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50";

/** Keyset paging: Newest / Newer / Older, no page numbers (counting a million rows is not free). */
export function CursorPagination({ path, query, newer, older }: Props) {
  const href = (cursor?: string, direction?: "newer") => {
    const params = new URLSearchParams(query);
    if (cursor) params.set("cursor", cursor);
    if (direction) params.set("direction", direction);
    return params.size ? `${path}?${params}` : path;
  };
  if (!newer && !older) return null;
  return (
    <nav aria-label="Pagination" className="mt-4 flex justify-end gap-2">
      {newer && (
        <>
          <Link className={linkClass} href={href()}>
            Newest
          </Link>
          <Link className={linkClass} href={href(newer, "newer")} rel="prev">
            Newer
          </Link>
        </>
      )}
      {older && (
        <Link className={linkClass} href={href(older)} rel="next">
          Older
        </Link>
      )}
    </nav>
  );
}
