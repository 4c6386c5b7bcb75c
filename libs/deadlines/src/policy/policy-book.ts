import { readFileSync } from 'node:fs';
import shippedPolicies from '../../config/sla-policies.json';
import { epochMillis, startOfLocalDate } from '../time/zones';
import { parsePolicy, SlaPolicyError } from './parse-policy';
import type { SlaPolicy } from './sla-policy';

// National regulations take effect on a date in Jakarta.
const POLICY_ZONE = 'Asia/Jakarta';
const startOf = (policy: SlaPolicy): number => startOfLocalDate(policy.effectiveFrom, POLICY_ZONE);

/**
 * The published SLA policy versions. Each is in force from its `effectiveFrom` until the next
 * one's; a complaint records `inForce(submittedAt).version` and is read back with `byVersion`.
 */
export class PolicyBook {
  /** Oldest first. */
  readonly versions: readonly SlaPolicy[];

  constructor(policies: readonly SlaPolicy[]) {
    if (policies.length === 0) throw new SlaPolicyError('At least one policy version is needed');
    const versions = [...policies].sort((a, b) => startOf(a) - startOf(b));
    versions.forEach((policy, index) => {
      const twin = versions.find((other, otherIndex) => otherIndex !== index && other.version === policy.version);
      if (twin) throw new SlaPolicyError(`Version ${policy.version} is published twice`);
      const next = versions[index + 1];
      if (next && startOf(next) === startOf(policy)) {
        throw new SlaPolicyError(`Versions ${policy.version} and ${next.version} overlap: both take effect on ${policy.effectiveFrom}`);
      }
    });
    this.versions = versions;
  }

  /** The version in force at `at` (the submission instant for pinning). */
  inForce(at: string): SlaPolicy {
    const instant = epochMillis(at, 'at');
    const policy = [...this.versions].reverse().find((candidate) => startOf(candidate) <= instant);
    if (!policy) throw new SlaPolicyError(`No policy version is in force at ${at}; the first takes effect on ${this.versions[0].effectiveFrom}`);
    return policy;
  }

  byVersion(version: string): SlaPolicy {
    const policy = this.versions.find((candidate) => candidate.version === version);
    if (!policy) throw new SlaPolicyError(`Unknown policy version ${version}; known: ${this.versions.map((p) => p.version).join(', ')}`);
    return policy;
  }

  /**
   * A book with one more version. It must not take effect before `publishedAt`, so no instant
   * already past gets a different answer from `inForce`.
   */
  publish(policy: unknown, publishedAt: string): PolicyBook {
    const added = parsePolicy(policy, `Version #${this.versions.length}`);
    if (startOf(added) < epochMillis(publishedAt, 'publishedAt')) {
      throw new SlaPolicyError(`Version ${added.version} would take effect on ${added.effectiveFrom}, before its publication at ${publishedAt}`);
    }
    return new PolicyBook([...this.versions, added]);
  }
}

/** Validates a policy file's content: `{ "versions": [ ... ] }`. */
export function parsePolicyBook(raw: unknown): PolicyBook {
  const versions = (raw as { versions?: unknown } | null)?.versions;
  if (!Array.isArray(versions)) throw new SlaPolicyError('The policy file must hold { "versions": [ ... ] }');
  return new PolicyBook(versions.map((policy, index) => parsePolicy(policy, `Version #${index}`)));
}

/** The deployment's policy file when `file` is given (it replaces the shipped one), else the shipped file. */
export function loadPolicyBook(file?: string): PolicyBook {
  if (!file) return parsePolicyBook(shippedPolicies);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SlaPolicyError(`Cannot read policy file ${file}: ${(error as Error).message}`);
  }
  return parsePolicyBook(raw);
}
