export { canonicalJson } from './canonical-json';
export {
  type ChainFault,
  type ChainFaultKind,
  type ChainVerification,
  type HashableEvent,
  type LogVerificationReport,
  type LogVerifierOptions,
  type RecordedTreeHead,
  type UnsealedStream,
  HISTORY_SEALS_STREAM,
  LogVerifier,
  chainEvents,
  eventHash,
  verifyChain,
} from './event-chain';
export {
  MerkleFrontier,
  consistencyProof,
  consistencyProofOver,
  inclusionProof,
  inclusionProofOver,
  leafHash,
  nodeHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle-tree';
export { type SignedTreeHead, signTreeHead, treeHeadMessage, verifyTreeHead } from './tree-head';
