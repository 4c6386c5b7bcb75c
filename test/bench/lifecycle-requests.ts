import { readFileSync } from 'node:fs';
import type autocannon from 'autocannon';
import { HTTP_LOAD_PHASE_ENV, LIFECYCLE_STEPS, LIFECYCLE_WORK_ENV } from './lifecycle-steps';

/**
 * autocannon's `setupRequest` for the lifecycle run, loaded by path inside its worker thread. Each
 * connection walks one complaint through verify → dispose → accept → respond (the requests'
 * placeholder paths name the step), then takes the next complaint; a connection sends its next
 * request only once the last one was answered, so every step finds the one before it done.
 */

interface StepContext {
  complaintId?: string;
}

let complaints: string[] | null = null;
let next = 0;

function setupLifecycleRequest(request: autocannon.Request, context: StepContext): autocannon.Request {
  complaints ??= JSON.parse(readFileSync(process.env[LIFECYCLE_WORK_ENV]!, 'utf8')) as string[];
  // Submissions outnumber what a run can walk through, so the list wraps only if the bench misjudged; then the repeats show as non-2xx.
  if (request.path === LIFECYCLE_STEPS[0]) {
    // The warm-up walks complaints from the end of the list, the measured run from its start: no step is repeated.
    const index = next++ % complaints.length;
    context.complaintId = complaints[process.env[HTTP_LOAD_PHASE_ENV] === 'warm-up' ? complaints.length - 1 - index : index];
  }
  return { ...request, path: `/complaints/${context.complaintId}/${request.path}` };
}

export = setupLifecycleRequest;
