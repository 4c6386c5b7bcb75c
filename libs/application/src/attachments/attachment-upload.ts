import type { AttachmentStore, CleanAttachment } from '@lacak/attachments';
import type { Actor } from '@lacak/domain';
import type { Clock } from '../clock';
import type { ComplaintCommandService } from '../complaint-command.service';
import { type CommandCall, assertRoleMayIssue } from '../commands/command-call';
import type { ComplaintLifecycle, LifecycleOutcome } from '../commands/complaint-lifecycle';

/** A file as it was sent: its bytes, the name it came with, and whether the reporter marks it identifying. */
export interface AttachmentUploadRequest {
  complaintId: string;
  fileName: string;
  bytes: Buffer;
  identifying: boolean;
}

export interface AttachmentUploadDependencies {
  lifecycle: ComplaintLifecycle;
  commands: ComplaintCommandService;
  store: AttachmentStore;
  /** Detects the type from the content, refuses what is not allowed, strips images of their metadata. */
  clean: (bytes: Buffer) => Promise<CleanAttachment>;
  clock: Clock;
}

/**
 * Attaching evidence: the command is decided on the complaint as it is before anything is stored,
 * so a refusal keeps nothing; the cleaned file is stored (durably) before the event naming it is
 * appended, so a crash between the two leaves at worst a file no event names, never an event whose
 * file is missing. A retry with the same Idempotency-Key stores the same bytes under the same key
 * and is answered with the first outcome.
 */
export class AttachmentUpload {
  constructor(private readonly deps: AttachmentUploadDependencies) {}

  async add(upload: AttachmentUploadRequest, actor: Actor, call: CommandCall): Promise<LifecycleOutcome & { attachmentId: string }> {
    assertRoleMayIssue(actor, 'AddAttachment');
    const { complaintId, fileName, identifying } = upload;
    const facts = { complaintId, fileName, identifying, attachmentId: '-', sha256: '-', mediaType: '-', size: upload.bytes.length };
    const probe = { type: 'AddAttachment' as const, data: facts, actor, at: this.deps.clock.now().toISOString() };
    await this.deps.commands.assertWouldDecide(probe, call.expectedRevision);
    const clean = await this.deps.clean(upload.bytes);
    const sha256 = await this.deps.store.put(clean.bytes);
    const outcome = await this.deps.lifecycle.run(
      { type: 'AddAttachment', data: { complaintId, fileName, identifying, sha256, mediaType: clean.mediaType, size: clean.bytes.length } },
      actor,
      call,
    );
    return { ...outcome, attachmentId: outcome.attachmentId! };
  }
}
