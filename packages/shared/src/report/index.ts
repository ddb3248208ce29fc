/** The report's generated chapters: a language-independent tree, sentences in the six languages, numbering. */
export * from './model';
export * from './skeleton';
export * from './lists';
export * from './labels';
export * from './render';
export * from './assembled';
export * from './record';
export * from './inline';
export { venueWords } from './venues';
