import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { WebhookSecretBox } from './webhook-secrets';

describe('webhook signing secrets', () => {
  const box = new WebhookSecretBox(randomBytes(32));

  it('are Standard Webhooks secrets the package signs with', () => {
    const secret = box.generate();
    expect(box.problem(secret)).toBeNull();
    const signature = new Webhook(secret).sign('msg_1', new Date(), '{}');
    expect(signature).toMatch(/^v1,/);
  });

  it('are sealed for the event log and opened again only with the same key', () => {
    const secret = box.generate();
    const sealed = box.seal(secret);
    expect(sealed).not.toContain(secret.slice('whsec_'.length, 20));
    expect(box.open(sealed)).toBe(secret);
    expect(() => new WebhookSecretBox(randomBytes(32)).open(sealed)).toThrow();
  });

  it('refuses a chosen secret that is not whsec_ base64 of 24 to 64 bytes', () => {
    expect(box.problem('hunter2')).toBe('secret must be whsec_ followed by base64');
    expect(box.problem(`whsec_${randomBytes(8).toString('base64')}`)).toBe('secret must hold 24 to 64 bytes');
  });
});
