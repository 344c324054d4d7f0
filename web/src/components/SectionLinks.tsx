/** The links of a page's table of contents: [anchor, label] pairs. */
export function SectionLinks({ sections }: { sections: readonly (readonly [string, string])[] }) {
  return (
    <ul>
      {sections.map(([anchor, label]) => (
        <li key={anchor}>
          <a href={`#${anchor}`}>{label}</a>
        </li>
      ))}
    </ul>
  );
}
