/**
 * The parameter schema lives in src/params/schema.ts (a layer below the engine, which reads it).
 * This re-export keeps older imports working while branches merge.
 */
export * from '../params/schema';
