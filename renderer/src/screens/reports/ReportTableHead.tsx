/** The head row of a report table: the column of row labels, then right-aligned columns of figures. */
export function ReportTableHead({ label, figures }: { label: string; figures: readonly string[] }) {
  return (
    <thead>
      <tr>
        <th scope="col">{label}</th>
        {figures.map((figure) => (
          <th key={figure} scope="col" className="num">
            {figure}
          </th>
        ))}
      </tr>
    </thead>
  );
}
