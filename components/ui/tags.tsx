/** A compact list of codes; an empty list means "all" throughout Switchyard. */
export function Tags({ items, max = 6 }: { items: readonly string[]; max?: number }) {
  if (items.length === 0) return <span className="muted">all</span>;
  return (
    <span className="tags" title={items.join(', ')}>
      {items.slice(0, max).map((item) => (
        <span key={item} className="tag">
          {item}
        </span>
      ))}
      {items.length > max && <span className="muted">+{items.length - max}</span>}
    </span>
  );
}
