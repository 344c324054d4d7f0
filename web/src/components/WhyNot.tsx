/**
 * Why an action is not offered, or would be refused, said before the click: beside the action (or
 * where it would be), in the server's own refusal words when the server sends them. Give the action
 * `aria-describedby={id}` when it is still shown, so a screen reader says the reason with it.
 */
export function WhyNot({ id, lead, reasons }: { id?: string; lead?: string; reasons: readonly string[] }) {
  if (reasons.length === 0) return null;
  return (
    <div className="note why-not" id={id}>
      {lead ? <p className="why-not__lead">{lead}</p> : null}
      {reasons.length === 1 ? (
        <p>{reasons[0]}</p>
      ) : (
        <ul>
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
