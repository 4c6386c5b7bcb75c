export * from './complaint-dossier';
export * from './tree-heads';
export * from './history-seals';
