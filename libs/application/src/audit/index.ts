export * from './complaint-dossier';
export * from './tree-heads';
