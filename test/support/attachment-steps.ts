import type { HttpResponse, TestApp } from './test-app';

/** A small PDF: an attachment that passes type detection as it is. */
export const A_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/**
 * A lifecycle command of the access matrix over HTTP: JSON to `/complaints/{id}/<command>`, except
 * `add-attachment`, a multipart upload of `A_PDF` (the body's fields as form fields) that answers 201.
 */
export function sendCommand(t: TestApp, complaintId: string, command: string, token: string, body: object): Promise<HttpResponse> {
  if (command !== 'add-attachment') return t.request('POST', `/complaints/${complaintId}/${command}`, { token, body });
  const fields = Object.fromEntries(Object.entries(body).map(([name, value]) => [name, String(value)]));
  return t.upload(`/complaints/${complaintId}/attachments`, { token, fields, file: { name: 'bukti.pdf', bytes: A_PDF, type: 'application/pdf' } });
}

/** What a command answers when it is accepted. */
export const acceptedStatus = (command: string): number => (command === 'add-attachment' ? 201 : 200);
