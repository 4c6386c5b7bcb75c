import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachmentStoreContract } from './contract/attachment-store.contract';
import { FileAttachmentStore } from './file-attachment-store';

describe('FileAttachmentStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lacak-attachments-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  attachmentStoreContract(async () => new FileAttachmentStore(dir));

  it('keeps each file under the first two hex digits of its key, and no temporary file behind', async () => {
    const key = await new FileAttachmentStore(dir).put(Buffer.from('surat keterangan'));
    expect(readdirSync(join(dir, key.slice(0, 2)))).toEqual([key]);
  });
});
