/** Being built. */
export function ReportPage() {
  return <h1>ReportPage</h1>;
}
