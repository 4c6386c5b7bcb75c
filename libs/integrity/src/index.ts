export { canonicalJson } from './canonical-json';
export {
  type ChainFault,
  type ChainFaultKind,
  type ChainVerification,
  type HashableEvent,
  type LogVerificationReport,
  LogVerifier,
  chainEvents,
  eventHash,
  verifyChain,
} from './event-chain';
export { consistencyProof, inclusionProof, leafHash, nodeHash, rootHash, verifyConsistency, verifyInclusion } from './merkle-tree';
