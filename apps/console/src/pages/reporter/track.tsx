/** Being built. */
export function TrackPage() {
  return <h1>TrackPage</h1>;
}
