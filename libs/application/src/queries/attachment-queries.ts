import type { AttachmentStore } from '@lacak/attachments';
import type { Actor } from '@lacak/domain';
import { AttachmentErasedError } from '../errors';
import { type ComplaintReadContext, GetComplaint } from './complaint-queries';
import { assertMayRun } from './query-access';

/** An attachment's content and what to serve it as. */
export interface AttachmentContent {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
}

/**
 * One attachment's content, for whoever sees it on the complaint's detail: the complaint's
 * visibility and the identity seal are GetComplaint's, not restated here. Null when the reader does
 * not see it (unknown, out of scope, or identifying and sealed from them); AttachmentErasedError
 * once its file went with the reporter's identity.
 */
export class GetAttachment {
  private readonly complaints: GetComplaint;

  constructor(
    context: ComplaintReadContext,
    private readonly store: AttachmentStore,
  ) {
    this.complaints = new GetComplaint(context);
  }

  async run(actor: Actor, complaintId: string, attachmentId: string): Promise<AttachmentContent | null> {
    assertMayRun('get-attachment', actor);
    const complaint = await this.complaints.run(actor, complaintId);
    const attachment = (complaint?.attachments ?? []).find((a) => a.attachmentId === attachmentId);
    if (!attachment) return null;
    if (attachment.erasedAt !== null) throw new AttachmentErasedError(attachmentId);
    const bytes = await this.store.get(attachment.sha256);
    // Stored before its event was appended, so only an erasure takes it away.
    if (!bytes) throw new AttachmentErasedError(attachmentId);
    return { fileName: attachment.fileName, mediaType: attachment.mediaType, bytes };
  }
}
