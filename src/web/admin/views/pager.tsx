/** Previous / next links for a numbered list; nothing when everything fits on one page. */
export function Pager(props: { page: number; pages: number; href: (page: number) => string }) {
  if (props.pages <= 1) return null;
  return (
    <nav class="pager" aria-label="Pages">
      {props.page > 1 && (
        <a href={props.href(props.page - 1)} rel="prev">
          ← Previous
        </a>
      )}
      <span>
        Page {props.page} of {props.pages}
      </span>
      {props.page < props.pages && (
        <a href={props.href(props.page + 1)} rel="next">
          Next →
        </a>
      )}
    </nav>
  );
}
