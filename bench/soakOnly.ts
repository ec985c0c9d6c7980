/**
 * `npm run bench:soak`: only the soak of `npm run bench` (5,000 steps of the small model on WASM
 * in the production build; `--steps N` for a shorter one). Prints the checkpoints as a table,
 * then as its last line one JSON object of figures. It takes a while: run it under `nice`.
 */
import { benchSoak, soakFigures, soakTable, SOAK_FLAGS } from './soak';
import { launch, SOFTWARE_RASTER_FLAGS, startPreview } from '../tests/browser/harness';

const stepsArg = process.argv.indexOf('--steps');
const totalSteps = stepsArg > 0 ? Number(process.argv[stepsArg + 1]) : 5000;
if (!Number.isInteger(totalSteps) || totalSteps < 500) {
  console.error('--steps takes a whole number of at least 500');
  process.exit(2);
}

const prod = await startPreview();
try {
  const browser = await launch([...SOFTWARE_RASTER_FLAGS, ...SOAK_FLAGS]);
  try {
    const soak = await benchSoak(browser, prod.origin, totalSteps);
    console.log(
      `\n## Soak: ${totalSteps} steps, small model on WASM (targets: heap and DOM flat within 10%, history within its bound)`,
    );
    console.table(soakTable(soak));
    console.log(JSON.stringify(soakFigures(soak)));
  } finally {
    await browser.close();
  }
} finally {
  await prod.server.close();
}
