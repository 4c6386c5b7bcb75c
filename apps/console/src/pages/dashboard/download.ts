import { ApiProblem, type ProblemBody } from '../../api/problem';

/** The file name an attachment's `Content-Disposition` gives, or `fallback`. */
export function attachmentName(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (encoded) return decodeURIComponent(encoded[1]!);
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? fallback;
}

interface BlobAnswer {
  data?: Blob;
  error?: unknown;
  response: Response;
}

/**
 * Saves a file the API answers with (fetched with the session's bearer token, which a plain link
 * cannot send) under its attachment name; throws an `ApiProblem` when the API refuses.
 */
export async function saveDownload(call: Promise<BlobAnswer>, fallbackName: string): Promise<void> {
  let answer: BlobAnswer;
  try {
    answer = await call;
  } catch {
    throw new ApiProblem(0, { title: 'Network error' });
  }
  if (!answer.response.ok || !answer.data) throw new ApiProblem(answer.response.status, (answer.error ?? {}) as Partial<ProblemBody>);
  const url = URL.createObjectURL(answer.data);
  const link = document.createElement('a');
  link.href = url;
  link.download = attachmentName(answer.response, fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the object URL once the download starts, after this task.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
