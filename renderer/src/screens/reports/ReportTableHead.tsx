/** A column of figures in a report table: `id` keys it (two columns may share a label), `label` is its heading. */
export interface FigureColumn {
  id: string;
  label: string;
}

/** The head row of a report table: the column of row labels, then right-aligned columns of figures. */
export function ReportTableHead({ label, figures }: { label: string; figures: readonly FigureColumn[] }) {
  return (
    <thead>
      <tr>
        <th scope="col">{label}</th>
        {figures.map((figure) => (
          <th key={figure.id} scope="col" className="num">
            {figure.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
