/** "Showing 1 to 20 of 43" for a page of results. */
export function PageCount({ page, shown, noun }: { page: { offset: number; total: number }; shown: number; noun: [string, string] }) {
  if (page.total === 0) return null;
  const [one, many] = noun;
  const what = page.total === 1 ? `1 ${one}` : `${page.total} ${many}`;
  return <p className="results__count">{shown < page.total ? `Showing ${page.offset + 1} to ${page.offset + shown} of ${what}` : what}</p>;
}

/** Previous and next buttons for a server page. */
export function Pager({
  page,
  onPage,
  label,
  what = 'page',
}: {
  page: { offset: number; limit: number; nextOffset: number | null };
  onPage: (offset: number) => void;
  label: string;
  /** The buttons say "Previous page" and "Next page", or "Previous officials" for what="officials". */
  what?: string;
}) {
  if (page.offset === 0 && page.nextOffset === null) return null;
  return (
    <nav className="actions" aria-label={label}>
      {page.offset > 0 ? (
        <button type="button" className="button button--secondary" onClick={() => onPage(Math.max(page.offset - page.limit, 0))}>
          Previous {what}
        </button>
      ) : null}
      {page.nextOffset !== null ? (
        <button type="button" className="button button--secondary" onClick={() => onPage(page.nextOffset ?? 0)}>
          Next {what}
        </button>
      ) : null}
    </nav>
  );
}
