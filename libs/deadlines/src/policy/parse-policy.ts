import { asRecord, isPositiveInteger, isText } from '../json-checks';
import { isLocalDate } from '../time/zones';
import { REDISPOSITION_RULES, SPAN_LIMITS, type RedispositionRule, type SlaPolicy } from './sla-policy';

export class SlaPolicyError extends Error {
  override readonly name = 'SlaPolicyError';
}

const POLICY_KEYS = ['version', 'effectiveFrom', 'source', 'onRedisposition', 'limits', 'sources'];
const LIMIT_NAMES: readonly string[] = [...SPAN_LIMITS, 'bounceEscalationThreshold'];

function checkSpan(name: string, raw: unknown, problems: string[]): void {
  const span = asRecord(raw);
  const units = Object.keys(span ?? {});
  if (!span || units.length !== 1 || !['workingDays', 'calendarDays'].includes(units[0])) {
    problems.push(`limits.${name} must be { "workingDays": n } or { "calendarDays": n }`);
  } else if (!isPositiveInteger(span[units[0]])) {
    problems.push(`limits.${name}.${units[0]} must be a positive integer, got ${JSON.stringify(span[units[0]])}`);
  }
}

function checkLimits(raw: unknown, problems: string[]): void {
  const limits = asRecord(raw);
  if (!limits) {
    problems.push('limits must be an object');
    return;
  }
  for (const name of SPAN_LIMITS) {
    if (limits[name] === undefined) problems.push(`limits.${name} is missing`);
    else checkSpan(name, limits[name], problems);
  }
  const threshold = limits.bounceEscalationThreshold;
  if (threshold === undefined) problems.push('limits.bounceEscalationThreshold is missing');
  else if (!isPositiveInteger(threshold)) problems.push(`limits.bounceEscalationThreshold must be a positive integer, got ${JSON.stringify(threshold)}`);
  for (const name of Object.keys(limits)) if (!LIMIT_NAMES.includes(name)) problems.push(`limits.${name} is not a known limit`);
}

function checkSources(raw: unknown, problems: string[]): void {
  if (raw === undefined) return;
  const sources = asRecord(raw);
  if (!sources) problems.push('sources must map limit names to source labels');
  for (const [name, label] of Object.entries(sources ?? {})) {
    if (!LIMIT_NAMES.includes(name) && name !== 'onRedisposition') problems.push(`sources.${name} is not a known limit`);
    else if (!isText(label)) problems.push(`sources.${name} must be a non-empty string`);
  }
}

/** Validates one policy version; `where` names it in the error. */
export function parsePolicy(raw: unknown, where: string): SlaPolicy {
  const policy = asRecord(raw);
  if (!policy) throw new SlaPolicyError(`${where}: must be an object`);
  const problems: string[] = [];
  if (!isText(policy.version)) problems.push('version must be a non-empty string');
  if (!isLocalDate(policy.effectiveFrom)) problems.push('effectiveFrom must be a date YYYY-MM-DD');
  if (!isText(policy.source)) problems.push('source must name the regulation or decision');
  if (!REDISPOSITION_RULES.includes(policy.onRedisposition as RedispositionRule)) {
    problems.push(`onRedisposition must be one of ${REDISPOSITION_RULES.join(', ')}`);
  }
  checkLimits(policy.limits, problems);
  checkSources(policy.sources, problems);
  for (const key of Object.keys(policy)) if (!POLICY_KEYS.includes(key)) problems.push(`unknown field ${key}`);
  if (problems.length > 0) {
    const name = isText(policy.version) ? ` (${policy.version})` : '';
    throw new SlaPolicyError(`${where}${name}: ${problems.join('; ')}`);
  }
  return policy as unknown as SlaPolicy;
}
