/**
 * `npm run bench`: every speed and memory figure, measured side by side in one run. Prints
 * human tables, then as its last line one JSON object of named figures.
 */
import { benchCore } from './core';

const figures: Record<string, number | string> = {};
Object.assign(figures, await benchCore());
console.log(JSON.stringify(figures));
