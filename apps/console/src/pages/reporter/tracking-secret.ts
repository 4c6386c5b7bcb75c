/**
 * The tracking secret is kept for this browser tab only (sessionStorage), never in the URL, where it
 * would land in history, logs and shared links.
 */
const key = (trackingId: string) => `lacak.tracking.${trackingId.toUpperCase()}`;

export function rememberSecret(trackingId: string, secret: string): void {
  sessionStorage.setItem(key(trackingId), secret);
}

export function rememberedSecret(trackingId: string): string | null {
  return sessionStorage.getItem(key(trackingId));
}

export function forgetSecret(trackingId: string): void {
  sessionStorage.removeItem(key(trackingId));
}

/** The header the tracking endpoints read the secret from. */
export const secretHeader = (secret: string) =>
  // The generated type lists the header in both spellings; one sent is enough, HTTP headers ignore case.
  ({ 'X-Tracking-Secret': secret }) as { 'X-Tracking-Secret': string; 'x-tracking-secret': string };
